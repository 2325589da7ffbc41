/**
 * Which screen parts 4 and 5 measure: the matrix when the built renderer has it, else the session
 * page (an older build) with what can be measured there.
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
  /** What limits part 4 (no matrix in the build), or null when the matrix is measured. */
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
  if (builtWithMatrix(root))
    return { interface: MATRIX_SCREEN, ready: MATRIX_READY, missing: null };
  return {
    interface: SESSION_PAGE_SCREEN,
    ready: SESSION_PAGE_READY,
    missing:
      'the built renderer has no matrix: no routing gesture exists, so gesture → pending paint and answer → ' +
      'confirmed paint are not measured; the full update is measured on the read-only list.',
  };
}
