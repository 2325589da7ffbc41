/**
 * Short, non-personal participant labels for previews, guardrail messages and errors: the role word
 * and the first hex characters of the uuid in the tag (or of the id), e.g. "Customer 7f3a". Tags may
 * hold anything, so only a uuid found in them is ever shown.
 */
import type { Role, RoutingSession } from './model';

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

/**
 * Labels for every member, unique within the session: 4 characters, more where two members of the
 * same role would otherwise share a label.
 */
export function sessionLabels(session: RoutingSession): ReadonlyMap<string, string> {
  const labels = new Map<string, string>();
  const sources = session.participants.map((p) => ({
    id: p.id,
    word: roleWord(p.role),
    source: labelSource(p.id, p.tag),
  }));
  for (const item of sources) {
    let length = 4;
    const label = (): string => `${item.word} ${item.source.slice(0, length)}`;
    while (
      length < item.source.length &&
      sources.some(
        (other) =>
          other.id !== item.id &&
          other.word === item.word &&
          other.source.slice(0, length) === item.source.slice(0, length),
      )
    ) {
      length += 1;
    }
    labels.set(item.id, label());
  }
  return labels;
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
  return `${ROLE_WORDS.other} ${label.slice(label.indexOf(' ') + 1)}`;
}

/** "microphone", "microphone and camera", "microphone, camera and screenShare". */
export function listWords(words: readonly string[]): string {
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(', ')} and ${words[words.length - 1] ?? ''}`;
}
