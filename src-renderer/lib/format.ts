/** Words and numbers for the screens. Pure: no DOM. */
import {
  MAX_PARTICIPANTS_PER_SESSION,
  PUBLISH_PERMISSIONS,
  type PublishPermission,
} from '$shared/bandwidth-api';
import { printable } from '$shared/text';
import type { SessionState, SessionView } from '$shared/dto/session-view';

/**
 * Text from outside (a tag, a session or profile label, an API message) as the screen shows it:
 * control and bidi control characters written out (`agent-\u202eexe.txt` no longer reads as
 * "agent-txt.exe"), cut to `max` characters. Put it in a `<bdi>` where it sits inside a sentence.
 */
export function safeText(text: string, max = 200): string {
  return printable(text, max);
}

export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}

/** "Customer 7f3a", "Customer 7f3a and Agent 21bc", "A, B and C". */
export function listWords(words: readonly string[]): string {
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(', ')} and ${words[words.length - 1] ?? ''}`;
}

const STATE_WORDS: Record<SessionState, string> = {
  starting: 'Starting',
  live: 'Live',
  unreachable: 'Unreachable',
  ended: 'Ended',
};

export function stateText(state: SessionState): string {
  return STATE_WORDS[state];
}

/** One line for the sidebar: "Live · 3 participants", "Unreachable: <reason>". */
export function sessionSummary(session: SessionView): string {
  const count = plural(session.participants.length, 'participant');
  switch (session.state) {
    case 'live':
      return `Live · ${count}`;
    case 'starting':
      return 'Starting: first look pending';
    case 'ended':
      return `Ended${session.error ? `: ${session.error}` : ''}`;
    case 'unreachable':
      return `Unreachable${session.error ? `: ${session.error}` : ''}`;
  }
}

/**
 * Why no action on a call can be taken (an ended call is read-only: its matrix stays as it was last
 * seen); null while it can.
 */
export function readOnlyReason(session: Pick<SessionView, 'state'> | undefined): string | null {
  return session?.state === 'ended' ? 'This call has ended' : null;
}

export function isFull(session: SessionView): boolean {
  return session.participants.length >= MAX_PARTICIPANTS_PER_SESSION;
}

/** Why adding is disabled, said before the API would refuse it; null while there is room. */
export function fullReason(session: SessionView): string | null {
  if (!isFull(session)) return null;
  return `This session has ${MAX_PARTICIPANTS_PER_SESSION} participants, the most Bandwidth allows in one session. Remove someone before adding another.`;
}

/** "Audio and video", "Audio", "Nothing (receives only)". Missing means the API default: both. */
export function permissionsText(permissions: readonly PublishPermission[] | undefined): string {
  const kinds = PUBLISH_PERMISSIONS.filter((k) => (permissions ?? PUBLISH_PERMISSIONS).includes(k));
  if (kinds.length === 0) return 'Nothing (receives only)';
  const words = kinds.map((k) => (k === 'AUDIO' ? 'audio' : 'video'));
  const text = listWords(words);
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** The first 8 characters of a long id, for tight places (the full id stays in a title/label). */
export function shortId(id: string): string {
  return id.length > 12 ? `${id.slice(0, 8)}…` : id;
}

/** One formatter per locale: `toLocaleTimeString` builds a new one on every call (slow in lists). */
const TIME_FORMATS = new Map<string, Intl.DateTimeFormat>();

/** "10:31:05" in the user's locale, or "not yet" for null. */
export function timeText(epochMs: number | null, locale?: string): string {
  if (epochMs === null) return 'not yet';
  if (!Number.isFinite(epochMs)) return 'at an unknown time';
  const key = locale ?? '';
  let format = TIME_FORMATS.get(key);
  if (format === undefined) {
    format = new Intl.DateTimeFormat(locale, {
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    TIME_FORMATS.set(key, format);
  }
  return format.format(epochMs);
}
