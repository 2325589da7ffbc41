/**
 * One JSON document in the data folder, validated on read and written atomically (temp file,
 * fsync, rename) owner-only (0600, folder 0700). A file that cannot be read as the document is kept
 * aside (`<file>.corrupt-<time>`, 0600), never lost, and reading it answers nothing and a warning.
 */
import { readFile, rename } from 'node:fs/promises';
import { dirname } from 'node:path';
import pLimit from 'p-limit';
import writeFileAtomic from 'write-file-atomic';
import type { z } from 'zod';
import { ensurePrivateDir, makePrivate, PRIVATE_FILE_MODE } from './data-folder';

export class PrivateJsonFile<T> {
  private readonly writes = pLimit(1);

  /** `what` names the content in the warning: "the open alerts". */
  constructor(
    readonly path: string,
    private readonly schema: z.ZodType<T>,
    private readonly what: string,
  ) {}

  /** The document on disk; a missing file is `undefined`, an unreadable one is kept aside. */
  async load(): Promise<{ value: T | undefined; warning?: string }> {
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { value: undefined };
      throw error;
    }
    try {
      return { value: this.schema.parse(JSON.parse(text)) };
    } catch (error) {
      const keptAt = `${this.path}.corrupt-${Date.now()}`;
      await rename(this.path, keptAt);
      await makePrivate(keptAt);
      const why = error instanceof Error ? error.message : String(error);
      return {
        value: undefined,
        warning: `${this.what} could not be read (${why}); the file was kept at ${keptAt}.`,
      };
    }
  }

  /** Writes the whole document; calls are serialised and each writes what it was given. */
  save(value: T): Promise<void> {
    const text = `${JSON.stringify(value, null, 2)}\n`;
    return this.writes(async () => {
      await ensurePrivateDir(dirname(this.path));
      await writeFileAtomic(this.path, text, { fsync: true, mode: PRIVATE_FILE_MODE });
    });
  }
}
