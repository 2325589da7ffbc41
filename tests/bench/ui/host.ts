/**
 * Starts the real web host (tests/e2e/support/web-host.ts) once the build (`out/`) is there. Other
 * people's builds replace `out/` while they run, so the bench waits for the built page and tries a
 * failed start once more (bounded: 60 s of waiting at most).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { BUILT_HOST, startHost } from '../../e2e/support/web-host';
import type { RunningHost } from '../../e2e/support/web-host';
import { sleep } from '../support/stats';

const INDEX = join(import.meta.dirname, '../../../out/renderer/index.html');

async function builtPage(timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!existsSync(INDEX) || !existsSync(BUILT_HOST)) {
    if (Date.now() > until) {
      throw new Error(`${INDEX} or ${BUILT_HOST} is missing: run electron-vite build first`);
    }
    await sleep(250);
  }
}

export async function startBuiltHost(): Promise<RunningHost> {
  await builtPage(30_000);
  try {
    return await startHost({ simulate: false });
  } catch {
    await sleep(2_000);
    await builtPage(30_000);
    return startHost({ simulate: false });
  }
}
