/**
 * The console's place in the address (its fragment), so a reload comes back to the same screen and
 * the same call: `#/sessions/<session id>`, `#/sessions`, `#/audit`, `#/profiles`; the floor, the first
 * screen, is the bare address. Pure: no DOM.
 */

export const SCREENS = ['floor', 'sessions', 'audit', 'profiles'] as const;
export type Screen = (typeof SCREENS)[number];

export interface ConsoleLocation {
  readonly screen: Screen;
  /** The call open on the Sessions screen, if any. */
  readonly callId: string | null;
}

const HOME: ConsoleLocation = { screen: 'floor', callId: null };
/** Session ids are UUIDs; anything else in the address is not one of ours. */
const CALL_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,99}$/;

function isScreen(text: string): text is Screen {
  return (SCREENS as readonly string[]).includes(text);
}

/** Reads a fragment (`#/sessions/…`, with or without the `#`); anything else is the floor. */
export function parseLocation(hash: string): ConsoleLocation {
  const path = hash.replace(/^#/, '');
  if (!path.startsWith('/')) return HOME;
  const [screen = '', callId, ...rest] = path.slice(1).split('/');
  if (!isScreen(screen) || rest.length > 0) return HOME;
  if (callId === undefined || callId === '') return { screen, callId: null };
  if (screen !== 'sessions') return HOME;
  const id = decodeURIComponent(callId);
  return CALL_ID.test(id) ? { screen, callId: id } : { screen, callId: null };
}

/** The fragment for a place: empty for the floor. */
export function formatLocation(location: ConsoleLocation): string {
  if (location.screen === 'floor') return '';
  if (location.screen === 'sessions' && location.callId !== null) {
    return `#/sessions/${encodeURIComponent(location.callId)}`;
  }
  return `#/${location.screen}`;
}
