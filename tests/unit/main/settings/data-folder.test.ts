/**
 * File modes of the data folder: every file main writes is 0600 and every folder 0700 — the audit
 * log (and a torn line kept aside), the timed-route state (and a file kept aside), the settings
 * (and a file kept aside) — and files and folders an earlier version left looser are tightened.
 */
import { chmod, mkdir, readdir, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AuditLog } from '../../../../src-main/audit';
import { TimerStore } from '../../../../src-main/routing';
import { openStore, tempDir } from './fixtures';

let root: string;
let cleanup: () => Promise<void>;
beforeEach(async () => {
  ({ dir: root, cleanup } = await tempDir());
});
afterEach(() => cleanup());

const mode = async (path: string): Promise<string> =>
  ((await stat(path)).mode & 0o777).toString(8).padStart(4, '0');

/** Every entry under `dir` (and `dir` itself) with its mode. */
async function modes(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = { '.': await mode(dir) };
  for (const name of await readdir(dir, { recursive: true })) {
    out[name] = await mode(join(dir, name));
  }
  return out;
}

/** A folder and a file as an earlier version (or a umask of 022) left them. */
async function loose(dir: string, file: string, text: string): Promise<void> {
  await mkdir(dir, { recursive: true });
  await chmod(dir, 0o755);
  await writeFile(join(dir, file), text, { mode: 0o644 });
  await chmod(join(dir, file), 0o644);
}

describe.skipIf(process.platform === 'win32')('data folder modes', () => {
  it('the audit log: folder 0700, log and a torn line kept aside 0600, older ones tightened', async () => {
    const dir = join(root, 'audit');
    await loose(dir, 'audit.jsonl', '{"seq":1,"ti');
    const log = await AuditLog.open({ dir });
    await log.append({
      profileId: 'p',
      accountId: 'a',
      sessionId: 's',
      intent: {},
      receivers: [],
      outcome: 'applied',
    });
    await log.close();
    const seen = await modes(dir);
    expect(Object.keys(seen).some((n) => n.startsWith('audit.jsonl.torn-'))).toBe(true);
    expect(seen).toEqual(
      Object.fromEntries(Object.keys(seen).map((n) => [n, n === '.' ? '0700' : '0600'])),
    );
  });

  it('a new audit log in a new folder is private from the start', async () => {
    const dir = join(root, 'fresh', 'audit');
    const log = await AuditLog.open({ dir });
    await log.close();
    expect(await modes(dir)).toEqual({ '.': '0700', 'audit.jsonl': '0600' });
    expect(await mode(join(root, 'fresh'))).toBe('0700');
  });

  it('timed-route state: folder 0700, file and a file kept aside 0600', async () => {
    const dir = join(root, 'routing', 'profile-1');
    const store = new TimerStore(dir);
    await store.save([]);
    expect(await modes(dir)).toEqual({ '.': '0700', 'timed-routes.json': '0600' });
    await loose(dir, 'timed-routes.json', 'not json');
    expect((await store.load()).warning).toMatch(/kept at/);
    await store.save([]);
    const seen = await modes(dir);
    expect(Object.keys(seen)).toHaveLength(3);
    expect(seen).toEqual(
      Object.fromEntries(Object.keys(seen).map((n) => [n, n === '.' ? '0700' : '0600'])),
    );
  });

  it('settings: folder 0700 and file 0600, an older file and one kept aside tightened', async () => {
    const fresh = join(root, 'new-data');
    openStore(fresh);
    expect(await modes(fresh)).toEqual({ '.': '0700', 'settings.json': '0600' });

    const older = join(root, 'old-data');
    await loose(older, 'settings.json', '{"schemaVersion": 999}');
    openStore(older);
    const seen = await modes(older);
    expect(Object.keys(seen).some((n) => n.startsWith('settings.json.corrupt-'))).toBe(true);
    expect(seen).toEqual(
      Object.fromEntries(Object.keys(seen).map((n) => [n, n === '.' ? '0700' : '0600'])),
    );
  });
});
