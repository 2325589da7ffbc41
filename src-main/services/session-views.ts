import type { SessionSnapshot } from '../live';
import type { Role } from '../shared/routing/model';
import { suggestRole } from '../shared/roles';
import type { SessionView } from '../shared/dto/session-view';
import type { WatchedSession } from '../settings';

/** Joins what the watcher observed with what the console remembers (label, roles). */
export function sessionView(
  watched: WatchedSession,
  snapshot: SessionSnapshot | undefined,
  roles: Readonly<Record<string, Role>>,
): SessionView {
  return {
    id: watched.id,
    label: watched.label || watched.id,
    addedAt: watched.addedAt,
    state: snapshot?.state ?? 'starting',
    observedAt: snapshot?.observedAt ?? null,
    error: snapshot?.error,
    participants: (snapshot?.participants ?? []).map((p) => {
      const assigned = roles[p.id];
      const suggested = suggestRole(p.tag);
      return {
        ...p,
        role: assigned ?? suggested,
        roleSource: assigned ? 'assigned' : suggested ? 'suggested' : null,
      };
    }),
  };
}
