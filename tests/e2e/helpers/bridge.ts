/**
 * Calls a capability the way the page itself does: over the web host's WebSocket, from inside the
 * signed-in page (same origin, same cookie). For test set-up only (e.g. slower polling).
 */
import type { Page } from '@playwright/test';
import type { Result } from '../../../src-main/shared/result';
import { WS_PATH } from '../../../src-main/shared/ws-protocol';

export async function invoke(page: Page, name: string, input: unknown): Promise<Result<unknown>> {
  return page.evaluate(
    ({ path, name, input }) =>
      new Promise<Result<unknown>>((resolve, reject) => {
        const url = new URL(path, window.location.href);
        url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
        const ws = new WebSocket(url);
        ws.addEventListener('error', () => reject(new Error('bridge socket failed')));
        ws.addEventListener('open', () =>
          ws.send(JSON.stringify({ type: 'invoke', id: 1, name, input })),
        );
        ws.addEventListener('message', (event: MessageEvent<string>) => {
          const frame = JSON.parse(event.data) as { type: string; id?: number; result?: unknown };
          if (frame.type === 'result' && frame.id === 1) {
            ws.close();
            resolve(frame.result as Result<unknown>);
          }
        });
      }),
    { path: WS_PATH, name, input },
  );
}
