/**
 * The console client's `fetch` for fault runs, so that what times out does not depend on how loaded
 * the machine is. A request the local API holds (a `timeout` fault) fails with ky's TimeoutError —
 * the very error the client's own timer raises, so it retries and reports exactly as it would — as
 * soon as the server is seen holding it; every other request waits for its answer, however slow
 * (the client's own timeout is set far beyond any answer). Only this client talks HTTP to the API
 * during a run, so once the server holds as many requests as this client has unanswered, those
 * are the held ones. A failed request's connection is closed and the server seen letting it go
 * before the error is raised, so a held count never includes a request already given up on.
 */
import { TimeoutError } from 'ky';
import type { LocalControl } from '../../../src-main/local-api';
import { until } from './report';

interface Pending {
  request: Request;
  abort: AbortController;
  reject(error: Error): void;
}

export function heldRequestTimeouts(control: LocalControl): typeof fetch {
  const pending = new Set<Pending>();
  let timer: ReturnType<typeof setInterval> | undefined;
  let checking = false;
  const check = async (): Promise<void> => {
    if (checking) return;
    checking = true;
    try {
      const held = control.faults().heldRequests;
      if (held === 0 || pending.size === 0 || pending.size > held) return;
      const timedOut = [...pending];
      pending.clear();
      for (const p of timedOut) p.abort.abort();
      try {
        await until(() => control.faults().heldRequests <= held - timedOut.length, 'held released');
      } catch (error) {
        // The server never let go (it was closed under us, or the machine stalled): the requests
        // fail with that reason instead of an unhandled rejection from this timer's callback.
        const reason = error instanceof Error ? error : new Error(String(error));
        for (const p of timedOut) p.reject(reason);
        return;
      }
      for (const p of timedOut) p.reject(new TimeoutError(p.request));
    } finally {
      checking = false;
      if (pending.size === 0 && timer !== undefined) {
        clearInterval(timer);
        timer = undefined;
      }
    }
  };

  return (input, init) =>
    new Promise<Response>((resolve, reject) => {
      const request = new Request(input, init);
      const abort = new AbortController();
      const entry: Pending = { request, abort, reject };
      pending.add(entry);
      timer ??= setInterval(() => void check(), 10);
      const signal = AbortSignal.any([request.signal, abort.signal]);
      fetch(request, { signal }).then(
        (response) => {
          pending.delete(entry);
          resolve(response);
        },
        (error: unknown) => {
          // Our own abort is answered by check() with the TimeoutError, once the server let go.
          if (!abort.signal.aborted) {
            pending.delete(entry);
            reject(error instanceof Error ? error : new Error(String(error)));
          }
        },
      );
    });
}
