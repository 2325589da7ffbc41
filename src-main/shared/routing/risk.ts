/**
 * The one confirmation rule, for every path a change takes (click, drag, menu, preset, undo, redo,
 * a timed route, "me" actions): it judges the state a change LEAVES, never the verb that made it.
 *
 * A change asks first when, afterwards,
 * - `customer-hears-supervisor`: a customer hears a supervisor they did not hear before (a barge
 *   too: it is a deliberate choice, but one the customer notices);
 * - `agent-loses-customer`: an agent who heard a customer no longer does (a mute for everyone, a
 *   hold, an isolate or a single cut alike);
 * - `guessed-role`: the change is harmless only because of a role a tag merely suggests: were that
 *   participant a customer (a tag is whatever a backend or a caller put there, so anyone tagged
 *   `agent-…` may be a caller), it would be one of the two above. A guess that only makes the
 *   change riskier is already judged as given (a guessed customer is protected like a customer).
 * Everything else (monitor, whisper, ending a supervision, most un-mutes) does not ask. Members who
 * leave the session with the change (a move) are not judged: they are no longer on the call.
 *
 * The renderer asks with `riskSentences` before it sends; main refuses the same change, unconfirmed,
 * because `rebase` (and undo, redo and timed routes) carry the risks as violations of their own rules.
 * Pure.
 */
import type { GuardrailViolation } from './guardrails';
import type { Role, RoutingSession } from './model';
import { currentDelivery } from './effective';
import { listWords, neutralLabel, sessionLabels, someWords } from './labels';

export type RiskKind = 'customer-hears-supervisor' | 'agent-loses-customer' | 'guessed-role';

export const RISK_RULES: Readonly<Record<RiskKind, string>> = Object.freeze({
  'customer-hears-supervisor': 'risk-customer-hears-supervisor',
  'agent-loses-customer': 'risk-agent-loses-customer',
  'guessed-role': 'risk-guessed-role',
});

export interface Risk {
  readonly kind: RiskKind;
  /** Who hears (or stops hearing): the customer, the agent, or the participant whose role is guessed. */
  readonly receiverId: string;
  /** Whom: the supervisor, the customer, or the other party of the guessed risk. */
  readonly publisherId: string;
  /** `guessed-role` only: the risk the change would be if the receiver were a customer. */
  readonly guessed?: { readonly risk: Exclude<RiskKind, 'guessed-role'> };
}

/** Who hears whom, per receiver, once per state (roles do not change what is delivered). */
type Hearing = ReadonlyMap<string, ReadonlySet<string>>;

function hearing(session: RoutingSession): Hearing {
  const map = new Map<string, ReadonlySet<string>>();
  for (const p of session.participants) {
    map.set(p.id, new Set(currentDelivery(session, p.id).cells.keys()));
  }
  return map;
}

type Roles = ReadonlyMap<string, Role>;

interface Base {
  readonly kind: Exclude<RiskKind, 'guessed-role'>;
  readonly receiverId: string;
  readonly publisherId: string;
}

/** The two plain risks under `roles`, for members present before and after. */
function baseRisks(ids: readonly string[], roles: Roles, before: Hearing, after: Hearing): Base[] {
  const withRole = (role: Role): string[] => ids.filter((id) => roles.get(id) === role);
  const customers = withRole('customer');
  const risks: Base[] = [];
  for (const c of customers) {
    for (const s of withRole('supervisor')) {
      if (s === c) continue;
      if (after.get(c)?.has(s) === true && before.get(c)?.has(s) !== true) {
        risks.push({ kind: 'customer-hears-supervisor', receiverId: c, publisherId: s });
      }
    }
  }
  for (const a of withRole('agent')) {
    for (const c of customers) {
      if (before.get(a)?.has(c) === true && after.get(a)?.has(c) !== true) {
        risks.push({ kind: 'agent-loses-customer', receiverId: a, publisherId: c });
      }
    }
  }
  return risks;
}

const key = (r: { kind: string; receiverId: string; publisherId: string }): string =>
  `${r.kind}\u0000${r.receiverId}\u0000${r.publisherId}`;

/**
 * The risks of going from `before` to `after` (the same session; `after` without the members that
 * leave). Plain risks first, then the guessed ones (each guessed participant once: the first risk
 * the change would be were they a customer).
 */
export function risksOf(before: RoutingSession, after: RoutingSession): Risk[] {
  const staying = new Set(after.participants.map((p) => p.id));
  const members = before.participants.filter((p) => staying.has(p.id));
  const ids = members.map((p) => p.id);
  const roles = new Map(members.map((p) => [p.id, p.role]));
  const heardBefore = hearing(before);
  const heardAfter = hearing(after);
  const plain = baseRisks(ids, roles, heardBefore, heardAfter);
  const risks: Risk[] = [...plain];
  const known = new Set(plain.map(key));
  for (const guessed of members.filter((p) => p.roleSuggested === true)) {
    if (guessed.role === 'customer') continue;
    const asCustomer = new Map(roles).set(guessed.id, 'customer' as const);
    // A guessed supervisor's own supervision starting is asked about by the intent's role question
    // (./assumptions.ts); the agent no longer hearing them (a whisper ending) is never a question.
    const found = baseRisks(ids, asCustomer, heardBefore, heardAfter).find(
      (r) =>
        !known.has(key(r)) &&
        (r.receiverId === guessed.id || r.publisherId === guessed.id) &&
        !(guessed.role === 'supervisor' && r.kind === 'agent-loses-customer'),
    );
    if (found === undefined) continue;
    const otherParty = found.receiverId === guessed.id ? found.publisherId : found.receiverId;
    risks.push({
      kind: 'guessed-role',
      receiverId: guessed.id,
      publisherId: otherParty,
      guessed: { risk: found.kind },
    });
  }
  return risks;
}

const ROLE_NOUN: Readonly<Record<Role, string>> = {
  customer: 'customer',
  agent: 'agent',
  supervisor: 'supervisor',
  other: 'participant',
};

function capitalized(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** "the customer Dana Whitfield", "the customers Dana Whitfield and Customer 7f3a". */
function people(labels: ReadonlyMap<string, string>, ids: readonly string[], role: Role): string {
  const noun = ids.length === 1 ? ROLE_NOUN[role] : `${ROLE_NOUN[role]}s`;
  // An unnamed member's label already starts with the role word ("Customer 7f3a").
  const bare = ids.every((id) => (labels.get(id) ?? '').startsWith(capitalized(ROLE_NOUN[role])));
  const names = someWords(
    ids.map((id) => labels.get(id) ?? id),
    bare ? `other ${ROLE_NOUN[role]}s` : 'others',
  );
  return bare ? names : `the ${noun} ${names}`;
}

function grouped<T>(items: readonly T[], by: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) groups.set(by(item), [...(groups.get(by(item)) ?? []), item]);
  return groups;
}

function unique(ids: readonly string[]): string[] {
  return [...new Set(ids)];
}

function guessedSentence(
  session: RoutingSession,
  labels: ReadonlyMap<string, string>,
  risk: Risk,
): string {
  const name = neutralLabel(session, risk.receiverId);
  const other = labels.get(risk.publisherId) ?? risk.publisherId;
  const guess = risk.guessed;
  if (guess === undefined) return '';
  const then =
    guess.risk === 'customer-hears-supervisor'
      ? `they will hear ${other}`
      : `${other} will no longer hear them`;
  return `Patchbay only guessed ${name}'s role from a tag: if ${name} is really a customer, ${then}.`;
}

interface RiskGroup {
  readonly sentence: string;
  readonly risks: readonly Risk[];
}

/** The risks grouped as they are said: one sentence per kind and person, the customer's first. */
function riskGroups(session: RoutingSession, risks: readonly Risk[]): RiskGroup[] {
  const labels = sessionLabels(session);
  const name = (id: string): string => labels.get(id) ?? id;
  const groups: RiskGroup[] = [];
  const hears = risks.filter((r) => r.kind === 'customer-hears-supervisor');
  // Customers who would hear the same supervisors share one sentence.
  const heardBy = (customerId: string): string =>
    unique(hears.filter((r) => r.receiverId === customerId).map((r) => r.publisherId))
      .sort()
      .join(',');
  for (const group of grouped(hears, (r) => heardBy(r.receiverId)).values()) {
    const customers = unique(group.map((r) => r.receiverId));
    const supervisors = unique(group.map((r) => r.publisherId));
    const who = people(labels, customers, 'customer');
    const sentence = `${capitalized(who)} will hear ${listWords(supervisors.map(name))}.`;
    groups.push({ sentence, risks: group });
  }
  const loses = risks.filter((r) => r.kind === 'agent-loses-customer');
  for (const [customerId, group] of grouped(loses, (r) => r.publisherId)) {
    const who = people(labels, unique(group.map((r) => r.receiverId)), 'agent');
    const whom = people(labels, [customerId], 'customer');
    groups.push({ sentence: `${capitalized(who)} will no longer hear ${whom}.`, risks: group });
  }
  for (const risk of risks.filter((r) => r.kind === 'guessed-role')) {
    groups.push({ sentence: guessedSentence(session, labels, risk), risks: [risk] });
  }
  return groups;
}

/**
 * The risks in plain sentences, the customer's first: one sentence per kind and person, never one
 * line per cell ("The customer Dana Whitfield will hear Sam Lee and Ana Ruiz.", "The agents Kim
 * Park, Lee Wong and Ana Ruiz will no longer hear the customer Dana Whitfield.").
 */
export function riskSentences(session: RoutingSession, risks: readonly Risk[]): string[] {
  return riskGroups(session, risks).map((g) => g.sentence);
}

/**
 * The risks as violations of their own rules (never pre-existing: they are about this change), so
 * the one confirmation every path already carries (`confirmedViolations`) covers them, in the
 * renderer and again in main. Each carries its group's sentence: risks said in one sentence share
 * it (a list of them shows each sentence once).
 */
export function riskViolations(
  session: RoutingSession,
  risks: readonly Risk[],
): GuardrailViolation[] {
  return riskGroups(session, risks).flatMap((group) =>
    group.risks.map((risk) => ({
      ruleId: RISK_RULES[risk.kind],
      receiverId: risk.receiverId,
      publisherId: risk.publisherId,
      message: group.sentence,
      preExisting: false,
    })),
  );
}

/**
 * `violations` with the risks of `before` → `after` first: what changes for the customer leads,
 * then the intent's own role question (./assumptions.ts), then the guesses, then the rest. A
 * guardrail finding about the same two people as a risk is left out (the risk says it), and so are
 * guessed-role risks when the role question already asks about a guess.
 */
export function withRisks(
  violations: readonly GuardrailViolation[],
  before: RoutingSession,
  after: RoutingSession,
  roleQuestionRule: string,
): GuardrailViolation[] {
  const asked = violations.some((v) => v.ruleId === roleQuestionRule && !v.preExisting);
  const risks = risksOf(before, after).filter((r) => !(asked && r.kind === 'guessed-role'));
  if (risks.length === 0) return [...violations];
  const pair = (v: { receiverId: string; publisherId?: string | undefined }): string =>
    `${v.receiverId}\u0000${v.publisherId ?? ''}`;
  const covered = new Set(risks.map(pair));
  const question = violations.filter((v) => v.ruleId === roleQuestionRule);
  const rest = violations.filter((v) => v.ruleId !== roleQuestionRule && !covered.has(pair(v)));
  const said = riskViolations(before, risks);
  const guesses = said.filter((v) => v.ruleId === RISK_RULES['guessed-role']);
  const plain = said.filter((v) => v.ruleId !== RISK_RULES['guessed-role']);
  return [...plain, ...question, ...guesses, ...rest];
}

/**
 * What a timed route's end would risk, asked when it starts (the revert runs unattended): the
 * risks of going from `after` (the state the route makes) back to `before`, each sentence
 * starting "When the timer ends, …".
 */
export function revertRisks(before: RoutingSession, after: RoutingSession): GuardrailViolation[] {
  return riskViolations(after, risksOf(after, before)).map((v) => ({
    ...v,
    message: `When the timer ends, ${v.message.charAt(0).toLowerCase()}${v.message.slice(1)}`,
  }));
}

/** The violations' messages, each once, in order (risks said in one sentence share it). */
export function uniqueMessages(violations: readonly { readonly message: string }[]): string[] {
  return [...new Set(violations.map((v) => v.message))];
}
