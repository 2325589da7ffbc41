/** Which screen shows, and the call the audit screen opens filtered to. */
import { describe, expect, it } from 'vitest';
import { NavigationStore } from '../../../src-renderer/lib/state/navigation.svelte';

describe('NavigationStore', () => {
  it('starts on the floor; a call page opens the audit screen filtered to its call', () => {
    const nav = new NavigationStore();
    expect(nav.screen).toBe('floor');
    expect(nav.auditCall).toBeNull();
    nav.openAudit('call-1');
    expect(nav.screen).toBe('audit');
    expect(nav.auditCall).toBe('call-1');
  });

  it('the Audit tab itself shows every call', () => {
    const nav = new NavigationStore();
    nav.openAudit('call-1');
    nav.go('sessions');
    expect(nav.auditCall).toBe('call-1');
    nav.go('audit');
    expect(nav.screen).toBe('audit');
    expect(nav.auditCall).toBeNull();
  });
});
