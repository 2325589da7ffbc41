import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AuditEntryInput } from '../../../../src-main/audit';
import { AlertsService } from '../../../../src-main/services/alerts';
import { TypedEmitter, type ConsoleEvents } from '../../../../src-main/services/emitter';
import type { Subscriptions } from '../../../../src-main/shared/bandwidth-api';
import type { AlertsEvent } from '../../../../src-main/shared/dto/alerts';
import type {
  ObservedChange,
  ParticipantView,
  SessionView,
} from '../../../../src-main/shared/dto/session-view';
import type { Role } from '../../../../src-main/shared/routing';

const SID = 'b0a1c0de-0000-4000-8000-000000000001';
const C = 'c0de0001-0000-4000-8000-000000000001';
const A = 'a9e00001-0000-4000-8000-000000000002';
const S = '5e900001-0000-4000-8000-000000000003';
const PROFILE = 'local';

function list(...ids: string[]): Subscriptions {
  return { sessionId: SID, participants: ids.map((participantId) => ({ participantId })) };
}

function member(id: string, role: Role, subscriptions: Subscriptions): ParticipantView {
  return { id, publishPermissions: ['AUDIO'], subscriptions, role, roleSource: 'assigned' };
}

function view(
  subs: Record<string, Subscriptions>,
  names: Record<string, string> = {},
): SessionView {
  const roles: Record<string, Role> = { [C]: 'customer', [A]: 'agent', [S]: 'supervisor' };
  return {
    id: SID,
    label: 'Billing call',
    addedAt: '2026-01-01T00:00:00.000Z',
    state: 'live',
    participants: Object.entries(subs).map(([id, s]) => ({
      ...member(id, roles[id] ?? 'other', s),
      ...(names[id] === undefined ? {} : { displayName: names[id] }),
    })),
    observedAt: 1,
  };
}

const monitored = { [C]: list(A), [A]: list(C), [S]: list(A, C) };
const leaking = { ...monitored, [C]: list(A, S) };

describe('AlertsService', () => {
  let dir: string;
  let updates: TypedEmitter<Pick<ConsoleEvents, 'sessions:update'>>;
  let audited: AuditEntryInput[];
  let events: AlertsEvent[];

  async function open(me?: {
    sessionId: string;
    participantId: string;
    displayName: string;
  }): Promise<AlertsService> {
    const service = await AlertsService.open({
      ...(me === undefined ? {} : { me: () => me }),
      updates,
      audit: { append: async (entry) => void audited.push(entry) },
      active: { for: () => ({ client: { accountId: 'acct' } }) },
      activeProfileId: () => PROFILE,
      file: join(dir, 'alerts.json'),
      warn: () => undefined,
      now: () => new Date('2026-01-01T10:00:00.000Z'),
    });
    service.events.on('alerts:changed', (e) => events.push(e));
    return service;
  }

  /** Emits one observation and waits until the service has handled it. */
  async function observe(
    subs: Record<string, Subscriptions>,
    changes: ObservedChange[] = [],
    names: Record<string, string> = {},
  ): Promise<void> {
    const before = events.length;
    updates.emit('sessions:update', { profileId: PROFILE, session: view(subs, names), changes });
    await expect.poll(() => events.length).toBeGreaterThan(before);
  }

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'alerts-'));
    updates = new TypedEmitter();
    audited = [];
    events = [];
  });
  afterEach(async () => rm(dir, { recursive: true, force: true }));

  it('raises a privacy leak, keeps it across a restart (0600 file), resolves it when fixed', async () => {
    const service = await open();
    await observe(leaking);
    expect(events.at(-1)?.raised.map((a) => [a.ruleId, a.severity])).toEqual([
      ['customer-hears-supervisor', 'critical'],
    ]);
    expect(service.list().alerts[0]?.sessionLabel).toBe('Billing call');
    if (process.platform !== 'win32') {
      expect((await stat(join(dir, 'alerts.json'))).mode & 0o777).toBe(0o600);
    }

    const again = await open();
    expect(again.list().alerts.map((a) => a.ruleId)).toEqual(['customer-hears-supervisor']);
    await observe(leaking);
    expect(events.at(-1)?.raised).toEqual([]);
    await observe(monitored, [
      { participantId: C, kind: 'subscriptions', origin: 'external', after: list(A) },
    ]);
    expect(again.list().alerts.map((a) => a.ruleId)).toEqual(['outside-change']);
  });

  it('an acknowledged state alert is not raised again until it resolved once', async () => {
    const service = await open();
    await observe(leaking);
    const [leak] = service.list().alerts;
    await service.acknowledge(PROFILE, leak?.id ?? '');
    await observe(leaking);
    expect(service.list().alerts).toEqual([]);
    await observe(monitored);
    await observe(leaking);
    expect(service.list().alerts.map((a) => a.ruleId)).toEqual(['customer-hears-supervisor']);
    await expect(service.acknowledge(PROFILE, 'nope')).rejects.toThrow(/no open alert nope/);
  });

  it('leaves a barge written by this console alone', async () => {
    const service = await open();
    await observe(monitored);
    await observe(leaking, [
      { participantId: C, kind: 'subscriptions', origin: 'console', after: list(A, S) },
    ]);
    expect(service.list().alerts).toEqual([]);
    expect(audited).toEqual([]);
  });

  it('names my own participant ("me") by my name in the activity, not by a short id', async () => {
    const service = await open({ sessionId: SID, participantId: S, displayName: 'Morgan Reyes' });
    await observe({ [C]: list(A), [A]: list(C) });
    await observe(monitored, [
      { participantId: S, kind: 'joined', origin: 'console', after: list(A, C) },
    ]);
    expect(service.list().activity.map((e) => [e.kind, e.participantLabel])).toEqual([
      ['joined', 'Morgan Reyes'],
    ]);
  });

  it('keeps the directory’s names of the people an outside change is about', async () => {
    await open();
    const names = { [C]: 'Dana Whitfield', [A]: 'Sam Lee' };
    await observe({ [C]: list(A), [A]: list(C) }, [], names);
    await observe(
      { [C]: list(A), [A]: list() },
      [{ participantId: A, kind: 'subscriptions', origin: 'external', after: list() }],
      names,
    );
    expect(audited.map((e) => [e.outcome, e.names])).toEqual([['observed', names]]);
  });

  it('audits an outside change as observed and the decision as undone, and feeds joins', async () => {
    const service = await open();
    await observe({ [C]: list(A), [A]: list(C) });
    await observe(monitored, [
      { participantId: S, kind: 'joined', origin: 'external', after: list(A, C) },
      { participantId: A, kind: 'subscriptions', origin: 'external', after: list(C) },
    ]);
    expect(audited.map((e) => [e.outcome, e.intent])).toEqual([
      [
        'observed',
        {
          type: 'outside-change',
          change: 'joined',
          participantId: S,
          participantLabel: 'Supervisor 5e90',
        },
      ],
      [
        'observed',
        {
          type: 'outside-change',
          change: 'subscriptions',
          participantId: A,
          participantLabel: 'Agent a9e0',
        },
      ],
    ]);
    expect(service.list().activity.map((e) => [e.kind, e.participantLabel, e.origin])).toEqual([
      ['joined', 'Supervisor 5e90', 'external'],
    ]);
    const state = await service.decide(PROFILE, SID, A, 'undone');
    expect(state.alerts.filter((a) => a.ruleId === 'outside-change')).toEqual([]);
    expect(audited.at(-1)).toMatchObject({ outcome: 'undone', receivers: [] });
    await expect(service.decide(PROFILE, 'other-session', A, 'accepted')).rejects.toThrow(
      /not being watched/,
    );
  });

  it('names a removed supervisor as the directory named them, even once the directory dropped them', async () => {
    const service = await open();
    const named = (subs: Record<string, Subscriptions>, names: Record<string, string>) => {
      const v = view(subs);
      return {
        ...v,
        participants: v.participants.map((p) =>
          names[p.id] === undefined ? p : { ...p, displayName: names[p.id] },
        ),
      };
    };
    const emit = async (session: SessionView, changes: ObservedChange[] = []) => {
      const before = events.length;
      updates.emit('sessions:update', { profileId: PROFILE, session, changes });
      await expect.poll(() => events.length).toBeGreaterThan(before);
    };
    await emit(named(monitored, { [S]: 'Pia Thistlewood' }));
    // The directory no longer lists her (it relayed the leave first); the session still has her.
    await emit(named(monitored, {}));
    await emit(named({ [C]: list(A), [A]: list(C) }, {}), [
      { participantId: S, kind: 'left', origin: 'external', before: list(A, C) },
    ]);
    const removed = service.list().alerts.find((a) => a.ruleId === 'supervisor-removed');
    expect(removed?.message).toMatch(/^Pia Thistlewood was removed from the call/);
    expect(service.list().activity[0]).toMatchObject({ participantLabel: 'Pia Thistlewood' });
  });

  it('keeps an unreadable file aside and starts empty', async () => {
    await writeFile(join(dir, 'alerts.json'), '{"version": 2}');
    const service = await open();
    expect(service.list()).toEqual({ alerts: [], activity: [] });
    await expect(readFile(join(dir, 'alerts.json'), 'utf8')).rejects.toThrow(/ENOENT/);
  });
});
