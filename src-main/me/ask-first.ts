/**
 * The question a first action must ask before my participant is created: a Coach on a call whose
 * agent is only guessed from a tag asks the applier's own question ("Patchbay guessed from the tag
 * that … is the agent; whisper to them?") first, so nothing is created for an answer of no.
 */
import type { Participant } from '../shared/bandwidth-api';
import type { MeMode } from '../shared/dto/me';
import type { DirectorySnapshot } from '../shared/dto/directory';
import { roleAssumption, sessionFromApi } from '../shared/routing';
import type { Role } from '../shared/routing/model';
import { suggestedRoles } from '../shared/roles';
import { assignedRoles } from '../directory/roles';
import { intentFor } from './words';

export function questionBeforeJoin(
  mode: MeMode,
  sessionId: string,
  members: readonly Participant[],
  roles: { directory: DirectorySnapshot | undefined; console: Readonly<Record<string, Role>> },
): string | null {
  if (mode !== 'coach') return null;
  const assigned = assignedRoles(roles.directory, roles.console, sessionId);
  const session = sessionFromApi(sessionId, members, assigned, suggestedRoles(members));
  // My participant does not exist yet: the question is only ever about the agents.
  return roleAssumption(session, intentFor(mode, '(me)'))?.message ?? null;
}
