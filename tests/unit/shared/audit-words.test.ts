/** Audit entries in a supervisor's words, from the entry alone: call, who, what, people. */
import { describe, expect, it } from 'vitest';
import {
  auditAction,
  auditCall,
  auditInvolves,
  auditPeople,
  auditWhat,
  auditWho,
  shortIdLabel,
  type WordedEntry,
} from '../../../src-main/shared/audit-words';

const SUP = '5a9e0000-0000-4000-8000-000000000001';
const AGENT = 'a9e40000-0000-4000-8000-000000000002';
const CUSTOMER = 'c0ff0000-0000-4000-8000-000000000003';

function entry(intent: unknown, more: Partial<WordedEntry> = {}): WordedEntry {
  return {
    sessionId: 'sess-1',
    intent: intent as WordedEntry['intent'],
    receivers: [],
    osUser: 'jdoe',
    names: { [SUP]: 'Morgan Reyes', [AGENT]: 'Sam Lee' },
    ...more,
  };
}

describe('audit words', () => {
  it('says what happened in one sentence, by the names recorded, else a short id', () => {
    expect(auditWhat(entry({ type: 'whisper', supervisorId: SUP, agentIds: [AGENT] }))).toBe(
      'Morgan Reyes whispers to Sam Lee.',
    );
    expect(auditWhat(entry({ type: 'whisper', supervisorId: SUP }))).toBe(
      'Morgan Reyes whispers to the agents.',
    );
    expect(auditWhat(entry({ type: 'undo', of: { type: 'hold', participantId: CUSTOMER } }))).toBe(
      'Undo: Put Participant c0ff on hold.',
    );
    expect(auditWhat(entry({ type: 'revert', of: { type: 'barge', supervisorId: SUP } }))).toBe(
      'Timed route ended: Morgan Reyes barges in.',
    );
    expect(auditWhat(entry({ type: 'redo', of: { type: 'mute', publisherId: AGENT } }))).toBe(
      'Redo: Mute Sam Lee for everyone.',
    );
    expect(auditWhat(entry({ type: 'me-leave', participantId: SUP }))).toBe(
      'Morgan Reyes left the call (me).',
    );
    expect(auditWhat(entry('junk'))).toBe('Unknown change.');
  });

  it("uses today's label for someone the entry did not name, when the caller knows one", () => {
    const e = entry({ type: 'isolate', participantId: CUSTOMER });
    expect(auditWhat(e, (id) => (id === CUSTOMER ? 'Customer c0ff' : undefined))).toBe(
      'Isolate Customer c0ff.',
    );
    expect(auditWhat(e)).toBe('Isolate Participant c0ff.');
  });

  it('words an outside change as someone else’s, named as recorded at the time', () => {
    const change = (kind: string): WordedEntry =>
      entry(
        {
          type: 'outside-change',
          change: kind,
          participantId: CUSTOMER,
          participantLabel: 'Agent Ana Ruiz',
        },
        { names: {} },
      );
    expect(auditWhat(change('subscriptions'))).toBe(
      'Someone outside Patchbay changed what Agent Ana Ruiz hears.',
    );
    expect(auditWhat(change('joined'))).toBe(
      'Someone outside Patchbay added Agent Ana Ruiz to the call.',
    );
    expect(auditWhat(change('left'))).toBe(
      'Someone outside Patchbay removed Agent Ana Ruiz from the call.',
    );
    expect(auditWhat(entry({ type: 'outside-change' }))).toBe(
      'Someone outside Patchbay changed a participant.',
    );
  });

  it('lists the people of an entry, its call and who made it', () => {
    const e = entry(
      { type: 'setCells', cells: [{ receiverId: CUSTOMER, publisherId: AGENT, streams: null }] },
      { receivers: [{ receiverId: CUSTOMER, before: null, after: null }] },
    );
    expect(auditPeople(e)).toBe('Participant c0ff and Sam Lee');
    expect(auditCall({ sessionId: 'f00dfeed-1234', call: ' Billing — Dana ' })).toBe(
      'Billing — Dana',
    );
    expect(auditCall({ sessionId: 'f00dfeed-1234' })).toBe('Call f00dfeed');
    expect(auditWho({ osUser: 'jdoe', supervisor: 'Morgan Reyes' })).toBe(
      'Morgan Reyes (OS user jdoe)',
    );
    expect(auditWho({ osUser: 'jdoe' })).toBe('OS user jdoe');
    expect(shortIdLabel('XYZ')).toBe('Participant XYZ');
  });

  it('names the action and finds an entry by a person, however they are given', () => {
    const e = entry(
      { type: 'undo', of: { type: 'monitor', supervisorId: SUP, participantIds: [AGENT] } },
      { supervisor: 'Alex Kim' },
    );
    expect(auditAction(e.intent)).toBe('undo');
    expect(auditAction({ type: 'shout' })).toBe('other');
    expect(auditAction(null)).toBe('other');
    expect(auditInvolves(e, 'SAM LEE')).toBe(true);
    expect(auditInvolves(e, AGENT)).toBe(true);
    expect(auditInvolves(e, 'alex kim')).toBe(true);
    expect(auditInvolves(e, CUSTOMER)).toBe(false);
    expect(auditInvolves(e, 'Sam')).toBe(false);
  });

  it('writes out control characters a name or call label might carry', () => {
    const e = entry(
      { type: 'barge', supervisorId: SUP },
      { names: { [SUP]: 'Eve\u202Egnp.exe' }, call: 'x\u001b[31m' },
    );
    expect(auditWhat(e)).toBe('Eve\\u202egnp.exe barges in.');
    expect(auditCall(e)).toBe('x\\x1b[31m');
  });
});
