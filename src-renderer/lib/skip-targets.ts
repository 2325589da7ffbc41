/**
 * Where the skip links and the G-shortcuts put focus: the tab stop of the floor's call list, of
 * the Sessions screen's call list, or of the matrix. Falls back to the region's heading, then to
 * the page's main region.
 */
import type { ShortcutTarget } from './shortcuts';

const TAB_STOPS: Readonly<Record<ShortcutTarget, readonly string[]>> = {
  floor: ['[data-testid="floor-calls"] [tabindex="0"]', '#floor-heading'],
  calls: ['[data-testid="call-list"] [tabindex="0"]', '#sessions-heading'],
  matrix: ['[data-testid="routing-matrix"] [tabindex="0"]', '#routing-heading'],
};

/** Focuses the target's tab stop; false when the screen does not show it (nothing focused). */
export function focusTarget(target: ShortcutTarget): boolean {
  for (const selector of TAB_STOPS[target]) {
    const element = document.querySelector<HTMLElement>(selector);
    if (element === null) continue;
    if (element.tabIndex < 0 && !element.hasAttribute('tabindex')) {
      element.setAttribute('tabindex', '-1');
    }
    element.focus();
    element.scrollIntoView({ block: 'nearest' });
    return true;
  }
  return false;
}
