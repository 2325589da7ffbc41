/**
 * The floor's pure parts: one call's row from its directory entry and what its watcher saw, the
 * "recently ended" list, each call's polling cadence and what the floor costs in requests. No I/O.
 */
import type { SessionSnapshot, WatcherTiming } from '../live';
import { floorIntervalMs } from '../live';
import type { DirectoryCall } from '../shared/dto/directory';
import type {
  CallAlert,
  EndedCall,
  FloorBudget,
  FloorCadence,
  FloorCall,
  FloorSupervisor,
} from '../shared/dto/floor';
import { suggestedRoles } from '../shared/roles';
import { participantLabel, sessionFromApi, supervisorsOf, type Role } from '../shared/routing';

/**
 * Who supervises the call and how, from the participants the watcher read. Roles: the
 * directory's, then those assigned in the console, then what tags suggest. Names: the directory's,
 * else the console's short label.
 */
export function floorSupervisors(
  call: DirectoryCall,
  snapshot: SessionSnapshot | undefined,
  assigned: Readonly<Record<string, Role>>,
): FloorSupervisor[] {
  const participants = snapshot?.participants ?? [];
  const listed = new Map(call.participants.map((p) => [p.participantId, p]));
  const roles: Record<string, Role> = { ...assigned };
  for (const p of call.participants) roles[p.participantId] = p.role;
  const routing = sessionFromApi(call.sessionId, participants, roles, suggestedRoles(participants));
  return supervisorsOf(routing).map(({ id, supervision }) => ({
    participantId: id,
    name: listed.get(id)?.displayName ?? participantLabel(routing, id),
    mode: supervision.mode,
  }));
}

/**
 * The open call is read fast; a call with alerts, or one in the register of watched sessions, at
 * the slow interval; the rest at the floor's.
 */
export function cadenceOf(
  sessionId: string,
  openId: string | null,
  alerts: readonly CallAlert[],
  watched: boolean,
): FloorCadence {
  if (sessionId === openId) return 'open';
  if (alerts.length > 0) return 'alert';
  return watched ? 'watched' : 'floor';
}

export function floorCall(
  call: DirectoryCall,
  snapshot: SessionSnapshot | undefined,
  assigned: Readonly<Record<string, Role>>,
  alerts: readonly CallAlert[],
  cadence: FloorCadence,
): FloorCall {
  return {
    sessionId: call.sessionId,
    label: call.label,
    queue: call.queue,
    startedAt: call.startedAt,
    people: call.participants.map((p) => ({ ...p })),
    state: snapshot?.state ?? 'starting',
    supervisors: floorSupervisors(call, snapshot, assigned),
    alerts: [...alerts],
    cadence,
  };
}

/**
 * The "recently ended" list after `gone` left the directory at `now`: newest first, each call once
 * (a call that ends again replaces its old entry), none older than `keepMs`.
 */
export function withEnded(
  ended: readonly EndedCall[],
  gone: readonly DirectoryCall[],
  now: number,
  keepMs: number,
): EndedCall[] {
  const goneIds = new Set(gone.map((c) => c.sessionId));
  const fresh = gone.map((c): EndedCall => ({
    sessionId: c.sessionId,
    label: c.label,
    queue: c.queue,
    startedAt: c.startedAt,
    people: c.participants.map((p) => ({ ...p })),
    endedAt: now,
  }));
  return pruneEnded([...fresh, ...ended.filter((e) => !goneIds.has(e.sessionId))], now, keepMs);
}

/** Drops the entries older than `keepMs` (an entry exactly `keepMs` old is gone). */
export function pruneEnded(ended: readonly EndedCall[], now: number, keepMs: number): EndedCall[] {
  return ended.filter((e) => now - e.endedAt < keepMs);
}

/**
 * The floor's cost: one list request per call per interval, at the open call's, the slow (alerts,
 * watched calls) and the floor's interval. With the default timing (1 s, 10 s, 30 s), 200 calls of which 10 have
 * alerts and one is open cost 1 + 1 + 189 / 30 ≈ 8.3 reads a second.
 */
export function floorBudget(
  counts: Readonly<Record<FloorCadence, number>>,
  timing: WatcherTiming,
): FloorBudget {
  const floorMs = floorIntervalMs(timing);
  const perSecond =
    (counts.open * 1000) / timing.fastMs +
    ((counts.alert + counts.watched) * 1000) / timing.slowMs +
    (counts.floor * 1000) / floorMs;
  return {
    openMs: timing.fastMs,
    alertMs: timing.slowMs,
    floorMs,
    requestsPerSecond: Math.round(perSecond * 100) / 100,
  };
}
