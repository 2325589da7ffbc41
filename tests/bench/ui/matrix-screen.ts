/**
 * The routing matrix (`src-renderer/components/matrix`): a `role="grid"` table
 * (`data-testid="routing-matrix"`) whose cells carry `data-receiver`, `data-publisher`,
 * `data-look`: words for its state (off | some | all), its status (applied | pending | failed |
 * drift) and, when silent for a reason, why (muted | missing).
 * A click on a cell toggles it; the change is drawn pending at once and confirmed when a
 * snapshot shows it.
 */
import type { Page } from '@playwright/test';
import type { BenchSession } from '../routing/sessions';
import type { Readiness } from './bench-start';
import type { FullState, GestureStyle, RoutingScreen } from './bench-interface';
import { selectSession } from './console-fixture';
import type { StepSpec } from './watch';

const GRID = '[data-testid="routing-matrix"]';
/** A display frame at 60 Hz, and how many press moments it is divided into (runs cycle them). */
const FRAME_MS = 1000 / 60;
const RUNS_PER_FRAME = 20;
/** How long a hand holds the button down. */
const HOLD_MS = 60;
const CELLS = `${GRID} td[role="gridcell"]`;

function first(ids: readonly string[]): string {
  const id = ids[0];
  if (id === undefined) throw new Error('bench session lacks a customer');
  return id;
}

/** The cell the gesture toggles: the supervisor listening to the first customer (no guardrail). */
function gestureCell(s: BenchSession): string {
  return `${GRID} td[data-receiver="${s.supervisorId}"][data-publisher="${first(s.customerIds)}"]`;
}

/** The console opens on the floor: interactive once its live calls are listed. */
export const MATRIX_READY: Readiness = {
  what: 'the floor, the first screen (live calls listed)',
  async wait(page: Page): Promise<void> {
    await page
      .getByRole('listbox', { name: 'Live calls' })
      .getByRole('option')
      .first()
      .waitFor({ state: 'visible' });
  },
};

export const MATRIX_SCREEN: RoutingScreen = {
  name: 'matrix',
  root: GRID,
  attributes: ['data-look'],
  async open(page: Page, label: string, size: number): Promise<void> {
    await selectSession(page, label);
    await page
      .locator(CELLS)
      .nth(size * (size - 1) - 1)
      .waitFor();
  },
  fullSteps(state: FullState, size: number): StepSpec[] {
    const cells = size * (size - 1);
    return state === 'on'
      ? [{ name: 'all on', selector: `${CELLS}[data-look~="all"]`, count: cells }]
      : [{ name: 'all off', selector: `${CELLS}[data-look~="off"]`, count: cells, atLeast: true }];
  },
  gesture: {
    what:
      'a hand’s click on one cell (supervisor ← customer), toggling it: the pointer rests on it, ' +
      'the press lands anywhere in the frame, the release 60 ms later; 300 ms between changes',
    /**
     * The mouse pressed and released at the cell's centre. Not `locator.click()`: that installs
     * Playwright's hit-target check in the page, whose `elementsFromPoint` runs in the
     * pointerdown's own task (~3 ms here) before the console sees the press.
     */
    async perform(page: Page, s: BenchSession, i: number, style: GestureStyle): Promise<void> {
      const cell = page.locator(gestureCell(s));
      await cell.scrollIntoViewIfNeeded();
      const point = await cell.evaluate((element) => {
        const r = element.getBoundingClientRect();
        const x = r.left + r.width / 2;
        const y = r.top + r.height / 2;
        return element.contains(document.elementFromPoint(x, y)) ? { x, y } : null;
      });
      if (point === null) throw new Error('something covers the gesture cell');
      if (style === 'burst') {
        await page.mouse.click(point.x, point.y);
        return;
      }
      await page.mouse.move(point.x, point.y);
      // Two frames for the hover to be drawn, then a delay that spreads the press over a frame.
      const phase = ((i * 7) % RUNS_PER_FRAME) / RUNS_PER_FRAME;
      await page.evaluate(
        (delay) =>
          new Promise<void>((resolve) =>
            requestAnimationFrame(() =>
              requestAnimationFrame(() => void setTimeout(resolve, delay)),
            ),
          ),
        phase * FRAME_MS,
      );
      await page.mouse.down();
      await page.waitForTimeout(HOLD_MS);
      await page.mouse.up();
    },
    async settled(page: Page, s: BenchSession): Promise<void> {
      // The full updates were written from outside: their notices (changed outside Patchbay)
      // float over the grid. The supervisor accepts them, as they would, before pressing a cell.
      await page.locator(`${gestureCell(s)}[data-look~="off"]`).waitFor();
      if ((await page.locator(`${CELLS}[data-look~="drift"]`).count()) > 0) {
        const notice = page.getByTestId('drift-notice');
        const accept = notice.getByRole('button', { name: 'Accept', exact: true });
        const drifted = page.locator(`${CELLS}[data-look~="drift"]`);
        // The notice follows the cells a frame later: a button can go between finding and
        // pressing it, so each press is short and the cells say when all is accepted.
        while ((await drifted.count()) > 0) {
          await accept
            .first()
            .click({ timeout: 2_000 })
            .catch((error: unknown) => {
              if (!(error instanceof Error && error.name === 'TimeoutError')) throw error;
            });
        }
        await accept.first().waitFor({ state: 'detached' });
      }
      await page.locator(`${gestureCell(s)}[data-look~="off"][data-look~="applied"]`).waitFor();
    },
    steps(s: BenchSession, i: number): StepSpec[] {
      const cell = gestureCell(s);
      const after = i % 2 === 0 ? 'all' : 'off';
      return [
        { name: 'pending', selector: `${cell}[data-look~="pending"]`, count: 1 },
        {
          name: 'confirmed',
          selector: `${cell}[data-look~="${after}"][data-look~="applied"]`,
          count: 1,
        },
      ];
    },
  },
};
