/**
 * Call health: declarative rules, like the guardrails, checked by main against every watched
 * call's observed state (not a planned one) after each poll. Each finding is explained in plain
 * words and carries a severity; the alerts service keeps it until it is resolved or acknowledged.
 *
 * Two kinds of rule:
 * - `state` rules describe the call as it is now; their alert resolves itself once the finding is
 *   gone (the agent hears the customer again).
 * - `event` rules describe something that happened (a supervisor removed, an outside change); their
 *   alert stays until the supervisor acknowledges it or decides about it.
 *
 * `consoleWritten` lists the receivers whose current subscriptions this console wrote: its
 * guardrails checked those writes (a barge the supervisor confirmed, a hold made on purpose), so
 * the state rules leave them alone. Everything else was set outside Patchbay.
 */
import type { ObservedChange } from '../dto/session-view';
import type { Role, RoutingSession } from './model';
import { findParticipant } from './model';
import { currentDelivery } from './effective';
import { participantLabel } from './labels';

export const HEALTH_SEVERITIES = ['critical', 'warning', 'notice'] as const;
/** `critical` raises a notification. */
export type HealthSeverity = (typeof HEALTH_SEVERITIES)[number];

export interface HealthInput {
  /** The call as just observed. */
  readonly session: RoutingSession;
  /** The call as observed before (absent on the first observation). */
  readonly previous?: RoutingSession;
  /** What changed between the two observations. */
  readonly changes: readonly ObservedChange[];
  /** Receivers whose current subscriptions this console wrote. */
  readonly consoleWritten: ReadonlySet<string>;
}

export interface HealthFinding {
  /** The participant the finding is about (the receiver, or the one removed). */
  readonly participantId: string;
  /** The other side, when there is one (the customer not heard, the supervisor heard). */
  readonly otherId?: string;
  readonly message: string;
}

export interface HealthRule {
  readonly id: string;
  readonly severity: HealthSeverity;
  readonly kind: 'state' | 'event';
  /** The rule in one plain sentence. */
  readonly describe: string;
  check(input: HealthInput): readonly HealthFinding[];
}

export interface HealthAlertFinding extends HealthFinding {
  readonly ruleId: string;
  readonly severity: HealthSeverity;
  readonly kind: 'state' | 'event';
}

function withRole(session: RoutingSession, role: Role): string[] {
  return session.participants.filter((p) => p.role === role).map((p) => p.id);
}

/** Receivers the state rules judge: set outside Patchbay, or never written by it. */
function judged(input: HealthInput, receiverId: string): boolean {
  return !input.consoleWritten.has(receiverId);
}

/**
 * One finding per judged receiver with `receiverRole` and publisher with `publisherRole` where the
 * receiver hears the publisher (`hears: true`) or does not (`hears: false`).
 */
function pairFindings(
  input: HealthInput,
  roles: { receiver: Role; publisher: Role; hears: boolean },
  message: (receiverId: string, publisherId: string) => string,
): HealthFinding[] {
  const { session } = input;
  const findings: HealthFinding[] = [];
  for (const receiverId of withRole(session, roles.receiver)) {
    if (!judged(input, receiverId)) continue;
    const cells = currentDelivery(session, receiverId).cells;
    for (const publisherId of withRole(session, roles.publisher)) {
      if (cells.has(publisherId) !== roles.hears) continue;
      findings.push({
        participantId: receiverId,
        otherId: publisherId,
        message: message(receiverId, publisherId),
      });
    }
  }
  return findings;
}

const customerHearsSupervisor: HealthRule = {
  id: 'customer-hears-supervisor',
  severity: 'critical',
  kind: 'state',
  describe:
    'A customer hears a supervisor outside a barge the supervisor confirmed in Patchbay (a privacy leak).',
  check(input) {
    const { session } = input;
    return pairFindings(
      input,
      { receiver: 'customer', publisher: 'supervisor', hears: true },
      (customerId, supervisorId) =>
        `${participantLabel(session, customerId)} can hear ${participantLabel(session, supervisorId)}, and nobody barged in from Patchbay: a privacy leak.`,
    );
  },
};

const agentCannotHearCustomer: HealthRule = {
  id: 'agent-cannot-hear-customer',
  severity: 'warning',
  kind: 'state',
  describe: 'An agent cannot hear its customer, and nobody cut them on purpose in Patchbay.',
  check(input) {
    const { session } = input;
    return pairFindings(
      input,
      { receiver: 'agent', publisher: 'customer', hears: false },
      (agentId, customerId) =>
        `${participantLabel(session, agentId)} cannot hear ${participantLabel(session, customerId)}.`,
    );
  },
};

const customerHearsNobody: HealthRule = {
  id: 'customer-hears-nobody',
  severity: 'warning',
  kind: 'state',
  describe: 'A customer hears nobody at all, and nobody put them on hold in Patchbay.',
  check(input) {
    const { session } = input;
    if (session.participants.length < 2) return [];
    return withRole(session, 'customer')
      .filter((id) => judged(input, id) && currentDelivery(session, id).cells.size === 0)
      .map((customerId) => ({
        participantId: customerId,
        message: `${participantLabel(session, customerId)} hears nobody in the call.`,
      }));
  },
};

const supervisorRemoved: HealthRule = {
  id: 'supervisor-removed',
  severity: 'warning',
  kind: 'event',
  describe: 'A supervisor was removed from the call from outside Patchbay while supervising.',
  check(input) {
    const { previous } = input;
    if (previous === undefined) return [];
    return input.changes
      .filter((c) => c.kind === 'left' && c.origin === 'external')
      .filter((c) => findParticipant(previous, c.participantId)?.role === 'supervisor')
      .filter((c) => supervising(previous, c.participantId))
      .map((c) => ({
        participantId: c.participantId,
        message: `${participantLabel(previous, c.participantId)} was removed from the call from outside Patchbay while supervising.`,
      }));
  },
};

/** A supervisor supervises while it hears someone or someone hears it. */
function supervising(session: RoutingSession, supervisorId: string): boolean {
  if (currentDelivery(session, supervisorId).cells.size > 0) return true;
  return session.participants.some((p) => currentDelivery(session, p.id).cells.has(supervisorId));
}

const outsideChange: HealthRule = {
  id: 'outside-change',
  severity: 'notice',
  kind: 'event',
  describe: 'Someone outside Patchbay changed who a participant hears.',
  check(input) {
    const { session } = input;
    return input.changes
      .filter((c) => c.kind === 'subscriptions' && c.origin === 'external')
      .map((c) => ({
        participantId: c.participantId,
        message: `Someone outside Patchbay changed what ${participantLabel(session, c.participantId)} hears.`,
      }));
  },
};

export const HEALTH_RULES: readonly HealthRule[] = [
  customerHearsSupervisor,
  agentCannotHearCustomer,
  customerHearsNobody,
  supervisorRemoved,
  outsideChange,
];

/** Every finding of `rules` for one observation, with its rule's id, severity and kind. */
export function checkHealth(
  input: HealthInput,
  rules: readonly HealthRule[] = HEALTH_RULES,
): HealthAlertFinding[] {
  return rules.flatMap((rule) =>
    rule
      .check(input)
      .map((f) => ({ ...f, ruleId: rule.id, severity: rule.severity, kind: rule.kind })),
  );
}
