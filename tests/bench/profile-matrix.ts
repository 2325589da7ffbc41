/**
 * Where the matrix spends its time: `npx electron-vite build && npx tsx tests/bench/profile-matrix.ts`
 * opens the console as part 4 does (50 watched sessions, the 20-party call on screen), records a
 * CDP CPU profile (100 µs sampling) around a full update (all on, all off) and a single-cell click,
 * and prints the functions with the most self time in each. A diagnostic, not part of `npm run bench`.
 */
import type { CDPSession } from '@playwright/test';
import { normalCall, resetTo } from './routing/sessions';
import { withOpenMatrix } from './ui/diagnostics';
import { writeFull } from './ui/bench-interface';
import type { ConsoleFixture } from './ui/console-fixture';
import { MATRIX_SCREEN } from './ui/matrix-screen';
import { traceBreakdown } from './ui/trace';
import { arm, collect } from './ui/watch';

const rounded = (r: Record<string, number>): Record<string, number> =>
  Object.fromEntries(Object.entries(r).map(([k, v]) => [k, Math.round(v * 10) / 10]));

const SAMPLE_US = 100;
const TOP = 12;

async function profiled(cdp: CDPSession, what: string, act: () => Promise<void>): Promise<void> {
  await cdp.send('Profiler.start');
  await act();
  const { profile } = await cdp.send('Profiler.stop');
  const hits = new Map<number, number>();
  for (const id of profile.samples ?? []) hits.set(id, (hits.get(id) ?? 0) + 1);
  const self = new Map<string, number>();
  for (const node of profile.nodes) {
    const { functionName, url, lineNumber } = node.callFrame;
    if (['(idle)', '(root)'].includes(functionName)) continue;
    const key = `${functionName || '(anonymous)'} ${url.split('/').pop() ?? ''}:${lineNumber + 1}`;
    self.set(key, (self.get(key) ?? 0) + (hits.get(node.id) ?? 0));
  }
  const busy = [...self.values()].reduce((a, b) => a + b, 0);
  console.log(`\n${what}: ${((busy * SAMPLE_US) / 1000).toFixed(1)} ms sampled busy (JS + native)`);
  for (const [key, n] of [...self].sort((a, b) => b[1] - a[1]).slice(0, TOP)) {
    console.log(`${((n * SAMPLE_US) / 1000).toFixed(1).padStart(8)} ms  ${key}`);
  }
}

async function fullUpdate(fx: ConsoleFixture, state: 'on' | 'off'): Promise<void> {
  await arm(fx.page, MATRIX_SCREEN, MATRIX_SCREEN.fullSteps(state, fx.big.size), 8_000);
  await writeFull(fx, state);
  await collect(fx.page);
}

await withOpenMatrix(SAMPLE_US, async (fx, cdp) => {
  await profiled(cdp, 'full update, all on', () => fullUpdate(fx, 'on'));
  await profiled(cdp, 'full update, all off', () => fullUpdate(fx, 'off'));
  for (const state of ['on', 'off'] as const) {
    const kinds = await traceBreakdown(fx.page, () => fullUpdate(fx, state));
    console.log(`\ntrace, full update to all ${state} (ms on the main thread):`, rounded(kinds));
  }
  const gesture = MATRIX_SCREEN.gesture;
  if (gesture !== undefined) {
    // From the normal call, as part 4's gestures start (the full updates left drift on screen).
    await resetTo(fx.client, fx.big, normalCall(fx.big));
    await gesture.settled(fx.page, fx.big);
    await profiled(cdp, 'one click, pending → confirmed', async () => {
      await arm(fx.page, MATRIX_SCREEN, gesture.steps(fx.big, 0), 8_000);
      await gesture.perform(fx.page, fx.big, 0, 'hand');
      await collect(fx.page);
    });
    const kinds = await traceBreakdown(fx.page, async () => {
      await arm(fx.page, MATRIX_SCREEN, gesture.steps(fx.big, 1), 8_000);
      await gesture.perform(fx.page, fx.big, 1, 'hand');
      await collect(fx.page);
    });
    console.log('\ntrace, one click → confirmed (ms on the main thread):', rounded(kinds));
  }
});
