import type { SessionSnapshot } from '../live';
import type { Role } from '../shared/routing/model';
import { shownRole } from '../shared/roles';
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
      const { role, source } = shownRole(roles[p.id], p.tag);
      return { ...p, role, roleSource: source };
    }),
  };
}
