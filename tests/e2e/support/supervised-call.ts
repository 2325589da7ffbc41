/**
 * `supervised`: the demo seed's supervised call (participant-level wiring) opened in the signed-in
 * console's matrix, with the server's own view of it — the prelude every matrix spec starts with.
 */
import { test as consoleTest } from './fixtures';
import { MatrixPage, ServerState, supervisedCall, type DemoCall } from '../pages/matrix-page';

export interface SupervisedCall extends Required<DemoCall> {
  /** The local API's state of the call, read over HTTP. */
  server: ServerState;
  /** The matrix, showing the call's three rows. */
  m: MatrixPage;
}

export const test = consoleTest.extend<{ supervised: SupervisedCall }>({
  supervised: async ({ console: app }, use) => {
    const server = new ServerState(app.localApi);
    const call = await supervisedCall(server.api);
    const m = new MatrixPage(app.page);
    await m.open(call.label, 3);
    await use({ ...call, server, m });
  },
});

export { expect } from './fixtures';
