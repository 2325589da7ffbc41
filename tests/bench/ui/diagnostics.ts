/**
 * What the bench's diagnostics share (not `npm run bench`): the console opened on the 20-party
 * call's matrix, the page's CPU profiler, and a full update's `sessions:update` frame recorded as
 * the page received it and handed to the page's bridge socket again — the page's own cost of the
 * update with the host and the network out of the way.
 */
import type { CDPSession } from '@playwright/test';
import { launchChromium } from './browser';
import { openConsole } from './console-fixture';
import type { ConsoleFixture } from './console-fixture';
import { MATRIX_SCREEN } from './matrix-screen';
import type { FullState } from './bench-interface';
import { writeFull } from './bench-interface';
import { arm, collect } from './watch';

interface ReplayWindow {
  __bench: { sockets: WebSocket[] };
  __captured?: string[];
}

/** Rewires the whole call for real and returns the last `sessions:update` frame it brought. */
export async function recordFull(fx: ConsoleFixture, state: FullState): Promise<string> {
  await fx.page.evaluate(() => {
    const w = window as unknown as ReplayWindow;
    w.__captured = [];
    for (const socket of w.__bench.sockets) {
      socket.addEventListener('message', (e: MessageEvent) => {
        if (typeof e.data === 'string' && e.data.includes('"sessions:update"')) {
          w.__captured?.push(e.data);
        }
      });
    }
  });
  await arm(fx.page, MATRIX_SCREEN, MATRIX_SCREEN.fullSteps(state, fx.big.size), 8_000);
  await writeFull(fx, state);
  await collect(fx.page);
  const frames = await fx.page.evaluate(() => (window as unknown as ReplayWindow).__captured ?? []);
  const last = frames.at(-1);
  if (last === undefined) throw new Error('no sessions:update frame recorded');
  return last;
}

/** Hands `frame` to the page's bridge socket in a task of its own, as if it had just arrived. */
export async function replayFrame(fx: ConsoleFixture, frame: string): Promise<void> {
  await fx.page.evaluate((data) => {
    setTimeout(() => {
      const socket = (window as unknown as ReplayWindow).__bench.sockets.at(-1);
      socket?.dispatchEvent(new MessageEvent('message', { data }));
    }, 0);
  }, frame);
}

/**
 * Runs `run` with Chromium, the console (50 watched sessions) and the 20-party call's matrix on
 * screen, and a CDP session (its CPU profiler set to sample every `sampleUs`, when given); closes
 * all after.
 */
export async function withOpenMatrix(
  sampleUs: number | null,
  run: (fx: ConsoleFixture, cdp: CDPSession) => Promise<void>,
): Promise<void> {
  const browser = await launchChromium();
  try {
    const fx = await openConsole(browser, 50);
    try {
      await MATRIX_SCREEN.open(fx.page, 'Bench 20-party call', fx.big.size);
      const cdp = await fx.page.context().newCDPSession(fx.page);
      if (sampleUs !== null) {
        await cdp.send('Profiler.enable');
        await cdp.send('Profiler.setSamplingInterval', { interval: sampleUs });
      }
      await run(fx, cdp);
    } finally {
      await fx.close();
    }
  } finally {
    await browser.close();
  }
}
