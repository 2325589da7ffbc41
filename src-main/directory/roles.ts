import type { DirectorySnapshot } from '../shared/dto/directory';
import type { Role } from '../shared/routing/model';

/**
 * The roles the call directory gives the participants of one session (they count as assigned:
 * the backend knows who the customer and the agent are). None when the session is not listed.
 */
export function directoryRoles(
  snapshot: DirectorySnapshot | undefined,
  sessionId: string,
): Record<string, Role> {
  const call = snapshot?.calls.find((c) => c.sessionId === sessionId);
  const roles: Record<string, Role> = {};
  for (const p of call?.participants ?? []) roles[p.participantId] = p.role;
  return roles;
}

/** The one rule for assigned roles in a session: the directory's, then the console's (which win). */
export function assignedRoles(
  snapshot: DirectorySnapshot | undefined,
  consoleAssigned: Readonly<Record<string, Role>>,
  sessionId: string,
): Record<string, Role> {
  return { ...directoryRoles(snapshot, sessionId), ...consoleAssigned };
}
