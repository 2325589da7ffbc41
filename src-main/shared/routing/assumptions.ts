/**
 * Roles guessed from tags. A whisper, monitor or barge decides who hears a supervisor (or whom a
 * supervisor hears) by role; when a role it relies on is only suggested by a tag — not assigned in
 * the console — the change asks first, naming the guess in one sentence ("Patchbay guessed from
 * the tag that Participant 4f2a is the agent; whisper to them?"). The question travels as a
 * guardrail violation of its own rule, so every path that applies a change (click, key, menu,
 * drag, redo, a timed route) needs the same confirmation, in the renderer and again in main.
 */
import type { GuardrailViolation } from './guardrails';
import type { Intent } from './intents';
import type { Role, RoutingSession } from './model';
import { findParticipant } from './model';
import { listWords, neutralLabel } from './labels';

export const ROLE_GUESS_RULE = 'role-guessed-from-tag';

/** Who the intent relies on being a supervisor, and who it relies on being an agent. */
function reliedOn(
  session: RoutingSession,
  intent: Intent,
): { supervisorId: string; agentIds: readonly string[] } | null {
  switch (intent.type) {
    case 'monitor':
    case 'barge':
      return { supervisorId: intent.supervisorId, agentIds: [] };
    case 'whisper': {
      const agentIds =
        intent.agentIds ?? session.participants.filter((p) => p.role === 'agent').map((p) => p.id);
      return { supervisorId: intent.supervisorId, agentIds };
    }
    default:
      return null;
  }
}

function guessed(session: RoutingSession, ids: readonly string[]): string[] {
  return ids.filter((id) => findParticipant(session, id)?.roleSuggested === true);
}

/** "Participant 9c1d is the supervisor", "Participant 4f2a and Participant 77aa are the agents". */
function fact(session: RoutingSession, ids: readonly string[], role: Role): string {
  const names = listWords(ids.map((id) => neutralLabel(session, id)));
  return ids.length === 1 ? `${names} is the ${role}` : `${names} are the ${role}s`;
}

function question(intent: Intent, supervisorGuessed: boolean): string {
  switch (intent.type) {
    case 'whisper':
      return supervisorGuessed ? 'whisper anyway?' : 'whisper to them?';
    case 'monitor':
      return 'let them listen to the call?';
    default:
      return 'let everyone on the call hear them?';
  }
}

/**
 * The confirmation a whisper, monitor or barge needs when a role it relies on is only suggested
 * by a tag, as one violation (never pre-existing: it is about this change); null when it relies
 * on assigned roles only, or is another kind of change.
 */
export function roleAssumption(session: RoutingSession, intent: Intent): GuardrailViolation | null {
  const relied = reliedOn(session, intent);
  if (relied === null) return null;
  const supervisor = guessed(session, [relied.supervisorId]);
  const agents = guessed(session, relied.agentIds);
  const first = supervisor[0] ?? agents[0];
  if (first === undefined) return null;
  const facts = [
    ...(supervisor.length > 0 ? [fact(session, supervisor, 'supervisor')] : []),
    ...(agents.length > 0 ? [fact(session, agents, 'agent')] : []),
  ];
  const tags = supervisor.length + agents.length > 1 ? 'tags' : 'tag';
  return {
    ruleId: ROLE_GUESS_RULE,
    receiverId: first,
    ...(first === relied.supervisorId ? {} : { publisherId: relied.supervisorId }),
    message: `Patchbay guessed from the ${tags} that ${facts.join(' and that ')}; ${question(intent, supervisor.length > 0)}`,
    preExisting: false,
  };
}

/**
 * `violations` with the intent's role question (if any) first; a guardrail finding about the very
 * participants the question names (a guessed agent who would hear the supervisor) is left out:
 * the question says it.
 */
export function withRoleAssumption(
  violations: readonly GuardrailViolation[],
  session: RoutingSession,
  intent: Intent,
): GuardrailViolation[] {
  const assumption = roleAssumption(session, intent);
  const relied = reliedOn(session, intent);
  if (assumption === null || relied === null) return [...violations];
  const named = new Set(guessed(session, relied.agentIds));
  const rest = violations.filter(
    (v) => !(named.has(v.receiverId) && v.publisherId === relied.supervisorId),
  );
  return [assumption, ...rest];
}
