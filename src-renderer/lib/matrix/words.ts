/**
 * The matrix in words: accessible names of cells and headers, the supervision summary that makes
 * monitor / whisper / barge impossible to misread, and the live-region announcements. Pure.
 */
import type { PublishPermission, Subscriptions } from '$shared/bandwidth-api';
import type { Role, StreamSelection } from '$shared/routing';
import { sessionLabels } from '$shared/routing';
import { safeText, timeText } from '../format';
import type { CellFacts, HeaderModel, MatrixModel, Supervision } from './model';

export const ROLE_NAMES: Record<Role, string> = {
  customer: 'Customer',
  agent: 'Agent',
  supervisor: 'Supervisor',
  other: 'Other',
};

export function listWords(words: readonly string[]): string {
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(', ')} and ${words[words.length - 1] ?? ''}`;
}

export function mediaWords(media: readonly PublishPermission[]): string {
  if (media.length === 0) return 'no media (it publishes nothing)';
  if (media.length === 1) return media[0] === 'AUDIO' ? 'audio' : 'video';
  return listWords(media.map((m) => (m === 'AUDIO' ? 'audio' : 'video')));
}

export function streamsWords(value: StreamSelection | null): string {
  if (value === null) return 'nothing';
  return value === 'all' ? 'all streams' : `only ${listWords(value)}`;
}

/** Short text inside a cell: "all", "mic", "mic +1". */
export function streamsShort(value: StreamSelection | null): string {
  if (value === null) return '';
  if (value === 'all') return 'all';
  const [first = '', ...rest] = value;
  return rest.length === 0 ? first : `${first} +${rest.length}`;
}

function label(model: MatrixModel, id: string): string {
  return model.labels.get(id) ?? `Participant ${id.slice(0, 4)}`;
}

/** The accessible name of a cell: who hears whom, what, and its live state. */
export function cellWords(labels: ReadonlyMap<string, string>, cell: CellFacts): string {
  const receiver = labels.get(cell.receiverId) ?? cell.receiverId;
  const publisher = labels.get(cell.publisherId) ?? cell.publisherId;
  const parts: string[] = [];
  if (cell.value === null) parts.push(`${receiver} does not hear ${publisher}`);
  else {
    parts.push(
      `${receiver} hears ${publisher}: ${streamsWords(cell.value)}, ${mediaWords(cell.media)}`,
    );
    if (cell.viaSession) parts.push('through a session-level subscription');
  }
  if (cell.tone === 'coach') parts.push('the supervisor coaching (whisper)');
  if (cell.tone === 'barge') parts.push('the customer hears the supervisor (barge)');
  if (cell.tone === 'private') {
    parts.push(`muted on purpose: ${publisher} is supervising and kept private from ${receiver}`);
  } else if (cell.silence === 'muted' && cell.mutedBy !== null) {
    const m = cell.mutedBy;
    parts.push(
      `muted on purpose in Patchbay by ${safeText(m.by)} (${m.what}, ${timeText(Date.parse(m.at))})`,
    );
  } else if (cell.silence === 'missing') {
    parts.push('not connected: this leg of the call is missing and no Patchbay change made it so');
  }
  if (cell.alert !== null) parts.push(`alert: ${cell.alert}`);
  switch (cell.status.kind) {
    case 'pending':
      parts.push('change pending');
      break;
    case 'failed':
      parts.push(`change failed: ${cell.status.reason}`);
      break;
    case 'drift':
      parts.push(
        `changed outside Patchbay: the server has ${streamsWords(cell.status.server)}, Patchbay had ${streamsWords(cell.status.console)}`,
      );
      break;
  }
  return `${parts.join('; ')}.`;
}

export function permissionsWords(permissions: readonly PublishPermission[]): string {
  if (permissions.length === 0) return 'publishes nothing';
  return `publishes ${mediaWords(permissions)}`;
}

/**
 * A label short enough for a compact column (about 4 characters; the role is on the next line):
 * "7f3a" for "Customer 7f3a", "DW" for "Dana Whitfield" ("DW 4f2a" when two share a name). The
 * full label stays in the header's title and accessible name.
 */
export function shortLabel(header: Pick<HeaderModel, 'label' | 'role'>): string {
  const label = header.label;
  const words = label.split(/\s+/).filter((w) => w !== '');
  const [first = '', second = ''] = words;
  if (['Customer', 'Agent', 'Supervisor', 'Participant'].includes(first) && words.length === 2) {
    return second;
  }
  const suffix = /\(([0-9a-z]+)\)$/i.exec(label)?.[1];
  const initials = words
    .filter((w) => !w.startsWith('('))
    .slice(0, 2)
    .map((w) => w.charAt(0).toUpperCase())
    .join('');
  return suffix === undefined ? initials || label.slice(0, 4) : `${initials} ${suffix}`;
}

/** The accessible description of a header. */
export function headerWords(header: HeaderModel): string {
  const parts = [ROLE_NAMES[header.role], permissionsWords(header.permissions)];
  if (header.tag) parts.push(`tag ${safeText(header.tag)}`);
  if (header.sessionLevel)
    parts.push('hears everyone in the session, including future participants');
  return parts.join('; ');
}

/** The most people a header names; beyond that it counts them ("whispering to 15 agents"). */
const NAMED_IN_HEADER = 2;

/** "15 agents", "3 people": a count of `ids` by the role they share. */
function countWords(model: MatrixModel, ids: readonly string[]): string {
  const roles = new Set(ids.map((id) => model.headers.find((h) => h.id === id)?.role ?? 'other'));
  const [only] = roles;
  const noun =
    roles.size === 1 && only === 'agent'
      ? ['agent', 'agents']
      : roles.size === 1 && only === 'customer'
        ? ['customer', 'customers']
        : ['person', 'people'];
  return `${ids.length} ${ids.length === 1 ? noun[0] : noun[1]}`;
}

/**
 * Short, for the supervisor's header: "Whispering → Agent 7f3a", "Whispering to 15 agents",
 * "Monitoring", "Barged in". A header stays short: more than two people are counted, and the whole
 * list is in `supervisionList`.
 */
export function supervisionBadge(model: MatrixModel, s: Supervision): string {
  switch (s.mode) {
    case 'monitor':
      return 'Monitoring';
    case 'whisper':
      return s.heardBy.length > NAMED_IN_HEADER
        ? `Whispering to ${countWords(model, s.heardBy)}`
        : `Whispering → ${listWords(s.heardBy.map((id) => label(model, id)))}`;
    case 'barge':
      return 'Barged in';
    case 'idle':
      return 'Not supervising';
  }
}

/** The full list behind a summarised header ("Whispering to: Agent 7f3a, Agent 51db and …"). */
export function supervisionList(model: MatrixModel, s: Supervision): string {
  if (s.mode !== 'whisper') return supervisionBadge(model, s);
  return `Whispering to ${listWords(s.heardBy.map((id) => label(model, id)))}`;
}

/** One plain sentence per supervisor about who can and cannot hear them. */
export function supervisionSentence(model: MatrixModel, header: HeaderModel): string {
  const s = header.supervision;
  if (!s) return '';
  const name = header.label;
  const hears = s.hears.length === 0 ? 'nobody' : listWords(s.hears.map((id) => label(model, id)));
  const customers = model.headers.filter((h) => h.role === 'customer');
  const deaf = customers.filter((c) => !s.heardBy.includes(c.id)).map((c) => c.label);
  const heardBy = listWords(s.heardBy.map((id) => label(model, id)));
  const hear = s.heardBy.length === 1 ? 'hears' : 'hear';
  switch (s.mode) {
    case 'monitor':
      return `${name} is monitoring: hears ${hears}; nobody hears ${name}.`;
    case 'whisper':
      return `${name} is whispering: only ${heardBy} ${hear} ${name}${deaf.length > 0 ? `; ${listWords(deaf)} cannot hear ${name}` : ''}. ${name} hears ${hears}.`;
    case 'barge':
      return `${name} has barged in: ${heardBy} ${hear} ${name}; ${name} hears ${hears}.`;
    case 'idle':
      return `${name} is not supervising: hears nobody and nobody hears ${name}.`;
  }
}

/** A receiver's subscriptions in words, for the audit view and drift notes. */
export function subscriptionsWords(
  subscriptions: Subscriptions | null | undefined,
  sessionId: string,
  labelOf: (id: string) => string,
): string {
  if (subscriptions === null || subscriptions === undefined) return 'unknown';
  const list = subscriptions.participants ?? [];
  if (list.length > 0) {
    return `hears ${listWords(
      list.map((e) =>
        e.streamAliases && e.streamAliases.length > 0
          ? `${labelOf(e.participantId)} (${listWords(e.streamAliases)} only)`
          : labelOf(e.participantId),
      ),
    )}`;
  }
  if (subscriptions.sessionId !== undefined && subscriptions.sessionId === sessionId) {
    return 'hears everyone in the session (session level)';
  }
  return 'hears nobody';
}

/**
 * "Agent 7f3a" (or the directory's name, "Sam Lee") for someone outside the session: same rule as
 * the matrix's labels.
 */
export function memberLabel(member: {
  id: string;
  tag?: string | undefined;
  role: Role | null;
  displayName?: string | undefined;
}): string {
  const session = {
    sessionId: '',
    participants: [
      {
        id: member.id,
        ...(member.tag === undefined ? {} : { tag: member.tag }),
        publishPermissions: [],
        role: member.role ?? 'other',
        ...(member.displayName === undefined ? {} : { displayName: member.displayName }),
      },
    ],
    subscriptions: {},
  };
  return sessionLabels(session).get(member.id) ?? member.id;
}
