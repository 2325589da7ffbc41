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
