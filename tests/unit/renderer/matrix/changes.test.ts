import { describe, expect, it } from 'vitest';
import {
  callsText,
  cellIntent,
  defaultRoutingIntents,
  planLocally,
  selectionIntents,
  toggleIntent,
  withMember,
} from '../../../../src-renderer/lib/matrix/changes';
import { sessionLabels } from '../../../../src-main/shared/routing';
import { cellKey } from '../../../../src-renderer/lib/matrix/grid';
import { A, C, S, SESSION, monitoredCall } from './fixtures';

function plan(...args: Parameters<typeof planLocally>) {
  const result = planLocally(...args);
  if (!result.ok) throw new Error(result.message);
  return result.plan;
}

describe('local plans', () => {
  it('a single toggle: one line, one read and one PUT, no violation', () => {
    const p = plan(monitoredCall(), [toggleIntent(A, S, null)]);
    expect(p.lines).toEqual([expect.stringMatching(/^Agent a9e4 will hear Supervisor 5a9e/)]);
    expect(p.apiCalls).toBe(2);
    expect(p.violations).toEqual([]);
    expect(p.keys).toEqual([cellKey(A, S)]);
    expect(Object.keys(p.subscriptions)).toEqual([A]);
  });

  it('a customer hearing a supervisor asks, said once as the risk (not again as the guardrail)', () => {
    const p = plan(monitoredCall(), [toggleIntent(C, S, null)]);
    expect(p.violations.map((v) => v.ruleId)).toEqual(['risk-customer-hears-supervisor']);
  });

  it('a barge relaxes the guardrail but asks, like any change a customer would hear', () => {
    const p = plan(monitoredCall(), [{ type: 'barge', supervisorId: S }]);
    expect(p.violations.map((v) => v.ruleId)).toEqual(['risk-customer-hears-supervisor']);
    expect(p.writes).toBe(2);
  });

  it('several intents are one change: combined lines, calls per step, one target', () => {
    const p = plan(
      monitoredCall(),
      selectionIntents(
        [
          { receiverId: S, publisherId: C, value: 'all' },
          { receiverId: S, publisherId: A, value: 'all' },
          { receiverId: A, publisherId: C, value: null },
        ],
        false,
      ),
    );
    expect(p.intents).toHaveLength(2);
    expect(p.apiCalls).toBe(4);
    expect(p.writes).toBe(1);
    expect(p.subscriptions[S]).toEqual({});
  });

  it('explains a session-level row turning into a list', () => {
    const p = plan(monitoredCall({ [C]: { sessionId: SESSION } }), [toggleIntent(C, S, 'all')]);
    expect(p.convertsSessionLevel).toBe(true);
    expect(p.lines[0]).toContain('becomes an explicit list');
  });

  it('nothing to change: no writes and no calls', () => {
    const p = plan(monitoredCall(), [{ type: 'subscribe', receiverId: C, publisherId: A }]);
    expect(p.writes).toBe(0);
    expect(p.apiCalls).toBe(0);
  });

  it('an intent that does not fit says why instead of throwing', () => {
    const result = planLocally(monitoredCall(), [{ type: 'whisper', supervisorId: A }]);
    expect(result).toEqual({ ok: false, message: expect.stringContaining('is not a supervisor') });
  });

  it('the stream editor’s three choices', () => {
    expect(cellIntent(C, A, null)).toEqual({ type: 'unsubscribe', receiverId: C, publisherId: A });
    expect(cellIntent(C, A, 'all')).toEqual({ type: 'subscribe', receiverId: C, publisherId: A });
    expect(cellIntent(C, A, ['camera'])).toEqual({
      type: 'setStreams',
      receiverId: C,
      publisherId: A,
      streams: ['camera'],
    });
  });

  it('"1 API call", "3 API calls"', () => {
    expect(callsText(1)).toBe('1 API call');
    expect(callsText(3)).toBe('3 API calls');
  });
});

describe('a new member’s usual routing', () => {
  const NEW = 'b0b00000-0000-4000-8000-000000000009';

  it('an agent joins the call: hears the non-supervisors, heard by them and the listening supervisor', () => {
    const session = withMember(monitoredCall(), {
      id: NEW,
      role: 'agent',
      tag: `agent-${NEW}`,
      publishPermissions: ['AUDIO'],
    });
    const intents = defaultRoutingIntents(session, NEW);
    const p = plan(session, intents);
    const target = { ...session.subscriptions, ...p.subscriptions };
    const names = (id: string): string[] =>
      (target[id]?.participants ?? []).map((e) => e.participantId).sort();
    expect(names(NEW)).toEqual([C, A].sort());
    expect(names(C)).toContain(NEW);
    expect(names(S)).toContain(NEW);
    expect(p.violations).toEqual([]);
  });

  it("a member back from the tray keeps the directory's name in the session's labels", () => {
    const session = withMember(monitoredCall(), {
      id: NEW,
      role: 'agent',
      tag: `agent-${NEW}`,
      publishPermissions: ['AUDIO'],
      displayName: 'Sam Lee',
    });
    expect(sessionLabels(session).get(NEW)).toBe('Sam Lee');
  });

  it('a supervisor starts as a silent monitor', () => {
    const session = withMember(monitoredCall({ [S]: {} }), {
      id: NEW,
      role: 'supervisor',
      publishPermissions: ['AUDIO'],
    });
    expect(defaultRoutingIntents(session, NEW)).toEqual([{ type: 'monitor', supervisorId: NEW }]);
  });

  it('nobody to route with: no intents', () => {
    const lonely = { sessionId: SESSION, participants: [], subscriptions: {} };
    const session = withMember(lonely, { id: NEW, role: 'customer', publishPermissions: [] });
    expect(defaultRoutingIntents(session, NEW)).toEqual([]);
    expect(withMember(session, { id: NEW, role: 'customer', publishPermissions: [] })).toBe(
      session,
    );
  });
});
