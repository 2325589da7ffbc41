/**
 * Which screen parts 4 and 5 measure: the matrix when the built renderer has it (marked done by
 * `src-renderer/.matrix-done`, or still in progress), else the session page's read-only list.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Readiness } from './bench-start';
import type { RoutingScreen } from './bench-interface';
import { MATRIX_READY, MATRIX_SCREEN } from './matrix-screen';
import { SESSION_PAGE_READY, SESSION_PAGE_SCREEN } from './screens';

export interface ChosenScreens {
  readonly interface: RoutingScreen;
  readonly ready: Readiness;
  /** What limits part 4 (missing or unfinished matrix), or null when the matrix is done. */
  readonly missing: string | null;
}

/** True when the built renderer (`out/renderer/assets/*.js`) contains the matrix grid. */
function builtWithMatrix(root: string): boolean {
  const assets = join(root, 'out/renderer/assets');
  if (!existsSync(assets)) return false;
  return readdirSync(assets)
    .filter((f) => f.endsWith('.js'))
    .some((f) => readFileSync(join(assets, f), 'utf8').includes('routing-matrix'));
}

export function chooseScreens(root: string): ChosenScreens {
  const done = existsSync(join(root, 'src-renderer/.matrix-done'));
  if (builtWithMatrix(root)) {
    return {
      interface: MATRIX_SCREEN,
      ready: MATRIX_READY,
      missing: done
        ? null
        : 'src-renderer/.matrix-done is absent: the matrix is measured as currently built (work in progress).',
    };
  }
  return {
    interface: SESSION_PAGE_SCREEN,
    ready: SESSION_PAGE_READY,
    missing:
      'the built renderer has no matrix: no routing gesture exists, so gesture → pending paint and answer → ' +
      'confirmed paint are not measured; the full update is measured on the read-only list.',
  };
}
