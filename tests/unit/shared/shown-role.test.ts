/**
 * The one rule for the role shown: assigned in the console, else the call directory's, else
 * suggested by the tag, else none.
 */
import { describe, expect, it } from 'vitest';
import { shownRole } from '../../../src-main/shared/roles';

describe('shownRole', () => {
  it('an assigned role wins over the tag', () => {
    expect(shownRole('supervisor', 'agent-7')).toEqual({ role: 'supervisor', source: 'assigned' });
  });

  it('without one, the tag suggests it (caller counts as customer)', () => {
    expect(shownRole(null, 'agent-7')).toEqual({ role: 'agent', source: 'suggested' });
    expect(shownRole(undefined, 'caller:42')).toEqual({ role: 'customer', source: 'suggested' });
  });

  it('no assigned role and no telling tag: no role', () => {
    expect(shownRole(null, 'queue-3')).toEqual({ role: null, source: null });
    expect(shownRole(undefined, undefined)).toEqual({ role: null, source: null });
  });

  it('the call directory’s role counts as assigned and wins over the tag, not over the console', () => {
    expect(shownRole(null, 'agent-7', 'customer')).toEqual({
      role: 'customer',
      source: 'directory',
    });
    expect(shownRole('supervisor', 'agent-7', 'customer')).toEqual({
      role: 'supervisor',
      source: 'assigned',
    });
    expect(shownRole(null, 'agent-7', undefined)).toEqual({ role: 'agent', source: 'suggested' });
  });
});
