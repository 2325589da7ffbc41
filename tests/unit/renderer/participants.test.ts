import { describe, expect, it } from 'vitest';
import {
  deleteSessionConsequence,
  labelOf,
  labelsOf,
  roleIsSuggested,
} from '../../../src-renderer/lib/participants';
import { AGENT, CUSTOMER, SUPERVISOR, member, monitoredCall, sessionView } from './support/views';

describe('labels', () => {
  it('uses the role word and the id start, the same as the routing model', () => {
    const labels = labelsOf(monitoredCall());
    expect(labels.get(CUSTOMER)).toBe('Customer 7f3a');
    expect(labels.get(AGENT)).toBe('Agent 21bc');
    expect(labels.get(SUPERVISOR)).toBe('Supervisor 9a0c');
  });

  it('calls members without a role "Participant", and outsiders by their id', () => {
    const view = sessionView([member(CUSTOMER, null)]);
    expect(labelOf(view, CUSTOMER)).toBe('Participant 7f3a');
    expect(labelOf(view, 'zzzz-outsider')).toBe('Participant zzzz');
  });
});

describe('deleteSessionConsequence', () => {
  it('names everyone who will be cut off', () => {
    expect(deleteSessionConsequence(monitoredCall())).toBe(
      'This ends the call for 3 participants: Customer 7f3a, Agent 21bc and Supervisor 9a0c.',
    );
    expect(deleteSessionConsequence(sessionView([member(AGENT, 'agent')]))).toBe(
      'This ends the call for 1 participant: Agent 21bc.',
    );
  });

  it('says so when nobody is in the session', () => {
    expect(deleteSessionConsequence(sessionView([]))).toContain('Nobody is in this session');
  });
});

describe('roleIsSuggested', () => {
  it('is true when the role is only suggested by the tag and was not chosen here', () => {
    expect(roleIsSuggested({ roleSource: 'suggested' }, false)).toBe(true);
    expect(roleIsSuggested({ roleSource: 'suggested' }, true)).toBe(false);
    expect(roleIsSuggested({ roleSource: 'assigned' }, false)).toBe(false);
    expect(roleIsSuggested({ roleSource: null }, false)).toBe(false);
  });
});
