/**
 * Guardrails: declarative rules checked against any planned state, each violation explained in
 * plain words. A violation that the current state already has is reported with `preExisting: true`
 * (it was accepted earlier — e.g. a customer muted an hour ago); only new violations should block.
 *
 * Built-in rules:
 * - `customer-hears-no-supervisor`: no customer gets a supervisor, unless that supervisor is in the
 *   context's `bargeSupervisorIds` (barge is an explicit, confirmed decision; the `barge` and
 *   `fullyWire` intents grant it, a caller may grant it after asking the user). A participant
 *   whose role is only suggested by its tag is protected the same way, whatever the tag says: it
 *   may be a customer (a caller can be tagged `agent-…`), so a suggested role never relaxes it.
 * - `agent-hears-customer`: in a session with customers and agents, every agent gets every customer,
 *   except pairs an explicit intent cut on purpose (context `deliberateCuts`: unsubscribe, mute,
 *   hold, isolate). Any stream counts as hearing (aliases do not say which kind they carry).
 * - `no-session-level-when-supervised`: while a supervisor is a member nobody holds a session-level
 *   subscription — it would include the supervisor (and later arrivals) automatically.
 */
import type { Subscriptions } from '../bandwidth-api';
import type { RoutingSession } from './model';
import { findParticipant, isSupervised } from './model';
import { currentDelivery } from './effective';
import { neutralLabel, participantLabel, roleArticle } from './labels';

/** A cut made on purpose; a missing side matches anyone. */
export interface DeliberateCut {
  readonly receiverId?: string;
  readonly publisherId?: string;
}

export interface GuardrailContext {
  /** Supervisors whose barge the user confirmed: customers may hear them. */
  readonly bargeSupervisorIds: readonly string[];
  /** Receiver/publisher pairs cut on purpose: exempt from `agent-hears-customer`. */
  readonly deliberateCuts: readonly DeliberateCut[];
}

export const EMPTY_GUARDRAIL_CONTEXT: GuardrailContext = {
  bargeSupervisorIds: [],
  deliberateCuts: [],
};

export interface GuardrailFinding {
  readonly receiverId: string;
  readonly publisherId?: string;
  readonly message: string;
}

export interface GuardrailRule {
  readonly id: string;
  /** The rule in one plain sentence. */
  readonly describe: string;
  check(state: RoutingSession, context: GuardrailContext): readonly GuardrailFinding[];
}

export interface GuardrailViolation extends GuardrailFinding {
  readonly ruleId: string;
  /** The current state already breaks the rule in the same place. */
  readonly preExisting: boolean;
}

/** The state a target describes: its members (without those moving out) and their subscriptions. */
export interface TargetLike {
  readonly subscriptions: Readonly<Record<string, Subscriptions>>;
  readonly moves: readonly { readonly participantId: string }[];
}

function idsWithRole(state: RoutingSession, role: string): string[] {
  return state.participants.filter((p) => p.role === role).map((p) => p.id);
}

/** Who must not hear a supervisor: customers, and anyone whose role is only a tag's guess. */
function protectedIds(state: RoutingSession): string[] {
  return state.participants
    .filter((p) => p.role === 'customer' || p.roleSuggested === true)
    .map((p) => p.id);
}

function wouldHearMessage(state: RoutingSession, receiverId: string, supervisorId: string): string {
  const receiver = findParticipant(state, receiverId);
  const supervisor = participantLabel(state, supervisorId);
  if (receiver?.role === 'customer' || receiver === undefined) {
    return `${participantLabel(state, receiverId)} would hear ${supervisor}; customers hear a supervisor only during a confirmed barge.`;
  }
  return `Patchbay only guessed from the tag that ${neutralLabel(state, receiverId)} is ${roleArticle(receiver.role)}; if they are a customer, they would hear ${supervisor}.`;
}

function isCut(context: GuardrailContext, receiverId: string, publisherId: string): boolean {
  return context.deliberateCuts.some(
    (cut) =>
      (cut.receiverId === undefined || cut.receiverId === receiverId) &&
      (cut.publisherId === undefined || cut.publisherId === publisherId),
  );
}

const customerHearsNoSupervisor: GuardrailRule = {
  id: 'customer-hears-no-supervisor',
  describe:
    'A customer (or anyone whose role is only guessed from its tag) never hears a supervisor, except during a confirmed barge.',
  check(state, context) {
    const findings: GuardrailFinding[] = [];
    for (const receiverId of protectedIds(state)) {
      const cells = currentDelivery(state, receiverId).cells;
      for (const supervisorId of idsWithRole(state, 'supervisor')) {
        if (supervisorId === receiverId || !cells.has(supervisorId)) continue;
        if (context.bargeSupervisorIds.includes(supervisorId)) continue;
        findings.push({
          receiverId,
          publisherId: supervisorId,
          message: wouldHearMessage(state, receiverId, supervisorId),
        });
      }
    }
    return findings;
  },
};

const agentHearsCustomer: GuardrailRule = {
  id: 'agent-hears-customer',
  describe:
    'Every agent hears every customer in its session, unless someone deliberately cut them.',
  check(state, context) {
    const findings: GuardrailFinding[] = [];
    const customers = idsWithRole(state, 'customer');
    for (const agentId of idsWithRole(state, 'agent')) {
      const cells = currentDelivery(state, agentId).cells;
      for (const customerId of customers) {
        if (cells.has(customerId) || isCut(context, agentId, customerId)) continue;
        findings.push({
          receiverId: agentId,
          publisherId: customerId,
          message: `${participantLabel(state, agentId)} would not hear ${participantLabel(state, customerId)}; an agent always hears its customer unless the customer is held, isolated or muted on purpose.`,
        });
      }
    }
    return findings;
  },
};

const noSessionLevelWhenSupervised: GuardrailRule = {
  id: 'no-session-level-when-supervised',
  describe: 'Nobody in a supervised session subscribes to "everyone in the session".',
  check(state) {
    if (!isSupervised(state)) return [];
    return state.participants
      .filter((p) => currentDelivery(state, p.id).sessionLevel)
      .map((p) => ({
        receiverId: p.id,
        message: `${participantLabel(state, p.id)} would subscribe to everyone in the session, which includes the supervisor automatically.`,
      }));
  },
};

const BUILT_IN_GUARDRAILS: readonly GuardrailRule[] = [
  customerHearsNoSupervisor,
  agentHearsCustomer,
  noSessionLevelWhenSupervised,
];

/** The session as the target would leave it: members that stay, with the target subscriptions. */
export function targetSession(session: RoutingSession, target: TargetLike): RoutingSession {
  const leaving = new Set(target.moves.map((m) => m.participantId));
  return {
    sessionId: session.sessionId,
    participants: session.participants.filter((p) => !leaving.has(p.id)),
    subscriptions: { ...session.subscriptions, ...target.subscriptions },
  };
}

function key(ruleId: string, finding: GuardrailFinding): string {
  return `${ruleId}\u0000${finding.receiverId}\u0000${finding.publisherId ?? ''}`;
}

/**
 * Every violation of `rules` in the state `target` would produce, each marked `preExisting` when the
 * current `session` breaks the same rule at the same cell (under the same context).
 */
export function checkGuardrails(
  session: RoutingSession,
  target: TargetLike,
  context: GuardrailContext = EMPTY_GUARDRAIL_CONTEXT,
  rules: readonly GuardrailRule[] = BUILT_IN_GUARDRAILS,
): GuardrailViolation[] {
  const after = targetSession(session, target);
  const violations: GuardrailViolation[] = [];
  for (const rule of rules) {
    const before = new Set(rule.check(session, context).map((f) => key(rule.id, f)));
    for (const finding of rule.check(after, context)) {
      violations.push({
        ...finding,
        ruleId: rule.id,
        preExisting: before.has(key(rule.id, finding)),
      });
    }
  }
  return violations;
}

/** The violations a change would introduce (the ones that should block it). */
export function newViolations(violations: readonly GuardrailViolation[]): GuardrailViolation[] {
  return violations.filter((v) => !v.preExisting);
}
