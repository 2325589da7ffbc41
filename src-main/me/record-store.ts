/**
 * Where "me" is, written before my participant exists: one small JSON file per profile
 * (`<dir>/<profileId>.json`, atomic, owner-only). The session and the participant's tag are
 * recorded before it is created, its id as soon as Bandwidth gives it, so a console that crashed
 * or was closed finds a leftover "me" on its next start (by id, or by tag in that session) and
 * removes it — never left listening. A file that cannot be read is kept aside and reported.
 */
import { readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import pLimit from 'p-limit';
import writeFileAtomic from 'write-file-atomic';
import { z } from 'zod';
import { ME_MODES } from '../shared/dto/me';
import { ensurePrivateDir, makePrivate, PRIVATE_FILE_MODE } from '../settings/data-folder';

const recordSchema = z.strictObject({
  version: z.literal(1),
  sessionId: z.string().min(1),
  /** The tag my participant is created with (no personal data): how a leftover is found. */
  tag: z.string().min(1),
  /** Set as soon as Bandwidth answered the create. */
  participantId: z.string().min(1).optional(),
  mode: z.enum(ME_MODES).optional(),
  createdAt: z.iso.datetime(),
});
export type MeRecord = z.infer<typeof recordSchema>;

export class MeRecordStore {
  readonly #dir: string;
  readonly #writes = pLimit(1);

  constructor(dir: string) {
    this.#dir = dir;
  }

  path(profileId: string): string {
    return join(this.#dir, `${encodeURIComponent(profileId)}.json`);
  }

  /** The profile's record; none when there is no file, a warning when it could not be read. */
  async load(profileId: string): Promise<{ record?: MeRecord; warning?: string }> {
    const path = this.path(profileId);
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
      throw error;
    }
    const parsed = recordSchema.safeParse(safeJson(text));
    if (parsed.success) return { record: parsed.data };
    const keptAt = `${path}.corrupt-${Date.now()}`;
    await rename(path, keptAt);
    await makePrivate(keptAt);
    return {
      warning: `The record of your own participant could not be read; it was kept at ${keptAt}. Check the account for a leftover participant tagged "supervisor-me-…".`,
    };
  }

  /** Writes the record (fsync, then rename) before the caller goes on. */
  async save(profileId: string, record: MeRecord): Promise<void> {
    const text = `${JSON.stringify(recordSchema.parse(record), null, 2)}\n`;
    await this.#writes(async () => {
      await ensurePrivateDir(this.#dir);
      await writeFileAtomic(this.path(profileId), text, { fsync: true, mode: PRIVATE_FILE_MODE });
    });
  }

  clear(profileId: string): Promise<void> {
    return this.#writes(() => rm(this.path(profileId), { force: true }));
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
