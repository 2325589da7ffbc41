/**
 * Issue 15: an ended call is read-only. Once its watcher saw it end, main refuses a routing change,
 * an undo, a redo and joining it as me, with words that say so, before any API call.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_DEMO_PROFILE_ID } from '../../../src-main/settings';
import type { AppliedChange } from '../../../src-main/shared/dto/timers';
import type { ApplyResult } from '../../../src-main/shared/dto/routing';
import type { SessionView } from '../../../src-main/shared/dto/session-view';
import { assertKeyring, keyringGate } from '../../support/keyring';
import { LocalApiClient } from '../../support/local-api-client';
import { startConsole, type TestConsole } from '../../support/reliability/console';

const gate = await keyringGate();
const profileId = LOCAL_DEMO_PROFILE_ID;

describe.runIf(gate.run)('an ended call', () => {
  let c: TestConsole;
  let view: SessionView;

  beforeAll(async () => {
    assertKeyring(gate);
    c = await startConsole({ localApi: { seed: 'demo' } });
    const listed = await c.call<SessionView[]>('sessions:list', {});
    const first = listed[0];
    if (!first) throw new Error('the demo watches no call');
    // The call ends outside the console (the backend hangs up); the watcher's next look sees it.
    await new LocalApiClient(c.composed.localApi).deleteSession(first.id);
    view = await c.call<SessionView>('sessions:refresh', { sessionId: first.id });
  });

  afterAll(async () => {
    await c?.close();
  });

  it('is seen as ended, with its last known participants', () => {
    expect(view.state).toBe('ended');
    expect(view.participants.length).toBeGreaterThan(0);
  });

  it('refuses a change, an undo and a redo before any API call', async () => {
    const sent = c.requests.length;
    // The console's client is recorded (the watcher's reads are there): none is added below.
    expect(sent).toBeGreaterThan(0);
    const sessionId = view.id;
    const applied = await c.call<AppliedChange>('routing:apply', {
      profileId,
      sessionId,
      intent: { type: 'fullyWire' },
      durationMs: 30_000,
    });
    expect(applied).toMatchObject({
      ok: false,
      code: 'read-failed',
      ended: true,
      message: 'This call has ended: its routing can no longer be changed. Nothing was sent.',
      history: { canUndo: false, canRedo: false },
    });
    for (const name of ['routing:undo', 'routing:redo']) {
      const result = await c.call<ApplyResult>(name, { profileId, sessionId });
      expect(result).toMatchObject({ ok: false, code: 'read-failed', ended: true });
    }
    // Joining it as me is refused too, before anything is created.
    const joined = await c.invoke('me:act', { profileId, sessionId, mode: 'monitor' });
    expect(joined).toEqual({
      ok: false,
      error: expect.objectContaining({
        code: 'session-ended',
        message: 'Nothing was changed: this call has ended.',
      }),
    });
    expect(c.requests.slice(sent)).toEqual([]);
    expect(await c.call('routing:timers', {})).toEqual([]);
  });
});
