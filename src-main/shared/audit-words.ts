/**
 * Audit entries in a supervisor's words, from the entry alone (the CSV export in main, the audit
 * screen in the renderer): which call, who made the change, what happened, to whom. People are
 * called by the name the call directory gave when the change was made, else by a short id
 * ("Participant 9c1d"); never by a full id. Pure; imports nothing outside shared/.
 */
import { AUDIT_ACTIONS, type AuditAction, type AuditEntry } from './dto/audit';
import { asIntent } from './routing/intent-guard';
import { listWords, sessionLabels } from './routing/labels';
import type { RoutingSession } from './routing/model';
import { describeIntent } from './routing/preview';
import { printable } from './text';

/** The parts of an entry its words are made from. */
export type WordedEntry = Pick<
  AuditEntry,
  'sessionId' | 'intent' | 'receivers' | 'names' | 'call' | 'supervisor' | 'osUser'
>;

/** The words for each action, for the action filter and the CSV. */
export const ACTION_WORDS: Readonly<Record<AuditAction, string>> = {
  monitor: 'Monitor',
  whisper: 'Whisper',
  barge: 'Barge in',
  endSupervision: 'End supervision',
  mute: 'Mute',
  unmute: 'Unmute',
  hold: 'Hold',
  isolate: 'Isolate',
  subscribe: 'Connect',
  unsubscribe: 'Disconnect',
  setStreams: 'Choose streams',
  setCells: 'Several cells',
  fullyWire: 'Everyone hears everyone',
  restoreCall: 'Restore the call',
  move: 'Move to another call',
  undo: 'Undo',
  redo: 'Redo',
  revert: 'Timed route ended',
  'outside-change': 'Changed outside Patchbay',
  'me-leave': 'Left the call (me)',
  other: 'Other',
};

function record(value: unknown): Record<string, unknown> | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : null;
}

function isAction(value: unknown): value is AuditAction {
  return typeof value === 'string' && (AUDIT_ACTIONS as readonly string[]).includes(value);
}

/** The kind of change an entry's intent records (an undo is an undo, whatever it undid). */
export function auditAction(intent: unknown): AuditAction {
  const kind = record(intent)?.['type'];
  return isAction(kind) ? kind : 'other';
}

/** Every string an intent names a participant by (ids, lists of ids, cells), inner intents too. */
function intentIds(intent: unknown, into: Set<string>): void {
  const value = record(intent);
  if (!value) return;
  for (const [key, member] of Object.entries(value)) {
    if (key === 'of') intentIds(member, into);
    else if (key === 'cells' && Array.isArray(member)) for (const c of member) intentIds(c, into);
    else if (/^(receiver|publisher|supervisor|participant)Id$/.test(key)) {
      if (typeof member === 'string') into.add(member);
    } else if ((key === 'participantIds' || key === 'agentIds') && Array.isArray(member)) {
      for (const id of member) if (typeof id === 'string') into.add(id);
    }
  }
}

/** The participant ids an entry is about: those its intent names, then its receivers. */
export function auditPeopleIds(entry: Pick<WordedEntry, 'intent' | 'receivers'>): string[] {
  const ids = new Set<string>();
  intentIds(entry.intent, ids);
  for (const r of entry.receivers) ids.add(r.receiverId);
  return [...ids];
}

/** "Participant 9c1d": a participant nobody named, by the start of their id. */
export function shortIdLabel(id: string): string {
  const hex = id.toLowerCase().replace(/[^0-9a-f]/g, '');
  return `Participant ${(hex.length >= 4 ? hex : printable(id, 40)).slice(0, 4)}`;
}

/** The name an entry recorded for a participant (the directory's, at the time), if any. */
function recordedName(entry: Pick<WordedEntry, 'names'>, id: string): string | undefined {
  const names = entry.names ?? {};
  const name = Object.hasOwn(names, id) ? names[id]?.trim() : undefined;
  return name ? printable(name, 200) : undefined;
}

/**
 * A label for each participant of the entry: the recorded name, else `labelOfNow` (the call page
 * knows today's labels), else a short id.
 */
export function auditLabeller(
  entry: Pick<WordedEntry, 'names'>,
  labelOfNow?: (id: string) => string | undefined,
): (id: string) => string {
  return (id) => recordedName(entry, id) ?? labelOfNow?.(id) ?? shortIdLabel(id);
}

/** The session as far as the entry knows it: its people, named as `labelOf` names them. */
function entrySession(entry: WordedEntry, labelOf: (id: string) => string): RoutingSession {
  const participants = auditPeopleIds(entry).map((id) => ({
    id,
    role: 'other' as const,
    publishPermissions: [],
    displayName: labelOf(id),
  }));
  return { sessionId: entry.sessionId, participants, subscriptions: {} };
}

const OUTSIDE_CHANGE_WORDS: Record<string, string> = {
  subscriptions: 'changed what {who} hears',
  joined: 'added {who} to the call',
  left: 'removed {who} from the call',
};

function wrapped(kind: unknown): string | undefined {
  if (kind === 'undo') return 'Undo';
  if (kind === 'redo') return 'Redo';
  if (kind === 'revert') return 'Timed route ended';
  return undefined;
}

/** How one entry's sentence names people: today's label, and the name recorded at the time. */
interface Naming {
  readonly labelOf: (id: string) => string;
  readonly recorded: (id: string) => string | undefined;
}

/** "changed what Sam Lee hears": the outside change's person as named when it was seen. */
function outsideChangeSentence(value: Record<string, unknown>, naming: Naming): string {
  const id = value['participantId'];
  const label = value['participantLabel'];
  const recordedLabel = typeof label === 'string' ? printable(label, 200) : undefined;
  const who =
    typeof id === 'string'
      ? (naming.recorded(id) ?? recordedLabel ?? naming.labelOf(id))
      : (recordedLabel ?? 'a participant');
  const change = value['change'];
  const what =
    (typeof change === 'string' ? OUTSIDE_CHANGE_WORDS[change] : undefined) ?? 'changed {who}';
  return `Someone outside Patchbay ${what.replace('{who}', who)}`;
}

function intentSentence(intent: unknown, session: RoutingSession, naming: Naming): string {
  const value = record(intent);
  if (!value) return 'Unknown change';
  const kind = value['type'];
  const prefix = wrapped(kind);
  if (prefix) return `${prefix}: ${intentSentence(value['of'], session, naming)}`;
  if (kind === 'outside-change') return outsideChangeSentence(value, naming);
  if (kind === 'me-leave') {
    const id = value['participantId'];
    return `${typeof id === 'string' ? naming.labelOf(id) : 'Your participant'} left the call (me)`;
  }
  const parsed = asIntent(intent);
  if (parsed) return describeIntent(session, parsed);
  return typeof kind === 'string' ? printable(kind, 80) : 'Unknown change';
}

/**
 * What happened, in one plain sentence: "Dana Whitfield whispers to Sam Lee.", "Undo: Mute
 * Participant 9c1d for everyone.", "Someone outside Patchbay changed what Sam Lee hears."
 */
export function auditWhat(
  entry: WordedEntry,
  labelOfNow?: (id: string) => string | undefined,
): string {
  const labelOf = auditLabeller(entry, labelOfNow);
  const session = entrySession(entry, labelOf);
  const labels = sessionLabels(session);
  const sentence = intentSentence(entry.intent, session, {
    labelOf: (id) => labels.get(id) ?? labelOf(id),
    recorded: (id) => recordedName(entry, id),
  });
  return /[.!?]$/.test(sentence) ? sentence : `${sentence}.`;
}

/** "Dana Whitfield, Sam Lee and Participant 9c1d": everyone the entry is about. */
export function auditPeople(
  entry: WordedEntry,
  labelOfNow?: (id: string) => string | undefined,
): string {
  const labelOf = auditLabeller(entry, labelOfNow);
  return listWords(auditPeopleIds(entry).map(labelOf));
}

/** The call's label as recorded, else "Call" and the start of its session id. */
export function auditCall(entry: Pick<WordedEntry, 'call' | 'sessionId'>): string {
  const label = entry.call?.trim();
  return label ? printable(label, 200) : `Call ${printable(entry.sessionId, 128).slice(0, 8)}`;
}

/** "Dana Whitfield (OS user jdoe)", or the OS user alone when the profile named no supervisor. */
export function auditWho(entry: Pick<WordedEntry, 'supervisor' | 'osUser'>): string {
  const osUser = printable(entry.osUser, 100);
  const supervisor = entry.supervisor?.trim();
  return supervisor ? `${printable(supervisor, 200)} (OS user ${osUser})` : `OS user ${osUser}`;
}

/**
 * True when the entry is about `person` (a participant id, or a name as recorded, any case), or
 * `person` is the supervisor who made it.
 */
export function auditInvolves(
  entry: Pick<WordedEntry, 'intent' | 'receivers' | 'names' | 'supervisor'>,
  person: string,
): boolean {
  const wanted = person.trim().toLowerCase();
  if (entry.supervisor?.trim().toLowerCase() === wanted) return true;
  return auditPeopleIds(entry).some(
    (id) => id.toLowerCase() === wanted || recordedName(entry, id)?.toLowerCase() === wanted,
  );
}
