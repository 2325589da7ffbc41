/**
 * The Server-Sent Events variant of a directory feed: one long `GET` with
 * `Accept: text/event-stream` and the bearer token; each `event: snapshot` carries the same JSON as
 * the polled feed. Any bytes (a `:` comment heartbeat too) keep it alive; silence longer than
 * `idleMs` ends it as a timeout. A bad event is reported and skipped, the stream stays open. Parsing
 * is eventsource-parser's, with its buffer capped at the feed's size cap.
 */
import { createParser } from 'eventsource-parser';
import { redactSecrets } from '../credentials/scrubber';
import type { DirectorySnapshot } from '../shared/dto/directory';
import { DirectoryFeedError, parseDirectoryFeedText } from './feed';
import { authorization, DirectoryRequestError, statusError, transportError } from './http';

export interface StreamRequest {
  url: string;
  token: string;
  /** Deadline for the response headers. */
  timeoutMs: number;
  /** Longest silence before the stream counts as dead. */
  idleMs: number;
  maxBytes: number;
  signal: AbortSignal;
  onOpen(): void;
  onSnapshot(snapshot: DirectorySnapshot): void;
  onBadEvent(error: DirectoryRequestError): void;
}

/** Resolves when the server ends the stream; rejects with DirectoryRequestError on failure. */
export async function followStream(request: StreamRequest): Promise<void> {
  const local = new AbortController();
  const stop = (): void => local.abort(request.signal.reason);
  request.signal.addEventListener('abort', stop, { once: true });
  let idle: NodeJS.Timeout | undefined;
  let idleTimedOut = false;
  let headersTimedOut = false;
  const headersTimer = setTimeout(() => {
    headersTimedOut = true;
    local.abort();
  }, request.timeoutMs);
  const armIdle = (): void => {
    clearTimeout(idle);
    idle = setTimeout(() => {
      idleTimedOut = true;
      local.abort();
    }, request.idleMs);
  };
  const scrub = (text: string): string => redactSecrets(text, [request.token]);
  let failure: DirectoryRequestError | undefined;
  const parser = createParser({
    maxBufferSize: request.maxBytes,
    onEvent(message) {
      if (message.event !== 'snapshot') return;
      try {
        request.onSnapshot(parseDirectoryFeedText(message.data, request.url));
      } catch (error) {
        if (!(error instanceof DirectoryFeedError)) throw error;
        const why = scrub(
          `The directory stream sent a snapshot that is not usable: ${error.message}.`,
        );
        request.onBadEvent(new DirectoryRequestError('bad-feed', why, undefined, error.field));
      }
    },
    onError(error) {
      if (error.type !== 'max-buffer-size-exceeded') return;
      failure = new DirectoryRequestError(
        'too-large',
        'The directory stream sent an event larger than the most Patchbay reads.',
      );
      local.abort();
    },
  });
  try {
    const response = await fetch(request.url, {
      headers: { accept: 'text/event-stream', ...authorization(request.token) },
      redirect: 'manual',
      signal: local.signal,
    });
    clearTimeout(headersTimer);
    if (!response.ok) {
      await response.body?.cancel();
      throw statusError(response);
    }
    const type = response.headers.get('content-type') ?? '';
    if (!/^text\/event-stream\s*(;|$)/i.test(type) || response.body === null) {
      await response.body?.cancel();
      throw new DirectoryRequestError(
        'not-json',
        `The directory's events URL answered ${type.split(';')[0] || 'without a content type'}, not text/event-stream.`,
      );
    }
    request.onOpen();
    armIdle();
    const decoder = new TextDecoder();
    const reader = response.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      armIdle();
      parser.feed(decoder.decode(value, { stream: true }));
    }
  } catch (error) {
    if (failure) throw failure;
    if (headersTimedOut) {
      throw new DirectoryRequestError(
        'timeout',
        `The directory stream did not answer within ${Math.round(request.timeoutMs / 1000)} s.`,
      );
    }
    if (idleTimedOut) {
      throw new DirectoryRequestError(
        'timeout',
        `The directory stream sent nothing for ${Math.round(request.idleMs / 1000)} s.`,
      );
    }
    const known = transportError(error, request.timeoutMs);
    throw new DirectoryRequestError(known.kind, scrub(known.message), known.retryAfterMs);
  } finally {
    clearTimeout(headersTimer);
    clearTimeout(idle);
    request.signal.removeEventListener('abort', stop);
  }
}
