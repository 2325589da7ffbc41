import { describe, expect, it } from 'vitest';
import type { ParticipantView, SessionView } from '../../../../src-main/shared/dto/session-view';
import { routingOf } from '../../../../src-main/shared/routing';

const SESSION = 'session-1';
const C = 'p-customer';
const A = 'p-agent';

function member(
  id: string,
  extra: Omit<ParticipantView, 'id' | 'publishPermissions' | 'sessions' | 'subscriptions'>,
): ParticipantView {
  return { id, publishPermissions: ['AUDIO'], sessions: [SESSION], subscriptions: {}, ...extra };
}

function viewOf(participants: ParticipantView[]): SessionView {
  return { id: SESSION, label: 'call', addedAt: '', state: 'live', observedAt: 1, participants };
}

describe('routingOf: a session view as the routing model sees it', () => {
  it('reads a session view with the roles the console assigned, overrides first', () => {
    const view = viewOf([
      member(C, { tag: 'customer-x', role: 'customer', roleSource: 'suggested' }),
    ]);
    expect(routingOf(view).participants[0]?.role).toBe('customer');
    expect(routingOf(view, { [C]: 'agent' }).participants[0]?.role).toBe('agent');
    expect(routingOf(view, { [C]: null }).participants[0]?.role).toBe('other');
  });

  it('gives the same model for the same view again, and a new one for a new view or overrides', () => {
    const view = viewOf([member(C, { role: 'customer', roleSource: 'assigned' })]);
    const model = routingOf(view);
    expect(routingOf(view)).toBe(model);
    expect(routingOf({ ...view })).not.toBe(model);
    expect(routingOf({ ...view })).toEqual(model);
    expect(routingOf(view, { [C]: 'agent' })).not.toBe(model);
    expect(routingOf(view)).toBe(model);
  });

  it('counts the directory’s roles as assigned and labels members by its names', () => {
    const view = viewOf([
      member(C, { role: 'customer', roleSource: 'directory', displayName: 'Ada Applewood' }),
      member(A, { tag: 'agent-x', role: 'agent', roleSource: 'suggested' }),
    ]);
    const [customer, agent] = routingOf(view).participants;
    expect(customer).toMatchObject({ role: 'customer', displayName: 'Ada Applewood' });
    expect(customer?.roleSuggested).toBeUndefined();
    expect(agent).toMatchObject({ role: 'agent', roleSuggested: true });
  });
});
