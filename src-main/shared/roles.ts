import type { Role } from './routing/model';

/**
 * A role suggested by a participant's tag, for backends that tag participants by role
 * (`agent-…`, `customer:…`, `supervisor_…`). A role assigned in the console always wins.
 */
export function suggestRole(tag: string | undefined): Role | null {
  const match = /^(customer|caller|agent|supervisor)(?:$|[-_:./ ])/i.exec(tag ?? '');
  if (!match?.[1]) return null;
  const word = match[1].toLowerCase();
  return word === 'caller' ? 'customer' : (word as Role);
}

/**
 * Where a shown role comes from: chosen in the console, given by the call directory (both count as
 * assigned), or only suggested by the tag.
 */
export type RoleSource = 'assigned' | 'directory' | 'suggested' | null;

/**
 * The one rule for the role shown: the role assigned in the console (the supervisor's own
 * correction), else the call directory's, else the one the tag suggests, else none.
 */
export function shownRole(
  assigned: Role | null | undefined,
  tag: string | undefined,
  directory?: Role | undefined,
): { readonly role: Role | null; readonly source: RoleSource } {
  if (assigned) return { role: assigned, source: 'assigned' };
  if (directory) return { role: directory, source: 'directory' };
  const suggested = suggestRole(tag);
  return { role: suggested, source: suggested ? 'suggested' : null };
}

/** The role each participant's tag suggests; participants whose tag suggests none are left out. */
export function suggestedRoles(
  participants: readonly { readonly id: string; readonly tag?: string | undefined }[],
): Record<string, Role> {
  const roles: Record<string, Role> = {};
  for (const p of participants) {
    const role = suggestRole(p.tag);
    if (role !== null) roles[p.id] = role;
  }
  return roles;
}
