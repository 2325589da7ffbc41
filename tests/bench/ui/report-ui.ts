/** Parts 4 and 5 as tables and plain objects. */
import { fixed, median, round, verdictText } from '../support/stats';
import type { Verdict } from '../support/stats';
import { section, table } from '../support/table';
import type { BundleFile, StartRun } from './bench-start';
import type { InterfaceResults } from './bench-interface';

export interface FigureRow {
  readonly figure: string;
  readonly median: number | null;
  readonly unit: string;
  readonly runs: readonly number[];
  readonly detail: string;
  readonly verdict: Verdict;
}

const NONE: Verdict = { budget: 'none set', met: null };

function figure(
  name: string,
  values: readonly number[] | null,
  unit: string,
  detail: string,
  budget: { text: string; max: number } | null,
): FigureRow {
  const m = values === null || values.length === 0 ? null : median(values);
  return {
    figure: name,
    median: m === null ? null : round(m, 2),
    unit,
    runs: (values ?? []).map((v) => round(v, 2)),
    detail,
    verdict:
      budget === null ? NONE : { budget: budget.text, met: m === null ? null : m <= budget.max },
  };
}

export function interfaceRows(r: InterfaceResults): FigureRow[] {
  const mb = (bytes: number): number => bytes / 1024 / 1024;
  return [
    figure('gesture → pending paint', r.pendingPaintMs, 'ms', r.gestureDetail, {
      text: '≤ 16 ms (one frame)',
      max: 16,
    }),
    figure(
      '  the same click as a burst of input',
      r.burstPendingPaintMs,
      'ms',
      'move, press, release back to back, right after the last change confirmed',
      null,
    ),
    figure(
      '  gesture → pending DOM (script only)',
      r.pendingDomMs,
      'ms',
      'input timeStamp → MutationObserver',
      null,
    ),
    figure(
      '  of which pointerdown → click',
      r.inputMs,
      'ms',
      'press and release arriving (Playwright input)',
      null,
    ),
    figure(
      '  Event Timing duration of the gesture',
      r.eventTimingMs,
      'ms',
      'input → next paint, 8 ms steps; 0 = under 16 ms',
      null,
    ),
    figure('API answer → confirmed paint', r.confirmedPaintMs, 'ms', r.answerDetail, null),
    figure(
      '  apply sent → result frame',
      r.sentToResultMs,
      'ms',
      'bridge + host + read + PUT(s) + audit',
      null,
    ),
    figure(
      'apply result → confirmed paint',
      r.resultToConfirmedMs,
      'ms',
      'confirmed by the apply result itself',
      null,
    ),
    figure(
      'full 20×20 update: scripting',
      r.fullUpdateScriptMs,
      'ms',
      'frame arrival → DOM flushed',
      {
        text: '≤ 8 ms',
        max: 8,
      },
    ),
    figure(
      'full 20×20 update: to paint',
      r.fullUpdatePaintMs,
      'ms',
      'frame arrival → painted frame',
      null,
    ),
    figure('long tasks (> 50 ms) during the above', [r.longTasks], 'count', '', null),
    figure(
      `JS heap, ${r.heap.demoSessions} watched (demo)`,
      [mb(r.heap.demoUsedBytes)],
      'MB',
      'after GC, CDP',
      null,
    ),
    figure(
      `JS heap, ${r.heap.sessions} watched`,
      [mb(r.heap.usedBytes)],
      'MB',
      `after GC, CDP; ${r.heap.screen}`,
      null,
    ),
  ];
}

export function startRows(
  runs: readonly StartRun[],
  ready: string,
  bundle: readonly BundleFile[],
): FigureRow[] {
  const js = bundle.filter((b) => b.file.endsWith('.js'));
  const css = bundle.filter((b) => b.file.endsWith('.css'));
  const kb = (n: number): number => n / 1024;
  const sum = (files: readonly BundleFile[], key: 'bytes' | 'gzipBytes'): number =>
    files.reduce((a, b) => a + b[key], 0);
  return [
    figure(
      'host start → interactive',
      runs.map((r) => r.totalMs),
      'ms',
      ready,
      null,
    ),
    figure(
      '  host process → sign-in link',
      runs.map((r) => r.hostMs),
      'ms',
      'spawn (node) → JSON line',
      null,
    ),
    figure(
      '  sign-in link → interactive',
      runs.map((r) => r.pageMs),
      'ms',
      'goto → ready + a frame',
      null,
    ),
    figure(
      'renderer JS, gzipped',
      [kb(sum(js, 'gzipBytes'))],
      'kB',
      `${js.length} file(s), ${fixed(kb(sum(js, 'bytes')), 0)} kB raw`,
      null,
    ),
    figure(
      'renderer CSS, gzipped',
      [kb(sum(css, 'gzipBytes'))],
      'kB',
      `${fixed(kb(sum(css, 'bytes')), 0)} kB raw`,
      null,
    ),
  ];
}

export function printFigures(title: string, note: string, rows: readonly FigureRow[]): string {
  const body = rows.map((r) => [
    r.figure,
    r.median === null ? '–' : `${fixed(r.median, r.unit === 'count' ? 0 : 1)} ${r.unit}`,
    r.runs.length > 1 ? r.runs.map((v) => fixed(v, 1)).join(' ') : '',
    r.verdict.budget,
    verdictText(r.verdict),
    r.detail,
  ]);
  return [
    section(title, note),
    table(['figure', 'median', 'runs', 'budget', 'verdict', 'how'], body),
  ].join('\n');
}
