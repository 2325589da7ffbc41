import { describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../../../src-main/audit/types';
import {
  exportFileName,
  isoFromLocal,
  receiverLines,
  redactionWords,
} from '../../../../src-renderer/lib/matrix/audit-words';
import { cellKey } from '../../../../src-renderer/lib/matrix/grid';
import { cellMenu, headerMenu, trayMenu } from '../../../../src-renderer/lib/matrix/menus';
import { buildMatrix } from '../../../../src-renderer/lib/matrix/model';
import {
  failedStepText,
  failureTitle,
  outcomeOf,
  wireIntent,
} from '../../../../src-renderer/lib/matrix/outcomes';
import {
  cellWords,
  memberLabel,
  streamsShort,
  subscriptionsWords,
  supervisionSentence,
} from '../../../../src-renderer/lib/matrix/words';
import { A, C, S, SESSION, list, monitoredCall } from './fixtures';

describe('words', () => {
  const model = buildMatrix(monitoredCall({ [A]: list(C, S) }));

  it('a cell says who hears whom, what and how', () => {
    const cell = model.cells.get(cellKey(A, S));
    if (!cell) throw new Error('cell missing');
    expect(cellWords(model.labels, cell)).toBe(
      'Agent a9e4 hears Supervisor 5a9e: all streams, audio; the supervisor coaching (whisper).',
    );
    const off = model.cells.get(cellKey(C, S));
    if (!off) throw new Error('cell missing');
    expect(cellWords(model.labels, off)).toContain('Customer c0ff does not hear Supervisor 5a9e');
    expect(
      cellWords(model.labels, { ...off, status: { kind: 'drift', console: null, server: 'all' } }),
    ).toContain('changed outside Patchbay: the server has all streams, Patchbay had nothing');
  });

  it('a whisper is spelled out: who hears the supervisor and who cannot', () => {
    const header = model.headers[2];
    if (!header) throw new Error('header missing');
    expect(supervisionSentence(model, header)).toBe(
      'Supervisor 5a9e is whispering: only Agent a9e4 hears Supervisor 5a9e; Customer c0ff cannot hear Supervisor 5a9e. Supervisor 5a9e hears Customer c0ff and Agent a9e4.',
    );
  });

  it('a barge heard by one person agrees in number ("Customer … hears", not "hear")', () => {
    const barged = buildMatrix(monitoredCall({ [C]: list(A, S) }));
    const header = barged.headers[2];
    if (!header) throw new Error('header missing');
    expect(supervisionSentence(barged, header)).toBe(
      'Supervisor 5a9e has barged in: Customer c0ff hears Supervisor 5a9e; Supervisor 5a9e hears Customer c0ff and Agent a9e4.',
    );
    const both = buildMatrix(monitoredCall({ [C]: list(A, S), [A]: list(C, S) }));
    const bothHeader = both.headers[2];
    if (!bothHeader) throw new Error('header missing');
    expect(supervisionSentence(both, bothHeader)).toContain(
      'Customer c0ff and Agent a9e4 hear Supervisor 5a9e',
    );
  });

  it('short forms and subscriptions in words', () => {
    expect(streamsShort(['camera', 'mic'])).toBe('camera +1');
    expect(streamsShort('all')).toBe('all');
    const label = (id: string): string => (id === A ? 'Agent a9e4' : id);
    expect(subscriptionsWords({ sessionId: SESSION }, SESSION, label)).toContain('everyone');
    expect(subscriptionsWords({}, SESSION, label)).toBe('hears nobody');
    expect(subscriptionsWords(null, SESSION, label)).toBe('unknown');
    expect(
      subscriptionsWords(
        { participants: [{ participantId: A, streamAliases: ['mic'] }] },
        SESSION,
        label,
      ),
    ).toBe('hears Agent a9e4 (mic only)');
    expect(memberLabel({ id: 'x', tag: `agent-${A}`, role: 'agent' })).toBe('Agent a9e4');
  });

  it('someone in the tray keeps the directory name, printed safely', () => {
    const agent = { id: 'x', tag: `agent-${A}`, role: 'agent' as const };
    expect(memberLabel({ ...agent, displayName: 'Sam Lee' })).toBe('Sam Lee');
    const shown = memberLabel({ ...agent, displayName: 'Sam\u202e Lee\n' });
    expect(shown).toContain('Sam');
    expect(shown).not.toMatch(/[\u202e\n]/);
    expect(memberLabel({ ...agent, displayName: '  ' })).toBe('Agent a9e4');
  });
});

describe('menus carry the same actions as keys and drops', () => {
  const model = buildMatrix(monitoredCall());

  it('a cell: toggle, streams, selection, drift', () => {
    const cell = model.cells.get(cellKey(A, S));
    if (!cell) throw new Error('cell missing');
    const groups = cellMenu(
      model,
      { ...cell, status: { kind: 'drift', console: null, server: 'all' } },
      ['x', 'y'],
    );
    expect(groups.map((g) => g.items.map((i) => i.id))).toEqual([
      ['toggle', 'aliases'],
      ['select-on', 'select-off'],
      ['keep-console', 'keep-server'],
    ]);
    expect(groups[0]?.items[0]?.action).toEqual({
      type: 'change',
      source: 'toggle',
      intents: [{ type: 'subscribe', receiverId: A, publisherId: S }],
    });
  });

  it('a column header: who else may hear it, presets with timers, role, remove', () => {
    const groups = headerMenu(model, S, 'column');
    expect(groups[0]?.items.map((i) => i.action)).toEqual([
      {
        type: 'change',
        source: 'connect',
        intents: [{ type: 'subscribe', receiverId: C, publisherId: S }],
      },
      {
        type: 'change',
        source: 'connect',
        intents: [{ type: 'subscribe', receiverId: A, publisherId: S }],
      },
    ]);
    const presets = groups.find((g) => g.label === 'Presets')?.items.map((i) => i.label) ?? [];
    expect(presets).toContain('Whisper for 30 s');
    expect(presets).toContain('Monitor until stopped');
    expect(groups.find((g) => g.label === 'Role')?.items.find((i) => i.checked)?.label).toBe(
      'Supervisor',
    );
    expect(groups.at(-1)?.items.at(-1)).toMatchObject({ id: 'remove', danger: true });
  });

  it('the tray: add, unless the session is full', () => {
    expect(trayMenu('x', 3)[0]?.items[0]?.disabled).toBeUndefined();
    expect(trayMenu('x', 20)[0]?.items[0]?.disabled).toContain('20 participants');
  });
});

describe('outcomes and audit entries', () => {
  it('flattens the bridge and the applier, and titles each failure', () => {
    const bridge = outcomeOf({ ok: false, error: { code: 'disconnected', message: 'Lost it.' } });
    expect(bridge).toMatchObject({ ok: false, code: 'bridge' });
    if (bridge.ok) throw new Error('expected a failure');
    expect(failureTitle(bridge)).toBe('The change was not sent');
    expect(
      failureTitle({ ok: false, code: 'nothing-to-undo', message: '', rolledBack: false }, 'undo'),
    ).toBe('Nothing to undo');
    expect(
      failedStepText({
        step: 2,
        of: 3,
        operation: 'updateParticipantSubscriptions',
        receiverId: A,
        receiverLabel: 'Agent a9e4',
        message: 'Could not update Agent a9e4’s subscriptions.',
      }),
    ).toBe('Step 2 of 3 failed: Could not update Agent a9e4’s subscriptions.');
    expect(
      wireIntent({ type: 'setStreams', receiverId: C, publisherId: A, streams: ['mic'] }),
    ).toEqual({
      type: 'setStreams',
      receiverId: C,
      publisherId: A,
      streams: ['mic'],
    });
  });

  it('lists receivers before → after, named now or as recorded', () => {
    const entry = {
      sessionId: SESSION,
      receivers: [{ receiverId: C, before: list(A), after: {} }],
    } as unknown as AuditEntry;
    expect(receiverLines(entry, (id) => (id === C ? 'Customer c0ff' : 'Agent a9e4'))).toEqual([
      { receiverId: C, label: 'Customer c0ff', before: 'hears Agent a9e4', after: 'hears nobody' },
    ]);
  });

  it('says what the log redacted and why, never what', () => {
    expect(redactionWords({})).toBeUndefined();
    expect(
      redactionWords({
        redacted: [
          { field: 'reason', rule: 'an Authorization header' },
          { field: 'receivers.0.before.participants.0.streamAliases.0', rule: 'a bearer token' },
          { field: 'receivers.1.after.participants.0.streamAliases.0', rule: 'a bearer token' },
        ],
      }),
    ).toBe(
      "Redacted before it was recorded, as it looked like a credential: the reason (an Authorization header); a participant's routing (a bearer token).",
    );
  });

  it('dates and file names', () => {
    expect(isoFromLocal('')).toBeUndefined();
    expect(isoFromLocal('garbage')).toBeUndefined();
    expect(isoFromLocal('2025-01-02T03:04')).toMatch(/^2025-01-0\dT\d\d:04:00.000Z$/);
    expect(exportFileName('session', 'csv', new Date('2025-01-02T03:04:05Z'))).toBe(
      'patchbay-audit-session-2025-01-02T03-04-05.csv',
    );
  });
});
