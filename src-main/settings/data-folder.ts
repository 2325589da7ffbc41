/**
 * The data folder is private to the user: every folder Patchbay writes in it is 0700 and every file
 * 0600 (audit log, timed-route state, settings, files kept aside). Folders and files left looser by
 * an earlier version are tightened when they are opened again. Windows has no POSIX modes: there the
 * folder's ACLs (the user's profile) apply and nothing is changed.
 */
import { chmodSync, mkdirSync } from 'node:fs';
import { chmod, mkdir } from 'node:fs/promises';

const PRIVATE_DIR_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

const hasPosixModes = process.platform !== 'win32';

/** Creates the folder (and missing parents) owner-only, and tightens it when it already existed. */
export async function ensurePrivateDir(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  if (hasPosixModes) await chmod(dir, PRIVATE_DIR_MODE);
}

export function ensurePrivateDirSync(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  if (hasPosixModes) chmodSync(dir, PRIVATE_DIR_MODE);
}

/** Makes an existing file owner-only (a file kept aside, or one written by an earlier version). */
export async function makePrivate(file: string): Promise<void> {
  if (hasPosixModes) await chmod(file, PRIVATE_FILE_MODE);
}

/** Like `makePrivate`; a file that does not exist is left alone. */
export function makePrivateSync(file: string): void {
  if (!hasPosixModes) return;
  try {
    chmodSync(file, PRIVATE_FILE_MODE);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}
