/**
 * Participant labels for headers, previews, guardrail messages, errors and the audit: the person's
 * name from the call directory when it knows them ("Dana Whitfield"), else a short, non-personal
 * label: the role word and the first hex characters of the uuid in the tag (or of the id), e.g.
 * "Customer 7f3a". Tags may hold anything, so only a uuid found in them is ever shown. Names come
 * from a backend: their control and bidi characters are written out (../text.ts).
 */
import { printable } from '../text';
import type { Role, RoutingParticipant, RoutingSession } from './model';

/** The longest name a label shows (the directory feed's own limit). */
const MAX_NAME_LENGTH = 80;

const ROLE_WORDS: Record<Role, string> = {
  customer: 'Customer',
  agent: 'Agent',
  supervisor: 'Supervisor',
  other: 'Participant',
};

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

const ROLE_NOUNS: Record<Role, string> = {
  customer: 'a customer',
  agent: 'an agent',
  supervisor: 'a supervisor',
  other: 'a participant',
};

function roleWord(role: Role | undefined): string {
  return ROLE_WORDS[role ?? 'other'];
}

/** "an agent", "a supervisor". */
export function roleArticle(role: Role): string {
  return ROLE_NOUNS[role];
}

/** The characters a short label is cut from: the tag's uuid, else the id, hex digits first. */
function labelSource(id: string, tag: string | undefined): string {
  const fromTag = tag === undefined ? null : UUID.exec(tag);
  const source = (fromTag?.[0] ?? id).toLowerCase();
  const hex = source.replace(/[^0-9a-f]/g, '');
  return hex.length >= 4 ? hex : source;
}

/** A directory name as a label shows it: trimmed, controls written out; undefined when blank. */
function safeName(name: string | undefined): string | undefined {
  const trimmed = name?.trim();
  return trimmed ? printable(trimmed, MAX_NAME_LENGTH) : undefined;
}

/**
 * The shortest prefix (4 characters at least) of each item's source that no other item of the same
 * group shares.
 */
function shortest(
  items: readonly { id: string; group: string; source: string }[],
): Map<string, string> {
  const cut = new Map<string, string>();
  for (const item of items) {
    let length = 4;
    while (
      length < item.source.length &&
      items.some(
        (other) =>
          other.id !== item.id &&
          other.group === item.group &&
          other.source.slice(0, length) === item.source.slice(0, length),
      )
    ) {
      length += 1;
    }
    cut.set(item.id, item.source.slice(0, length));
  }
  return cut;
}

/**
 * Labels depend only on the members (ids, tags, roles, names), so they are computed once per member
 * list: one snapshot's list is shared by every routing state derived from it (`withSubscriptions`
 * keeps it), and guardrails, previews and cell words ask for one participant's label many times.
 * Member lists are never mutated (readonly throughout), so the list itself is a safe key.
 */
const LABELS = new WeakMap<readonly RoutingParticipant[], ReadonlyMap<string, string>>();

/**
 * Labels for every member, unique within the session. Named members show their name; two members
 * sharing a name get their id's start beside it ("Sam Lee (4f2a)"). The others get the role word
 * and 4 characters, more where two members of the same role would otherwise share a label.
 */
export function sessionLabels(session: RoutingSession): ReadonlyMap<string, string> {
  const known = LABELS.get(session.participants);
  if (known !== undefined) return known;
  const labels = computeLabels(session.participants);
  LABELS.set(session.participants, labels);
  return labels;
}

function computeLabels(participants: readonly RoutingParticipant[]): ReadonlyMap<string, string> {
  const session = { participants };
  const named: { id: string; group: string; source: string; name: string }[] = [];
  const unnamed: { id: string; group: string; source: string }[] = [];
  for (const p of session.participants) {
    const name = safeName(p.displayName);
    const source = labelSource(p.id, p.tag);
    if (name === undefined) unnamed.push({ id: p.id, group: roleWord(p.role), source });
    else named.push({ id: p.id, group: name.toLowerCase(), source, name });
  }
  const labels = new Map<string, string>();
  const unnamedCuts = shortest(unnamed);
  for (const item of unnamed)
    labels.set(item.id, `${item.group} ${unnamedCuts.get(item.id) ?? ''}`);
  const taken = new Set([...labels.values()].map((label) => label.toLowerCase()));
  const namedCuts = shortest(named);
  const shared = (group: string): boolean =>
    taken.has(group) || named.filter((n) => n.group === group).length > 1;
  for (const item of named) {
    const suffix = shared(item.group) ? ` (${namedCuts.get(item.id) ?? ''})` : '';
    labels.set(item.id, `${item.name}${suffix}`);
  }
  return new Map(session.participants.map((p) => [p.id, labels.get(p.id) ?? '']));
}

/** The label of one participant; ids outside the session get "Participant" and their id's start. */
export function participantLabel(session: RoutingSession, participantId: string): string {
  return (
    sessionLabels(session).get(participantId) ??
    `Participant ${labelSource(participantId, undefined).slice(0, 4)}`
  );
}

/**
 * A participant named without the role its label carries ("Participant 4f2a" for "Agent 4f2a"):
 * for sentences about that very role, when it is only guessed.
 */
export function neutralLabel(session: RoutingSession, participantId: string): string {
  const label = participantLabel(session, participantId);
  if (isNamed(session.participants.find((p) => p.id === participantId))) return label;
  return `${ROLE_WORDS.other} ${label.slice(label.indexOf(' ') + 1)}`;
}

function isNamed(member: RoutingParticipant | undefined): boolean {
  return safeName(member?.displayName) !== undefined;
}

/**
 * A list a supervisor reads at a glance: `listWords` up to `max` words, beyond that the first
 * `max - 1` and a count ("Kim Park, Lee Wong, Ana Ruiz and 15 others").
 */
export function someWords(words: readonly string[], others = 'others', max = 4): string {
  if (words.length <= max) return listWords(words);
  const shown = words.slice(0, max - 1);
  return `${shown.join(', ')} and ${words.length - shown.length} ${others}`;
}

/** "microphone", "microphone and camera", "microphone, camera and screenShare". */
export function listWords(words: readonly string[]): string {
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(', ')} and ${words[words.length - 1] ?? ''}`;
}
