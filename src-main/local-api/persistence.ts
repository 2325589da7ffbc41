/**
 * Persistence of the local API's state in a data folder: `state.json` holds the state and the JWT
 * secret (so tokens survive restarts). Writes are atomic (write-file-atomic: temp file + rename),
 * coalesced after mutations, and flushed by `flush()` (the server calls it on close). A file that is
 * not valid JSON or does not match the schema is never silently discarded: it is moved aside to
 * `state.json.corrupt-<timestamp>`, and the reason is returned as a warning and written to stderr.
 */
import { mkdir, readFile, rename } from 'node:fs/promises';
import { join } from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import { z } from 'zod';
import { printable } from '../shared/text';
import { TOKEN_SECRET_BYTES } from './tokens';
import { parseState } from './state';
import type { LocalApiState } from './state';

const STATE_FILE_NAME = 'state.json';
const FILE_FORMAT = 'patchbay-local-api-state';
const FILE_VERSION = 1;
const COALESCE_MS = 10;

export interface PersistedData {
  state: LocalApiState;
  tokenSecret: Uint8Array;
}

export interface LoadResult {
  /** Undefined when there was no usable file (none, or a corrupt one moved aside). */
  data?: PersistedData;
  warnings: string[];
}

const fileSchema = z.object({
  format: z.literal(FILE_FORMAT),
  version: z.literal(FILE_VERSION),
  tokenSecret: z
    .string()
    .regex(/^[A-Za-z0-9_-]+$/)
    .refine((s) => Buffer.from(s, 'base64url').length >= TOKEN_SECRET_BYTES, {
      error: `must encode at least ${TOKEN_SECRET_BYTES} bytes`,
    }),
  state: z.unknown(),
});

function stateFilePath(dataDir: string): string {
  return join(dataDir, STATE_FILE_NAME);
}

function decode(text: string): PersistedData {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`is not valid JSON (${reason})`, { cause: error });
  }
  const file = fileSchema.safeParse(json);
  if (!file.success) {
    const issue = file.error.issues[0];
    const where =
      issue === undefined ? '' : `${issue.path.join('.') || '(root)'}: ${issue.message}`;
    throw new Error(`is not a Patchbay local API state file (${where})`);
  }
  return {
    state: parseState(file.data.state),
    tokenSecret: new Uint8Array(Buffer.from(file.data.tokenSecret, 'base64url')),
  };
}

/** Reads `state.json` from the data folder (creating the folder if needed). */
export async function loadPersistedState(dataDir: string): Promise<LoadResult> {
  await mkdir(dataDir, { recursive: true });
  const file = stateFilePath(dataDir);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { warnings: [] };
    throw new Error(`cannot read the local API state file ${file}: ${String(error)}`, {
      cause: error,
    });
  }
  try {
    return { data: decode(text), warnings: [] };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    const aside = `${file}.corrupt-${new Date().toISOString().replace(/[:.]/g, '-')}`;
    await rename(file, aside);
    const warning =
      `The local API state file ${file} ${reason}. It was kept as ${aside} and the ` +
      'local API started with a fresh state.';
    console.error(`local WebRTC API: ${printable(warning)}`);
    return { warnings: [warning] };
  }
}

function encode(data: PersistedData): string {
  const file = {
    format: FILE_FORMAT,
    version: FILE_VERSION,
    savedAt: new Date().toISOString(),
    tokenSecret: Buffer.from(data.tokenSecret).toString('base64url'),
    state: data.state,
  };
  return `${JSON.stringify(file, null, 2)}\n`;
}

/** Writes the state file after changes, coalescing bursts; one write at a time. */
export class StateWriter {
  readonly #file: string;
  readonly #read: () => PersistedData;
  #dirty = false;
  #timer: NodeJS.Timeout | undefined;
  #writing: Promise<void> | undefined;

  constructor(dataDir: string, read: () => PersistedData) {
    this.#file = stateFilePath(dataDir);
    this.#read = read;
  }

  schedule(): void {
    this.#dirty = true;
    if (this.#timer !== undefined || this.#writing !== undefined) return;
    this.#timer = setTimeout(() => void this.#drain(), COALESCE_MS);
    this.#timer.unref();
  }

  /** Resolves once every change so far is on disk. */
  async flush(): Promise<void> {
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
    if (this.#writing !== undefined) await this.#writing;
    if (this.#dirty) await this.#drain();
  }

  #drain(): Promise<void> {
    this.#timer = undefined;
    this.#writing ??= (async (): Promise<void> => {
      while (this.#dirty) {
        this.#dirty = false;
        try {
          await writeFileAtomic(this.#file, encode(this.#read()), { mode: 0o600 });
        } catch (error) {
          console.error(
            printable(`local WebRTC API: could not write ${this.#file}: ${String(error)}`),
          );
        }
      }
    })().finally(() => {
      this.#writing = undefined;
      if (this.#dirty) this.schedule();
    });
    return this.#writing;
  }
}
