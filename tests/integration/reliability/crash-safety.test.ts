/**
 * Suite 6 — crash safety. A child process (crash-child.ts, bundled once with esbuild so that it
 * starts in a fraction of tsx's time) opens the audit log and the settings and writes both as fast
 * as it can; the parent SIGKILLs it at a random moment — during start-up (while the log is verified
 * and a torn line repaired) or in the middle of the writes — and starts it again, a hundred times
 * (fewer if they do not fit in ~30 s; `PATCHBAY_SOAK=1`: 500). Every start verifies the audit chain
 * and loads the settings. Corruption is: a broken chain, a settings file that had to be moved
 * aside, or a loss of something the child had acknowledged (an audit entry whose append had
 * resolved — it is fsynced — or a settings change whose call had returned). Torn last lines (an
 * entry over 512 KiB is written in several syscalls) must be detected and repaired, never counted
 * as corruption. Every 5 kills a fresh folder starts, so start-up stays fast.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChildLine } from '../../support/reliability/crash-child';
import { SOAK, report, seededPrng, since, sized } from '../../support/reliability/report';

const KILLS = sized(100, 500);
const BUDGET_MS = SOAK ? Infinity : 30_000;
const SEGMENT = 5;

let work: string;
let bundle: string;

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'patchbay-crash-'));
  bundle = join(work, 'crash-child.mjs');
  await build({
    entryPoints: [join(import.meta.dirname, '../../support/reliability/crash-child.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node22',
    outfile: bundle,
    // Bundled CommonJS dependencies may `require` node built-ins.
    banner: {
      js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
    },
    logLevel: 'warning',
  });
});
afterAll(async () => {
  if (work) await rm(work, { recursive: true, force: true });
});

interface Run {
  lines: ChildLine[];
  killed: boolean;
  stderr: string;
}

type KillAt = { afterStartMs: number } | { afterReadyMs: number };

/** Runs the child and SIGKILLs it at `kill` (null: lets it finish, for --check). */
function runChild(dir: string, kill: KillAt | null): Promise<Run> {
  const args = kill === null ? [bundle, dir, '--check'] : [bundle, dir];
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: ChildLine[] = [];
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  let timer: NodeJS.Timeout | undefined;
  const killIn = (ms: number): void => {
    timer = setTimeout(() => child.kill('SIGKILL'), ms);
  };
  createInterface({ input: child.stdout }).on('line', (line) => {
    try {
      const parsed = JSON.parse(line) as ChildLine;
      lines.push(parsed);
      if (parsed.type === 'ready' && kill !== null && 'afterReadyMs' in kill) {
        killIn(kill.afterReadyMs);
      }
    } catch {
      // A line cut by the kill.
    }
  });
  if (kill !== null && 'afterStartMs' in kill) killIn(kill.afterStartMs);
  return new Promise((resolve) => {
    child.on('close', (_code, signal) => {
      clearTimeout(timer);
      resolve({ lines, killed: signal === 'SIGKILL', stderr });
    });
  });
}

describe('reliability: SIGKILL while writing the audit log and the settings', () => {
  it(
    'every restart verifies the chain and loads the settings; nothing acknowledged is lost',
    { timeout: 180_000 },
    async () => {
      const started = performance.now();
      const { prng, seed } = seededPrng();
      const problems: string[] = [];
      let kills = 0;
      let starts = 0;
      let torn = 0;
      let corruptions = 0;
      let acknowledged = 0;
      let dir = '';
      let ackedSeq = 0;
      let ackedSet = 0;
      const leftovers: string[] = [];

      const check = (
        ready: Extract<ChildLine, { type: 'ready' }>,
        first: boolean,
        where: string,
      ): void => {
        starts += 1;
        if (ready.tornBytes > 0) torn += 1;
        const wrong: string[] = [];
        if (!ready.auditOk) wrong.push(`audit chain broken (${ready.tampered})`);
        if (ready.settings !== (first ? 'created' : 'loaded'))
          wrong.push(`settings ${ready.settings}`);
        if (ready.lastSeq < ackedSeq)
          wrong.push(`audit lost acknowledged entries (${ready.lastSeq} < ${ackedSeq})`);
        if (ready.label < ackedSet)
          wrong.push(`settings lost an acknowledged change (${ready.label} < ${ackedSet})`);
        if (wrong.length > 0) {
          corruptions += 1;
          problems.push(`${where}: ${wrong.join('; ')}`);
        }
      };
      const finishSegment = async (): Promise<void> => {
        const first = !existsSync(join(dir, 'settings.json'));
        const final = await runChild(dir, null);
        const ready = final.lines.find((l) => l.type === 'ready');
        if (ready?.type === 'ready') check(ready, first, `${dir} final check`);
        else problems.push(`final check did not start: ${final.stderr.slice(0, 300)}`);
        for (const name of await readdir(dir, { recursive: true })) {
          if (/\.tmp|tmp-|\.corrupt-/.test(name)) leftovers.push(name);
        }
      };

      while (kills < KILLS && performance.now() - started < BUDGET_MS) {
        if (kills % SEGMENT === 0) {
          if (dir) await finishSegment();
          dir = await mkdtemp(join(work, 'segment-'));
          ackedSeq = 0;
          ackedSet = 0;
        }
        // 'created' is right only while no settings file exists yet (a kill can come before the first).
        const first = !existsSync(join(dir, 'settings.json'));
        // Mostly in the middle of the writes; one kill in six during start-up (verification, repair).
        const at: KillAt =
          prng.next() < 1 / 6
            ? { afterStartMs: prng.int(0, 150) }
            : { afterReadyMs: prng.int(0, 150) };
        const run = await runChild(dir, at);
        if (run.killed) kills += 1;
        for (const line of run.lines) {
          if (line.type === 'ready') check(line, first, `kill ${kills}`);
          else if (line.type === 'ack') {
            ackedSeq = Math.max(ackedSeq, line.seq);
            acknowledged += 1;
          } else if (line.type === 'set') {
            ackedSet = Math.max(ackedSet, line.n);
            acknowledged += 1;
          } else problems.push(`child error: ${line.message}`);
        }
        if (!run.killed) problems.push(`child exited by itself: ${run.stderr.slice(0, 300)}`);
      }
      await finishSegment();

      report(
        'crash safety',
        `${kills} kills (${starts} verified starts, ${acknowledged} acknowledged writes), ` +
          `${corruptions} corruptions, ${torn} torn last lines detected and repaired, ` +
          `${leftovers.length} leftover temp or corrupt files${leftovers.length > 0 ? ` (${leftovers.slice(0, 5).join(', ')})` : ''}; seed ${seed}`,
        since(started),
      );
      expect(problems.slice(0, 10)).toEqual([]);
      expect(corruptions).toBe(0);
      expect(leftovers.filter((f) => f.includes('.corrupt-'))).toEqual([]);
      expect(kills).toBeGreaterThanOrEqual(SOAK ? 100 : 30);
    },
  );
});
