/** Builders, readers and fast-check arbitraries shared by the routing tests. */
import fc from 'fast-check';
import type {
  ParticipantSubscription,
  Subscriptions,
} from '../../../../src-main/shared/bandwidth-api';
import type {
  Intent,
  Role,
  RoutingParticipant,
  RoutingSession,
  StreamSelection,
} from '../../../../src-main/shared/routing';
import { deliveryOf, sameDelivery, validateIntent } from '../../../../src-main/shared/routing';

export const SID = 'b0a1c0de-0000-4000-8000-000000000001';

export function person(id: string, role: Role, tag?: string): RoutingParticipant {
  return { id, role, publishPermissions: ['AUDIO', 'VIDEO'], ...(tag ? { tag } : {}) };
}

export function sessionOf(
  participants: readonly RoutingParticipant[],
  subscriptions: Record<string, Subscriptions> = {},
): RoutingSession {
  return { sessionId: SID, participants, subscriptions };
}

/** An explicit participant-level list. */
export function list(...ids: string[]): Subscriptions {
  return { sessionId: SID, participants: ids.map((participantId) => ({ participantId })) };
}

export const everyone: Subscriptions = { sessionId: SID };

/** Sorted ids of the publishers `receiverId` gets under `subscriptions` (default: current). */
export function hears(
  session: RoutingSession,
  receiverId: string,
  subscriptions: Subscriptions | undefined = session.subscriptions[receiverId],
): string[] {
  return [...deliveryOf(session, receiverId, subscriptions).cells.keys()].sort();
}

/** Every receiver's effective delivery under `subs` equals the one under `other`. */
export function sameEffective(
  session: RoutingSession,
  subs: Readonly<Record<string, Subscriptions>>,
  other: Readonly<Record<string, Subscriptions>>,
  receivers: readonly string[] = session.participants.map((p) => p.id),
): boolean {
  return receivers.every((r) =>
    sameDelivery(deliveryOf(session, r, subs[r]), deliveryOf(session, r, other[r])),
  );
}

// --- arbitraries -------------------------------------------------------------------------------

export const ALIASES = ['camera', 'microphone', 'screenShare'] as const;

const roleArb = fc.constantFrom<Role>('customer', 'agent', 'supervisor', 'other');

function subscriptionsArb(ids: readonly string[]): fc.Arbitrary<Subscriptions> {
  const target = fc.constantFrom(...ids, 'ghost-participant');
  const aliases = fc.oneof(
    fc.constant<string[] | undefined>(undefined),
    fc.constant<string[]>([]),
    fc.subarray<string>([...ALIASES], { minLength: 1 }),
  );
  const entry = fc
    .record({ participantId: target, streamAliases: aliases })
    .map(({ participantId, streamAliases }): ParticipantSubscription =>
      streamAliases === undefined ? { participantId } : { participantId, streamAliases },
    );
  return fc.oneof(
    fc.constant<Subscriptions>({}),
    fc.constant<Subscriptions>({ sessionId: SID }),
    fc.constant<Subscriptions>({ sessionId: SID, participants: [] }),
    fc.constant<Subscriptions>({ sessionId: 'another-session' }),
    fc
      .record({
        withSession: fc.boolean(),
        entries: fc.array(entry, { minLength: 1, maxLength: ids.length + 2 }),
      })
      .map(({ withSession, entries }): Subscriptions =>
        withSession ? { sessionId: SID, participants: entries } : { participants: entries },
      ),
  );
}

/** Random sessions of 2–20 members, random roles, subscriptions of every form. */
export const sessionArb: fc.Arbitrary<RoutingSession> = fc
  .integer({ min: 2, max: 20 })
  .chain((n) => {
    const ids = Array.from({ length: n }, (_, i) => `${(0xa000 + i * 0x111).toString(16)}-p${i}`);
    return fc
      .tuple(
        fc.array(roleArb, { minLength: n, maxLength: n }),
        fc.array(subscriptionsArb(ids), { minLength: n, maxLength: n }),
      )
      .map(([roles, subs]) =>
        sessionOf(
          ids.map((id, i) => person(id, roles[i] ?? 'other')),
          Object.fromEntries(ids.map((id, i) => [id, subs[i] ?? {}])),
        ),
      );
  });

export const PRESET_TYPES = [
  'mute',
  'unmute',
  'hold',
  'isolate',
  'fullyWire',
  'restoreCall',
  'monitor',
  'whisper',
  'barge',
  'endSupervision',
  'move',
] as const;
export const CELL_TYPES = ['subscribe', 'unsubscribe', 'setStreams', 'setCells'] as const;

interface Choice {
  type: Intent['type'];
  a: number;
  b: number;
  picks: number[];
  useDefault: boolean;
  streams: StreamSelection;
  forOne: boolean;
}

function pick<T>(items: readonly T[], index: number): T | undefined {
  return items.length === 0 ? undefined : items[index % items.length];
}

/** Turns random numbers into a concrete intent for `session`, or null if none fits. */
function buildIntent(session: RoutingSession, c: Choice): Intent | null {
  const ids = session.participants.map((p) => p.id);
  const supervisors = session.participants.filter((p) => p.role === 'supervisor').map((p) => p.id);
  const x = pick(ids, c.a) ?? '';
  const y = pick(ids, c.b) ?? '';
  const s = pick(supervisors, c.a);
  const chosen = (filter: (p: RoutingParticipant) => boolean): string[] => {
    const pool = session.participants.filter((p) => p.id !== s && filter(p)).map((p) => p.id);
    return [...new Set(c.picks.map((i) => pick(pool, i)).filter((v) => v !== undefined))];
  };
  let intent: Intent;
  switch (c.type) {
    case 'subscribe':
    case 'unsubscribe':
      intent = { type: c.type, receiverId: x, publisherId: y };
      break;
    case 'setStreams':
      intent = { type: 'setStreams', receiverId: x, publisherId: y, streams: c.streams };
      break;
    case 'mute':
    case 'unmute':
      intent = c.forOne
        ? { type: c.type, publisherId: x, receiverId: y }
        : { type: c.type, publisherId: x };
      break;
    case 'hold':
    case 'isolate':
      intent = { type: c.type, participantId: x };
      break;
    case 'fullyWire':
    case 'restoreCall':
      intent = { type: c.type };
      break;
    case 'monitor':
      if (s === undefined) return null;
      intent = c.useDefault
        ? { type: 'monitor', supervisorId: s }
        : { type: 'monitor', supervisorId: s, participantIds: chosen(() => true) };
      break;
    case 'whisper':
      if (s === undefined) return null;
      intent = c.useDefault
        ? { type: 'whisper', supervisorId: s }
        : { type: 'whisper', supervisorId: s, agentIds: chosen((p) => p.role === 'agent') };
      break;
    case 'barge':
    case 'endSupervision':
      if (s === undefined) return null;
      intent = { type: c.type, supervisorId: s };
      break;
    case 'move':
      intent = { type: 'move', participantId: x, toSessionId: 'elsewhere' };
      break;
    case 'setCells': {
      // Several random cells at once, some connected (all or some streams), some cut.
      const cells = c.picks
        .map((i, n) => ({
          receiverId: pick(ids, i) ?? '',
          publisherId: pick(ids, i + c.a + 1) ?? '',
          n,
        }))
        .filter((cell) => cell.receiverId !== cell.publisherId)
        .map(({ receiverId, publisherId, n }) => ({
          receiverId,
          publisherId,
          streams: n % 3 === 0 ? null : n % 3 === 1 ? ('all' as const) : c.streams,
        }));
      const seen = new Set<string>();
      const unique = cells.filter((cell) => {
        const key = `${cell.receiverId} ${cell.publisherId}`;
        if (seen.has(key)) return false;
        seen.add(key);
        return true;
      });
      if (unique.length === 0) return null;
      intent = { type: 'setCells', cells: unique };
      break;
    }
  }
  return validateIntent(session, intent) === null ? intent : null;
}

/** A session and an intent valid for it, drawn from `types`. */
export function sessionWithIntentArb(
  types: readonly Intent['type'][],
): fc.Arbitrary<{ session: RoutingSession; intent: Intent }> {
  const choice: fc.Arbitrary<Choice> = fc.record({
    type: fc.constantFrom(...types),
    a: fc.nat(),
    b: fc.nat(),
    picks: fc.array(fc.nat(), { minLength: 1, maxLength: 6 }),
    useDefault: fc.boolean(),
    streams: fc.oneof(
      fc.constant<StreamSelection>('all'),
      fc.subarray([...ALIASES], { minLength: 1 }),
    ),
    forOne: fc.boolean(),
  });
  return fc
    .tuple(sessionArb, choice)
    .map(([session, c]) => ({ session, intent: buildIntent(session, c) }))
    .filter((v): v is { session: RoutingSession; intent: Intent } => v.intent !== null);
}
