/**
 * A Chrome trace (CDP Tracing, `devtools.timeline`) around an action, summarised the way DevTools'
 * summary does: time on the renderer's main thread by kind of work (script, style, layout, paint…),
 * counting only the direct children of each task so nothing is counted twice.
 */
import type { CDPSession, Page } from '@playwright/test';

interface TraceEvent {
  readonly name: string;
  readonly ph: string;
  readonly ts: number;
  readonly dur?: number;
  readonly pid: number;
  readonly tid: number;
  readonly args?: { readonly name?: string };
}

const KIND: Readonly<Record<string, string>> = {
  EventDispatch: 'script',
  FunctionCall: 'script',
  RunMicrotasks: 'script',
  TimerFire: 'script',
  FireAnimationFrame: 'script',
  EvaluateScript: 'script',
  'v8.callFunction': 'script',
  MajorGC: 'gc',
  MinorGC: 'gc',
  'V8.GC_SCAVENGER': 'gc',
  UpdateLayoutTree: 'style',
  RecalculateStyles: 'style',
  Layout: 'layout',
  PrePaint: 'paint',
  Paint: 'paint',
  Layerize: 'paint',
  Commit: 'paint',
  UpdateLayer: 'paint',
  HitTest: 'hit-test',
  ParseHTML: 'parse',
};

async function readStream(cdp: CDPSession, handle: string): Promise<string> {
  let text = '';
  for (;;) {
    const chunk = await cdp.send('IO.read', { handle, size: 1 << 20 });
    text +=
      chunk.base64Encoded === true ? Buffer.from(chunk.data, 'base64').toString() : chunk.data;
    if (chunk.eof) break;
  }
  await cdp.send('IO.close', { handle });
  return text;
}

/** Runs `act` while tracing; returns ms per kind of main-thread work, and the total busy time. */
export async function traceBreakdown(
  page: Page,
  act: () => Promise<void>,
): Promise<Record<string, number>> {
  const cdp = await page.context().newCDPSession(page);
  try {
    await cdp.send('Tracing.start', {
      categories: 'devtools.timeline,disabled-by-default-devtools.timeline,v8',
      transferMode: 'ReturnAsStream',
    });
    await act();
    const done = new Promise<string>((resolve) =>
      cdp.once('Tracing.tracingComplete', (e) => resolve(e.stream ?? '')),
    );
    await cdp.send('Tracing.end');
    const parsed = JSON.parse(await readStream(cdp, await done)) as { traceEvents: TraceEvent[] };
    const events = parsed.traceEvents;
    const main = events.find((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
    if (main === undefined) return {};
    const tasks = events
      .filter(
        (e) => e.pid === main.pid && e.tid === main.tid && e.ph === 'X' && e.dur !== undefined,
      )
      .sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));
    const out: Record<string, number> = { busy: 0 };
    let taskEnd = -1;
    let childEnd = -1;
    for (const e of tasks) {
      const end = e.ts + (e.dur ?? 0);
      if (e.name === 'RunTask') {
        if (e.ts >= taskEnd) {
          out['busy'] = (out['busy'] ?? 0) + (e.dur ?? 0) / 1000;
          taskEnd = end;
          childEnd = -1;
        }
        continue;
      }
      if (e.ts < taskEnd && e.ts >= childEnd) {
        const kind = KIND[e.name] ?? 'other';
        out[kind] = (out[kind] ?? 0) + (e.dur ?? 0) / 1000;
        childEnd = end;
      }
    }
    return out;
  } finally {
    await cdp.detach();
  }
}
