/**
 * `supervised`: a supervised call (participant-level wiring) opened in the signed-in console's
 * matrix, with the server's own view of it — the prelude every matrix spec starts with. By default
 * it is the demo seed's call, opened by the directory's call label: its people are named and given
 * roles by the call directory, which count as assigned. With `outsideDirectory` it is a new call
 * the directory does not list (`newCall`), so its roles are only what the tags suggest: for the
 * specs that pin how the console treats a guessed role.
 */
import { shownLabels } from './directory';
import { test as consoleTest, expect } from './fixtures';
import {
  MatrixPage,
  ServerState,
  newCall,
  supervisedCall,
  type DemoCall,
} from '../pages/matrix-page';

export interface SupervisedCall extends Required<DemoCall> {
  /** The local API's state of the call, read over HTTP. */
  server: ServerState;
  /** The matrix, showing the call's three rows. */
  m: MatrixPage;
  /** What the console calls each member ("Ada Applewood" from the directory, or "Agent 51db"). */
  labels: ReadonlyMap<string, string>;
}

export const test = consoleTest.extend<{ outsideDirectory: boolean; supervised: SupervisedCall }>({
  outsideDirectory: [false, { option: true }],
  supervised: async ({ console: app, outsideDirectory }, use) => {
    const server = new ServerState(app.localApi);
    const m = new MatrixPage(app.page);
    if (outsideDirectory) {
      const call = await newCall(server.api);
      await m.sessions.watch(call.sessionId);
      await expect(m.grid.locator('tbody tr')).toHaveCount(3);
      const labels = shownLabels(call.sessionId, await server.members(call.sessionId));
      await use({ ...call, server, m, labels });
      return;
    }
    const call = await supervisedCall(server.api, app.directory);
    await m.open(call.label, 3);
    const members = await server.members(call.sessionId);
    const labels = shownLabels(call.sessionId, members, await app.directory.call(call.sessionId));
    await use({ ...call, server, m, labels });
  },
});

export { expect };
