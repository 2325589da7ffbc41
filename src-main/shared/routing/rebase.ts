/**
 * Rebase and undo against FRESH state. The applier reads the session (one list request) right
 * before writing and calls these; nothing here trusts a stale snapshot.
 */
import type { Subscriptions } from '../bandwidth-api';
import type { TargetState } from './apply-intent';
import type { GuardrailContext, GuardrailViolation } from './guardrails';
import type { Intent } from './intents';
import type { RoutingSession, StreamSelection } from './model';
import type { Plan } from './planner';
import { applyIntent } from './apply-intent';
import { ROLE_GUESS_RULE, withRoleAssumption } from './assumptions';
import { checkGuardrails, EMPTY_GUARDRAIL_CONTEXT, targetSession } from './guardrails';
import { withRisks } from './risk';
import { isSupervised, normalizeSubscriptions, sameStreams } from './model';
import { deliveryOf, sameDelivery } from './effective';
import { listWords, participantLabel } from './labels';
import { planTarget } from './planner';

export interface RebasedChange {
  readonly target: TargetState;
  readonly plan: Plan;
  /**
   * Checked under the intent's context merged with `allowances`, with the intent's role question
   * (./assumptions.ts) first when it relies on a role only a tag suggested; block on `!preExisting`.
   */
  readonly violations: readonly GuardrailViolation[];
}

export function mergeContexts(a: GuardrailContext, b: Partial<GuardrailContext>): GuardrailContext {
  return {
    bargeSupervisorIds: [...new Set([...a.bargeSupervisorIds, ...(b.bargeSupervisorIds ?? [])])],
    deliberateCuts: [...a.deliberateCuts, ...(b.deliberateCuts ?? [])],
  };
}

/**
 * The intent recomputed on fresh state. Every intent rewrites only the cells its definition names
 * and keeps the current value of every other cell, so a concurrent change someone else made to
 * other cells is kept. `allowances` adds confirmations the user gave (e.g. a confirmed barge).
 * Throws `IntentError` when the intent no longer fits the session (e.g. a participant left).
 */
export function rebase(
  intent: Intent,
  freshSession: RoutingSession,
  allowances: Partial<GuardrailContext> = {},
): RebasedChange {
  const applied = applyIntent(freshSession, intent);
  const target: TargetState = { ...applied, context: mergeContexts(applied.context, allowances) };
  return {
    target,
    plan: planTarget(freshSession, target),
    violations: withRisks(
      withRoleAssumption(
        checkGuardrails(freshSession, target, target.context),
        freshSession,
        intent,
      ),
      freshSession,
      targetSession(freshSession, target),
      ROLE_GUESS_RULE,
    ),
  };
}

export interface UndoConflict {
  readonly receiverId: string;
  /** Missing when the receiver's whole subscription changed form. */
  readonly publisherId?: string;
  readonly message: string;
}

export type UndoDecision =
  | { readonly ok: true; readonly target: TargetState; readonly plan: Plan }
  | {
      readonly ok: false;
      readonly conflicts: readonly UndoConflict[];
      readonly explanation: string;
    };

function hearing(state: StreamSelection | null, publisher: string): string {
  if (state === null) return `does not hear ${publisher}`;
  return state === 'all' ? `hears ${publisher}` : `hears only ${listWords(state)} of ${publisher}`;
}

function explicitList(session: RoutingSession, cells: ReadonlyMap<string, StreamSelection>) {
  const participants = session.participants
    .filter((p) => cells.has(p.id))
    .map((p) => {
      const streams = cells.get(p.id) ?? 'all';
      return streams === 'all'
        ? { participantId: p.id }
        : { participantId: p.id, streamAliases: [...streams] };
    });
  return participants.length === 0 ? {} : { sessionId: session.sessionId, participants };
}

/** `before` as written back now: session level becomes an explicit list once a supervisor is in. */
function restorable(
  fresh: RoutingSession,
  receiverId: string,
  before: Subscriptions,
): Subscriptions {
  if (!isSupervised(fresh)) return before;
  if (normalizeSubscriptions(before, fresh.sessionId).level !== 'session') return before;
  return explicitList(fresh, deliveryOf(fresh, receiverId, before).cells);
}

/**
 * Undo of an applied plan against fresh state. Allowed when every cell the plan changed still holds
 * the value the plan set: then only those cells go back (other cells of the same receivers keep any
 * concurrent change), or a receiver that is exactly as the plan left it gets its `before` back.
 * Refused, with the conflicting cells explained, when someone changed a touched cell since, or
 * changed the form of a receiver the plan had switched between session level and a list. Redo is
 * `planUndo(undoPlanThatWasApplied, fresh)`. Plans that moved a participant are refused.
 */
export function planUndo(applied: Plan, fresh: RoutingSession): UndoDecision {
  if (applied.moves.length > 0) {
    const moved = listWords(applied.moves.map((m) => participantLabel(fresh, m.participantId)));
    const explanation = `This change moved ${moved} to another session; move them back before undoing the rest.`;
    return { ok: false, conflicts: [], explanation };
  }
  const members = new Set(fresh.participants.map((p) => p.id));
  const rows: Record<string, Subscriptions> = {};
  const conflicts: UndoConflict[] = [];
  for (const w of applied.writes) {
    const r = w.receiverId;
    if (!members.has(r)) continue;
    const now = deliveryOf(fresh, r, fresh.subscriptions[r] ?? {});
    const left = deliveryOf(fresh, r, w.after);
    if (sameDelivery(now, left)) {
      rows[r] = restorable(fresh, r, w.before);
      continue;
    }
    const label = participantLabel(fresh, r);
    if (w.sessionLevel.before !== w.sessionLevel.after || now.sessionLevel !== left.sessionLevel) {
      conflicts.push({
        receiverId: r,
        message: `${label}'s subscriptions were rewritten since this change.`,
      });
      continue;
    }
    const cells = new Map(now.cells);
    for (const c of w.cells) {
      if (!members.has(c.publisherId)) continue;
      const actual = now.cells.get(c.publisherId) ?? null;
      const publisher = participantLabel(fresh, c.publisherId);
      if (!sameStreams(actual, c.after)) {
        conflicts.push({
          receiverId: r,
          publisherId: c.publisherId,
          message: `${label} now ${hearing(actual, publisher)}; this change had left it so that it ${hearing(c.after, publisher)}.`,
        });
      } else if (c.before === null) cells.delete(c.publisherId);
      else cells.set(c.publisherId, c.before);
    }
    rows[r] = explicitList(fresh, cells);
  }
  if (conflicts.length > 0) {
    const explanation = `Can't undo: someone changed the routing since, and undoing would overwrite it. ${conflicts
      .map((c) => c.message)
      .join(' ')}`;
    return { ok: false, conflicts, explanation };
  }
  const target: TargetState = {
    sessionId: fresh.sessionId,
    subscriptions: rows,
    moves: [],
    context: EMPTY_GUARDRAIL_CONTEXT,
  };
  return { ok: true, target, plan: planTarget(fresh, target) };
}
