import type { DirectoryClient } from '../directory';
import type { SessionSnapshot } from '../live';
import type { DirectoryCall } from '../shared/dto/directory';
import type { Role } from '../shared/routing/model';
import { shownRole } from '../shared/roles';
import type { SessionView } from '../shared/dto/session-view';
import type { WatchedSession } from '../settings';

/** What the call directory says about one call's people, by participant id. */
export interface DirectoryPeople {
  readonly names: Readonly<Record<string, string>>;
  readonly roles: Readonly<Record<string, Role>>;
}

/** A session's call in the directory's last good snapshot, when it lists it. */
export function directoryCallOf(
  directory: DirectoryClient | undefined,
  sessionId: string,
): DirectoryCall | undefined {
  return directory?.snapshot?.calls.find((call) => call.sessionId === sessionId);
}

/** The names and roles of a directory call's participants (none without a call). */
export function directoryPeople(call: DirectoryCall | undefined): DirectoryPeople {
  const names: Record<string, string> = Object.create(null) as Record<string, string>;
  const roles: Record<string, Role> = Object.create(null) as Record<string, Role>;
  for (const p of call?.participants ?? []) {
    names[p.participantId] = p.displayName;
    roles[p.participantId] = p.role;
  }
  return { names, roles };
}

/** The value of an own key only (an id such as `__proto__` finds nothing). */
function own<T>(record: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}

/** My own participant on this profile ("me"), named by the profile's supervisor. */
export interface MyParticipant {
  readonly participantId: string;
  readonly displayName: string;
}

/**
 * Joins what the watcher observed with what the console remembers (label, roles, my own
 * participant) and what the call directory says (the call's label and queue, its people's names
 * and roles). A role assigned in the console wins over the directory's; the tag's suggestion is
 * the fallback. My participant, which no directory lists, is named by the supervisor's name.
 */
export function sessionView(
  watched: WatchedSession,
  snapshot: SessionSnapshot | undefined,
  roles: Readonly<Record<string, Role>>,
  call?: DirectoryCall | undefined,
  me?: MyParticipant | undefined,
): SessionView {
  const people = directoryPeople(call);
  return {
    id: watched.id,
    label: call?.label || watched.label || watched.id,
    ...(call?.queue ? { queue: call.queue } : {}),
    addedAt: watched.addedAt,
    state: snapshot?.state ?? 'starting',
    observedAt: snapshot?.observedAt ?? null,
    error: snapshot?.error,
    participants: (snapshot?.participants ?? []).map((p) => {
      const directoryRole = own(people.roles, p.id);
      const displayName =
        own(people.names, p.id) ?? (me?.participantId === p.id ? me.displayName : undefined);
      const { role, source } = shownRole(own(roles, p.id), p.tag, directoryRole);
      return {
        ...p,
        role,
        roleSource: source,
        ...(displayName === undefined ? {} : { displayName }),
        ...(directoryRole === undefined ? {} : { directoryRole }),
      };
    }),
  };
}
