/** The routing model of a session as main's view shows it (the renderer's and main's one way). */
import type { SessionView } from '../dto/session-view';
import type { Role, RoutingSession } from './model';
import { sessionFromApi } from './model';

const NO_OVERRIDES: Readonly<Record<string, Role | null>> = Object.freeze({});
/** Views are never changed once made (a new state is a new view), so their models can be kept. */
const MODELS = new WeakMap<SessionView, RoutingSession>();

/**
 * The session view as the routing model sees it: roles chosen here (not yet in main's view) win,
 * then the roles main's view says were assigned (in the console or by the call directory); a role
 * the view says is only suggested by the tag stays marked so (it never relaxes a guardrail; presets
 * relying on it ask first). The directory's names label the members.
 */
export function routingOf(
  view: SessionView,
  roleOverrides: Readonly<Record<string, Role | null>> = NO_OVERRIDES,
): RoutingSession {
  // One model per view object: a live update is read by several parts of the page (its drift, the
  // matrix), each of which asked for the same model again.
  if (roleOverrides === NO_OVERRIDES) {
    const known = MODELS.get(view);
    if (known !== undefined) return known;
    const model = routingOf(view, {});
    MODELS.set(view, model);
    return model;
  }
  const roles: Record<string, Role> = {};
  const suggested: Record<string, Role> = {};
  const names: Record<string, string> = {};
  for (const p of view.participants) {
    if (p.displayName !== undefined) names[p.id] = p.displayName;
    const role = p.id in roleOverrides ? roleOverrides[p.id] : p.role;
    if (!role) continue;
    if (!(p.id in roleOverrides) && p.roleSource === 'suggested') suggested[p.id] = role;
    else roles[p.id] = role;
  }
  return sessionFromApi(view.id, view.participants, roles, suggested, names);
}
