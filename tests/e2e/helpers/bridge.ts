/**
 * Calls capabilities the way the page itself does: over the web host's WebSocket, from inside the
 * signed-in page (same origin, presenting the tab's session token first). For test and bench
 * set-up only (e.g. slower polling).
 */
import type { Page } from '@playwright/test';
import type { Result } from '../../../src-main/shared/result';
import { SESSION_STORAGE_KEY, WS_PATH } from '../../../src-main/shared/ws-protocol';

/** Many capability calls over one bridge socket; resolves with the results in order. */
export async function invokeAll(
  page: Page,
  calls: readonly { name: string; input: unknown }[],
): Promise<Result<unknown>[]> {
  return page.evaluate(
    ({ path, key, calls }) =>
      new Promise<Result<unknown>[]>((resolve, reject) => {
        const url = new URL(path, window.location.href);
        url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
        const ws = new WebSocket(url);
        const results: Result<unknown>[] = [];
        let answered = 0;
        ws.addEventListener('error', () => reject(new Error('bridge socket failed')));
        ws.addEventListener('open', () =>
          ws.send(JSON.stringify({ type: 'resume', token: sessionStorage.getItem(key) })),
        );
        ws.addEventListener('message', (event: MessageEvent<string>) => {
          const frame = JSON.parse(event.data) as { type: string; id?: number; result?: unknown };
          if (frame.type === 'signed-in') {
            calls.forEach((c, i) =>
              ws.send(JSON.stringify({ type: 'invoke', id: i + 1, name: c.name, input: c.input })),
            );
          } else if (frame.type === 'refused') {
            reject(new Error(`bridge refused: ${event.data}`));
          } else if (frame.type === 'result' && frame.id !== undefined) {
            results[frame.id - 1] = frame.result as Result<unknown>;
            answered += 1;
            if (answered === calls.length) {
              ws.close();
              resolve(results);
            }
          }
        });
      }),
    { path: WS_PATH, key: SESSION_STORAGE_KEY, calls },
  );
}

export async function invoke(page: Page, name: string, input: unknown): Promise<Result<unknown>> {
  const [result] = await invokeAll(page, [{ name, input }]);
  if (!result) throw new Error(`${name}: no result`);
  return result;
}
