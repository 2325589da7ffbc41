/**
 * A profile's directory client: keeps the latest good snapshot of the backend's call directory and
 * tells subscribers what changed. It runs while someone subscribes: a `GET` with ETag (304: nothing
 * changed) every `pollMs`; when the feed advertises its Server-Sent Events variant (`events`), one
 * stream instead, with a `GET` before every (re)connection; a stream that fails leaves polling on
 * and is tried again after a backoff. A failed request or a bad feed changes nothing
 * but the status (`stale`, then `failing` after `graceMs`) and the next attempt waits longer
 * (doubling from `pollMs` up to `maxBackoffMs`, or the feed's Retry-After). The token is read at
 * request time from the source and never leaves this module.
 */
import type { DirectorySnapshot, DirectoryStatus, DirectoryUpdate } from '../shared/dto/directory';
import { DIRECTORY_LIMITS } from '../shared/dto/directory';
import { diffDirectory, emptyChanges, hasChanges } from './diff';
import { DirectoryRequestError, fetchFeed } from './http';
import { followStream } from './stream';

/** Where a feed is and how to authenticate (the token is fetched at request time). */
export interface DirectorySource {
  url: string;
  token(): Promise<string>;
}

export interface DirectoryClientOptions {
  source: DirectorySource;
  /** Between two polls (default 2000 ms). */
  pollMs?: number;
  /** Deadline of one request or of a stream's response headers (default 5000 ms). */
  timeoutMs?: number;
  maxBytes?: number;
  /** Upper bound of the wait after failures (default 30 000 ms). */
  maxBackoffMs?: number;
  /** How long failures leave the status `stale` before `failing` (default 15 000 ms). */
  graceMs?: number;
  /** Use the SSE variant when the feed offers one (default true). */
  stream?: boolean;
  /** Longest silence on a stream (default 45 000 ms; the demo feed sends a heartbeat every 15 s). */
  streamIdleMs?: number;
  now?: () => number;
}

export type DirectoryListener = (update: DirectoryUpdate) => void;

const MAX_RETRY_AFTER_MS = 5 * 60_000;

/** The wait before attempt `failures + 1`: doubling from pollMs, capped; Retry-After wins if longer. */
export function retryDelay(
  failures: number,
  pollMs: number,
  maxBackoffMs: number,
  retryAfterMs?: number,
): number {
  const doubled = Math.min(maxBackoffMs, pollMs * 2 ** Math.max(0, failures - 1));
  return Math.min(MAX_RETRY_AFTER_MS, Math.max(doubled, retryAfterMs ?? 0));
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done(): void {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}

export class DirectoryClient {
  readonly url: string;
  readonly #source: DirectorySource;
  readonly #o: Required<Omit<DirectoryClientOptions, 'source'>>;
  readonly #listeners = new Set<DirectoryListener>();
  #snapshot: DirectorySnapshot | undefined;
  #etag: string | undefined;
  #status: DirectoryStatus = {
    health: 'failing',
    transport: 'poll',
    reason: 'Not read yet.',
    calls: 0,
  };
  #failures = 0;
  #streamFailures = 0;
  #streamRetryAt = 0;
  #failingSince: number | undefined;
  #running: AbortController | undefined;
  #loop: Promise<void> | undefined;
  #inflight: Promise<void> | undefined;
  #closed = false;

  constructor(options: DirectoryClientOptions) {
    this.#source = options.source;
    this.url = options.source.url;
    this.#o = {
      pollMs: options.pollMs ?? 2000,
      timeoutMs: options.timeoutMs ?? 5000,
      maxBytes: options.maxBytes ?? DIRECTORY_LIMITS.maxBytes,
      maxBackoffMs: options.maxBackoffMs ?? 30_000,
      graceMs: options.graceMs ?? 15_000,
      stream: options.stream ?? true,
      streamIdleMs: options.streamIdleMs ?? 45_000,
      now: options.now ?? Date.now,
    };
  }

  /** The last good snapshot (undefined before the first). */
  get snapshot(): DirectorySnapshot | undefined {
    return this.#snapshot;
  }

  get status(): DirectoryStatus {
    return { ...this.#status };
  }

  /** Listens for snapshots and status changes; the first listener starts the client. */
  subscribe(listener: DirectoryListener): () => void {
    if (this.#closed) throw new Error('This directory client is closed.');
    this.#listeners.add(listener);
    if (this.#loop === undefined) this.#start();
    return () => {
      this.#listeners.delete(listener);
      if (this.#listeners.size === 0) void this.#stop();
    };
  }

  /** One GET now (joins one already on its way); resolves with the status afterwards. */
  async refresh(): Promise<DirectoryStatus> {
    await this.#pollOnce().catch(() => undefined);
    return this.status;
  }

  /** Stops for good; resolves when nothing is in flight. */
  async close(): Promise<void> {
    this.#closed = true;
    this.#listeners.clear();
    await this.#stop();
    await this.#inflight?.catch(() => undefined);
  }

  #start(): void {
    const running = new AbortController();
    this.#running = running;
    this.#loop = this.#run(running.signal);
  }

  async #stop(): Promise<void> {
    this.#running?.abort();
    const loop = this.#loop;
    this.#running = undefined;
    this.#loop = undefined;
    await loop;
  }

  async #run(signal: AbortSignal): Promise<void> {
    while (!signal.aborted) {
      let wait = this.#o.pollMs;
      try {
        await this.#pollOnce(signal);
        const events = this.#snapshot?.events;
        const streamNow = this.#o.now() >= this.#streamRetryAt && !signal.aborted;
        if (this.#o.stream && events !== undefined && streamNow) {
          const opened = this.#o.now();
          // A stream that ended cleanly after a good while is reconnected at once.
          const clean = await this.#streamOnce(events, signal);
          if (clean && this.#o.now() - opened >= this.#o.pollMs) wait = 0;
        }
      } catch (error) {
        if (signal.aborted) break;
        const after = error instanceof DirectoryRequestError ? error.retryAfterMs : undefined;
        wait = retryDelay(this.#failures, this.#o.pollMs, this.#o.maxBackoffMs, after);
        this.#setStatus({ ...this.#status, nextAttemptAt: this.#o.now() + wait });
      }
      if (wait > 0) await sleep(wait, signal);
    }
  }

  #pollOnce(signal?: AbortSignal): Promise<void> {
    this.#inflight ??= (async (): Promise<void> => {
      try {
        const token = await this.#source.token();
        const answer = await fetchFeed({
          url: this.url,
          token,
          etag: this.#etag,
          timeoutMs: this.#o.timeoutMs,
          maxBytes: this.#o.maxBytes,
          signal,
        });
        if (answer.kind === 'snapshot') {
          this.#etag = answer.etag;
          this.#accept(answer.snapshot, 'poll');
        } else {
          this.#succeeded('poll');
        }
      } catch (error) {
        if (!signal?.aborted) this.#failed(error);
        throw error;
      } finally {
        this.#inflight = undefined;
      }
    })();
    return this.#inflight;
  }

  /**
   * Follows the stream until it ends (true) or fails (false). A failed stream is not a failed feed:
   * polling goes on (and says how the feed is), and the stream is tried again after a backoff.
   */
  async #streamOnce(url: string, signal: AbortSignal): Promise<boolean> {
    try {
      const token = await this.#source.token();
      await followStream({
        url,
        token,
        timeoutMs: this.#o.timeoutMs,
        idleMs: this.#o.streamIdleMs,
        maxBytes: this.#o.maxBytes,
        signal,
        onOpen: () => this.#succeeded('stream'),
        onSnapshot: (snapshot) => {
          // The stream's snapshot replaces the polled one: its ETag no longer describes it.
          this.#etag = undefined;
          this.#accept(snapshot, 'stream');
        },
        onBadEvent: (error) => this.#failed(error),
      });
      this.#streamFailures = 0;
      return true;
    } catch (error) {
      if (signal.aborted) throw error;
      this.#streamFailures += 1;
      const { pollMs, maxBackoffMs } = this.#o;
      const delay = retryDelay(this.#streamFailures, pollMs, maxBackoffMs);
      this.#streamRetryAt = this.#o.now() + delay;
      this.#setStatus({ ...this.#status, transport: 'poll' });
      return false;
    }
  }

  #accept(next: DirectorySnapshot, transport: DirectoryStatus['transport']): void {
    const previous = this.#snapshot;
    const changes = diffDirectory(previous, next);
    this.#snapshot = next;
    const statusChanged = this.#succeeded(transport, false);
    if (previous === undefined || hasChanges(changes) || statusChanged) {
      this.#publish({ snapshot: next, changes, status: this.status });
    }
  }

  /** Marks a good answer; publishes a status-only update when the status changed. */
  #succeeded(transport: DirectoryStatus['transport'], publish = true): boolean {
    this.#failures = 0;
    this.#failingSince = undefined;
    const before = this.#status;
    this.#status = {
      health: this.#snapshot === undefined ? 'failing' : 'ok',
      transport,
      reason: this.#snapshot === undefined ? 'No snapshot yet.' : undefined,
      lastSuccessAt: this.#o.now(),
      calls: this.#snapshot?.calls.length ?? 0,
    };
    const changed =
      before.health !== this.#status.health ||
      before.transport !== transport ||
      before.reason !== this.#status.reason;
    if (changed && publish) {
      this.#publish({ snapshot: this.#snapshot, changes: emptyChanges(), status: this.status });
    }
    return changed;
  }

  #failed(error: unknown): void {
    const reason =
      error instanceof Error && error.message
        ? error.message
        : 'The directory could not be read (unexpected error).';
    this.#failures += 1;
    const now = this.#o.now();
    this.#failingSince ??= now;
    const health =
      this.#snapshot === undefined || now - this.#failingSince >= this.#o.graceMs
        ? 'failing'
        : 'stale';
    this.#setStatus({ ...this.#status, health, reason, nextAttemptAt: undefined });
  }

  #setStatus(status: DirectoryStatus): void {
    const before = this.#status;
    this.#status = status;
    const changed =
      before.health !== status.health ||
      before.transport !== status.transport ||
      before.reason !== status.reason ||
      before.nextAttemptAt !== status.nextAttemptAt;
    if (changed) {
      this.#publish({ snapshot: this.#snapshot, changes: emptyChanges(), status: this.status });
    }
  }

  #publish(update: DirectoryUpdate): void {
    for (const listener of [...this.#listeners]) {
      try {
        listener(update);
      } catch {
        // A listener's failure is its own; the others still hear.
      }
    }
  }
}
