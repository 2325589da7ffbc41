/**
 * The append-only, hash-chained audit log: one JSON line per entry in `<dir>/audit.jsonl`.
 * `append()` resolves only once the line is on disk (fsync), so a change can be reported done after
 * it. Appends run one at a time in call order. Opening verifies the chain; a line torn by a crash is
 * kept in `audit.jsonl.torn-<time>` and cut from the log, and the chain continues from the last good
 * entry. One process writes a given log at a time. The log and its folder are owner-only (0600/0700).
 */
import { open, readFile, type FileHandle } from 'node:fs/promises';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import pLimit from 'p-limit';
import { entryHash } from './canonical';
import { walkChain, type ChainBreak, type ChainWalk } from './chain';
import { entriesToCsv, entriesToJson } from './export';
import { Scrubber } from '../credentials/scrubber';
import { ensurePrivateDir, PRIVATE_FILE_MODE } from '../settings/data-folder';
import { redactEntry } from './guard';
import { filterEntries, type AuditFilter } from './query';
import {
  auditEntryInputSchema,
  type AuditEntry,
  type AuditEntryInput,
  type AuditRedaction,
} from './types';

export interface AuditLogOptions {
  /** The folder holding the log (the app's userData, or a throwaway folder in tests). */
  dir: string;
  /** Default `audit.jsonl`. */
  fileName?: string;
  now?: () => Date;
  osUser?: () => string;
  /**
   * Redacts every entry before it is written (the console's log scrubber, which knows the accounts'
   * active secrets). Default: the credential patterns alone.
   */
  scrubber?: Scrubber;
}

export interface AuditVerification {
  /** No torn line and no break in the chain. */
  ok: boolean;
  /** Entries readable from the file. */
  entries: number;
  /** Entries verified from the start up to the first break. */
  verifiedEntries: number;
  /** The seq of the last readable entry (0 when empty). */
  lastSeq: number;
  /** A line torn by a crash mid-write; `keptAt` is where its bytes were saved (set when repaired at open). */
  torn: { bytes: number; keptAt: string | null } | null;
  tampered: ChainBreak | null;
  /** One human sentence. */
  message: string;
}

export type AuditErrorCode = 'invalid-entry' | 'write-failed' | 'closed';

export class AuditLogError extends Error {
  readonly code: AuditErrorCode;

  constructor(code: AuditErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'AuditLogError';
    this.code = code;
  }
}

function currentOsUser(): string {
  try {
    return userInfo().username;
  } catch {
    return process.env['USER'] ?? process.env['USERNAME'] ?? 'unknown';
  }
}

function fileStamp(date: Date): string {
  return date.toISOString().replace(/[-:.]/g, '');
}

async function readBytes(path: string): Promise<Buffer> {
  try {
    return await readFile(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return Buffer.alloc(0);
    throw error;
  }
}

/** Writes bytes to a new (owner-only) file and flushes them to disk. */
async function writeDurably(path: string, bytes: Buffer): Promise<void> {
  const handle = await open(path, 'wx', PRIVATE_FILE_MODE);
  try {
    await handle.writeFile(bytes);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Makes a newly created file's directory entry durable; best effort (not possible on Windows). */
async function syncDirectory(dir: string): Promise<void> {
  try {
    const handle = await open(dir, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // Directories cannot be opened for fsync on every platform.
  }
}

function summarise(walk: ChainWalk, keptAt: string | null): AuditVerification {
  const torn = walk.tornBytes ? { bytes: walk.tornBytes.length, keptAt } : null;
  const parts: string[] = [];
  if (walk.tampered) {
    const { seq, line, reason } = walk.tampered;
    parts.push(
      `The audit log was altered or damaged: the chain breaks at seq ${seq} (line ${line}): ${reason}.`,
    );
  }
  if (torn) {
    parts.push(
      `The last audit line was cut short by a crash (${torn.bytes} bytes)` +
        (keptAt
          ? `; it was kept in ${keptAt} and the log continues from seq ${walk.head.seq}.`
          : '.'),
    );
  }
  const message =
    parts.length > 0 ? parts.join(' ') : `The audit log verified: ${walk.entries.length} entries.`;
  return {
    ok: !walk.tampered && !torn,
    entries: walk.entries.length,
    verifiedEntries: walk.verifiedEntries,
    lastSeq: walk.head.seq,
    torn,
    tampered: walk.tampered,
    message,
  };
}

export class AuditLog {
  readonly path: string;
  /** The verification made when the log was opened (including any torn-line repair). */
  readonly startup: AuditVerification;
  readonly #handle: FileHandle;
  readonly #now: () => Date;
  readonly #osUser: () => string;
  readonly #scrubber: Scrubber;
  readonly #queue = pLimit(1);
  #head: { seq: number; hash: string };
  #size: number;
  #closed = false;

  private constructor(init: {
    path: string;
    handle: FileHandle;
    startup: AuditVerification;
    head: { seq: number; hash: string };
    size: number;
    options: AuditLogOptions;
  }) {
    this.path = init.path;
    this.#handle = init.handle;
    this.startup = init.startup;
    this.#head = init.head;
    this.#size = init.size;
    this.#now = init.options.now ?? ((): Date => new Date());
    this.#osUser = init.options.osUser ?? currentOsUser;
    this.#scrubber = init.options.scrubber ?? new Scrubber({ mode: 'log' });
  }

  /** Opens (creating when needed) and verifies the log; a torn last line is kept aside and cut off. */
  static async open(options: AuditLogOptions): Promise<AuditLog> {
    await ensurePrivateDir(options.dir);
    const path = join(options.dir, options.fileName ?? 'audit.jsonl');
    const walk = walkChain(await readBytes(path));
    let keptAt: string | null = null;
    const handle = await open(path, 'a', PRIVATE_FILE_MODE);
    try {
      // A log written by an earlier version may be readable by others: owner-only from now on.
      if (process.platform !== 'win32') await handle.chmod(PRIVATE_FILE_MODE);
      if (walk.tornBytes) {
        // Keep the torn bytes first, then cut them: a crash in between loses nothing.
        keptAt = `${path}.torn-${fileStamp((options.now ?? ((): Date => new Date()))())}`;
        await writeDurably(keptAt, walk.tornBytes);
        await handle.truncate(walk.completeLength);
        await handle.sync();
      }
      await syncDirectory(options.dir);
    } catch (error) {
      await handle.close();
      throw error;
    }
    const startup = summarise(walk, keptAt);
    return new AuditLog({
      path,
      handle,
      startup,
      head: walk.head,
      size: walk.completeLength,
      options,
    });
  }

  /**
   * Appends one entry, chained to the previous one, and resolves once it is flushed to disk.
   * Anything that looks like a secret is redacted and noted (guard.ts), never a reason to refuse;
   * only a malformed entry (a caller's bug) is refused.
   */
  append(input: AuditEntryInput): Promise<AuditEntry> {
    const { input: redactedInput, redacted } = redactEntry(input, this.#scrubber);
    const parsed = auditEntryInputSchema.safeParse(redactedInput);
    if (!parsed.success) {
      const issues = parsed.error.issues.map(
        (i) => `${i.path.join('.') || '(root)'}: ${i.message}`,
      );
      return Promise.reject(
        new AuditLogError('invalid-entry', `The audit entry is malformed: ${issues.join('; ')}.`),
      );
    }
    const fields = parsed.data as AuditEntryInput;
    return this.#queue(() => this.#write(fields, redacted));
  }

  async #write(fields: AuditEntryInput, redacted: AuditRedaction[]): Promise<AuditEntry> {
    if (this.#closed) throw new AuditLogError('closed', 'The audit log is closed.');
    const unhashed: Omit<AuditEntry, 'hash'> = {
      seq: this.#head.seq + 1,
      time: this.#now().toISOString(),
      profileId: fields.profileId,
      accountId: fields.accountId,
      sessionId: fields.sessionId,
      osUser: this.#osUser(),
      intent: fields.intent,
      receivers: fields.receivers,
      outcome: fields.outcome,
      ...(fields.error === undefined ? {} : { error: fields.error }),
      ...(fields.reason === undefined ? {} : { reason: fields.reason }),
      ...(fields.names === undefined ? {} : { names: fields.names }),
      ...(fields.call === undefined ? {} : { call: fields.call }),
      ...(fields.supervisor === undefined ? {} : { supervisor: fields.supervisor }),
      ...(redacted.length === 0 ? {} : { redacted }),
      prevHash: this.#head.hash,
    };
    const entry: AuditEntry = { ...unhashed, hash: entryHash(unhashed) };
    const line = Buffer.from(`${JSON.stringify(entry)}\n`, 'utf8');
    try {
      await this.#handle.appendFile(line);
      await this.#handle.sync();
    } catch (error) {
      // Cut any partial write so the next entry does not follow a torn line.
      await this.#handle.truncate(this.#size).catch(() => undefined);
      throw new AuditLogError(
        'write-failed',
        `The audit entry could not be written to ${this.path}.`,
        { cause: error },
      );
    }
    this.#size += line.length;
    this.#head = { seq: entry.seq, hash: entry.hash };
    return entry;
  }

  /** Walks the whole chain again (read-only). */
  async verify(): Promise<AuditVerification> {
    return this.#queue(async () => summarise(walkChain(await readBytes(this.path)), null));
  }

  /** Readable entries matching the filter, in log order. */
  async query(filter: AuditFilter = {}): Promise<AuditEntry[]> {
    const walk = await this.#queue(async () => walkChain(await readBytes(this.path)));
    return filterEntries(walk.entries, filter);
  }

  async export(format: 'csv' | 'json', filter: AuditFilter = {}): Promise<string> {
    const entries = await this.query(filter);
    return format === 'csv' ? entriesToCsv(entries) : entriesToJson(entries);
  }

  /** Waits for pending appends, then closes the file. */
  async close(): Promise<void> {
    await this.#queue(async () => {
      if (this.#closed) return;
      this.#closed = true;
      await this.#handle.close();
    });
  }
}
