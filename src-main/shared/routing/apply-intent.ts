/**
 * Intents → target subscriptions. Definitions ("non-supervisors" = customers, agents and others;
 * cells keep the streams a receiver already gets unless a definition says "all streams"):
 * - subscribe R←P: R gets all of P's streams. unsubscribe R←P: R no longer gets P.
 * - setStreams R←P: R gets exactly those aliases of P (subscribing R if needed).
 * - mute P: no receiver gets P. mute P for R: R no longer gets P.
 * - unmute P for R: R gets P again (all streams if it got none). unmute P (everyone): P's
 *   role-based audience gets P again — for a non-supervisor P every other non-supervisor plus every
 *   supervisor that is listening to the call (gets at least one non-supervisor other than P); for a
 *   supervisor P every agent (never customers: that is a barge). Unmute is stateless; the exact
 *   previous routing comes back with undo, not unmute.
 * - hold X: X gets nobody and nobody gets X (also supervisors).
 * - isolate X: every route between X and a non-supervisor is removed both ways; routes between X and
 *   supervisors stay, so a supervisor can keep monitoring or coaching an isolated participant.
 * - fullyWire: everyone gets everyone, all streams (customers hear supervisors: an implicit barge).
 * - restoreCall: every non-supervisor gets every other non-supervisor with all streams and no
 *   supervisor; supervisors get nobody. The normal-call row of the recipe table, for any size.
 * - monitor S [P…]: S gets exactly P… (default every non-supervisor); nobody gets S.
 * - whisper S [A…]: only A… (default every agent; never a customer) get S; S gets every
 *   non-supervisor (its cells for other supervisors are left as they are).
 * - barge S: every non-supervisor gets S and S gets every non-supervisor; cells between S and other
 *   supervisors are left as they are.
 * - endSupervision S: S gets nobody and nobody gets S.
 * - move X: X is removed from every explicit list (its paths close before the applier moves it); no
 *   write is planned for X itself; session-level rows need none (X's departure ends them).
 * Cells not named by a definition keep their current value, so concurrent changes elsewhere survive
 * a rebase. Session-level rows: in a supervised session (a supervisor among the members that stay)
 * every one becomes the equivalent explicit list; otherwise one is kept while it still means
 * "everyone, all streams" and becomes an explicit list as soon as one of its cells changes.
 * A list that is rewritten names only current members (entries for non-members or the receiver
 * itself deliver nothing and are dropped); a list that is not rewritten keeps them.
 */
import type { Subscriptions } from '../bandwidth-api';
import type { GuardrailContext } from './guardrails';
import type { Intent } from './intents';
import type { RoutingSession } from './model';
import { EMPTY_GUARDRAIL_CONTEXT } from './guardrails';
import { IntentError, validateIntent } from './intents';
import { normalizeStreams } from './model';
import { Wiring } from './wiring';

/** A participant the applier moves to another session once the writes are done. */
export interface Move {
  readonly participantId: string;
  readonly toSessionId: string;
}

export interface TargetState {
  readonly sessionId: string;
  /**
   * Target subscriptions of every member that stays. A receiver whose effective delivery does not
   * change keeps its current subscriptions object.
   */
  readonly subscriptions: Readonly<Record<string, Subscriptions>>;
  readonly moves: readonly Move[];
  /** Allowances and deliberate cuts the intent implies, for `checkGuardrails`. */
  readonly context: GuardrailContext;
}

/** The guardrail allowances and deliberate cuts an intent carries. */
function contextForIntent(session: RoutingSession, intent: Intent): GuardrailContext {
  switch (intent.type) {
    case 'unsubscribe':
      return {
        bargeSupervisorIds: [],
        deliberateCuts: [{ receiverId: intent.receiverId, publisherId: intent.publisherId }],
      };
    case 'setCells':
      return {
        bargeSupervisorIds: [],
        deliberateCuts: intent.cells
          .filter((c) => c.streams === null)
          .map((c) => ({ receiverId: c.receiverId, publisherId: c.publisherId })),
      };
    case 'mute':
      return {
        bargeSupervisorIds: [],
        deliberateCuts: [
          intent.receiverId === undefined
            ? { publisherId: intent.publisherId }
            : { receiverId: intent.receiverId, publisherId: intent.publisherId },
        ],
      };
    case 'hold':
    case 'isolate':
      return {
        bargeSupervisorIds: [],
        deliberateCuts: [
          { receiverId: intent.participantId },
          { publisherId: intent.participantId },
        ],
      };
    case 'barge':
      return { bargeSupervisorIds: [intent.supervisorId], deliberateCuts: [] };
    case 'fullyWire':
      return {
        bargeSupervisorIds: session.participants
          .filter((p) => p.role === 'supervisor')
          .map((p) => p.id),
        deliberateCuts: [],
      };
    default:
      return EMPTY_GUARDRAIL_CONTEXT;
  }
}

const isNonSupervisor = (role: string): boolean => role !== 'supervisor';

function unmuteAudience(w: Wiring, session: RoutingSession, publisherId: string): string[] {
  const role = session.participants.find((p) => p.id === publisherId)?.role;
  if (role === 'supervisor') return w.membersWithRole((r) => r === 'agent');
  const others = w.membersWithRole(isNonSupervisor).filter((id) => id !== publisherId);
  const listening = w
    .membersWithRole((r) => r === 'supervisor')
    .filter((s) => others.some((q) => w.get(s, q) !== null));
  return [...others, ...listening];
}

function rewire(w: Wiring, session: RoutingSession, intent: Intent): void {
  const everyone = w.members();
  const nonSupervisors = w.membersWithRole(isNonSupervisor);
  switch (intent.type) {
    case 'subscribe':
      return w.set(intent.receiverId, intent.publisherId, 'all');
    case 'unsubscribe':
      return w.remove(intent.receiverId, intent.publisherId);
    case 'setStreams': {
      const streams = intent.streams === 'all' ? 'all' : normalizeStreams(intent.streams);
      return w.set(intent.receiverId, intent.publisherId, streams);
    }
    case 'setCells':
      for (const c of intent.cells) {
        if (c.streams === null) w.remove(c.receiverId, c.publisherId);
        else
          w.set(
            c.receiverId,
            c.publisherId,
            c.streams === 'all' ? 'all' : normalizeStreams(c.streams),
          );
      }
      return;
    case 'mute':
      if (intent.receiverId !== undefined) return w.remove(intent.receiverId, intent.publisherId);
      for (const r of everyone) w.remove(r, intent.publisherId);
      return;
    case 'unmute':
      if (intent.receiverId !== undefined) return w.ensure(intent.receiverId, intent.publisherId);
      for (const r of unmuteAudience(w, session, intent.publisherId))
        w.ensure(r, intent.publisherId);
      return;
    case 'hold':
      w.clear(intent.participantId);
      for (const r of everyone) w.remove(r, intent.participantId);
      return;
    case 'isolate':
      for (const q of nonSupervisors) {
        w.remove(intent.participantId, q);
        w.remove(q, intent.participantId);
      }
      return;
    case 'fullyWire':
      for (const r of everyone) for (const p of everyone) w.set(r, p, 'all');
      return;
    case 'restoreCall':
      for (const r of everyone) {
        if (!nonSupervisors.includes(r)) {
          w.clear(r);
          continue;
        }
        for (const p of everyone) {
          if (nonSupervisors.includes(p)) w.set(r, p, 'all');
          else w.remove(r, p);
        }
      }
      return;
    case 'monitor': {
      const s = intent.supervisorId;
      w.setExactly(s, intent.participantIds ?? nonSupervisors.filter((id) => id !== s));
      for (const r of everyone) w.remove(r, s);
      return;
    }
    case 'whisper': {
      const s = intent.supervisorId;
      const agents = intent.agentIds ?? w.membersWithRole((role) => role === 'agent');
      for (const q of nonSupervisors) w.ensure(s, q);
      for (const r of everyone) {
        if (agents.includes(r)) w.ensure(r, s);
        else w.remove(r, s);
      }
      return;
    }
    case 'barge':
      for (const q of nonSupervisors) {
        w.ensure(intent.supervisorId, q);
        w.ensure(q, intent.supervisorId);
      }
      return;
    case 'endSupervision':
      w.clear(intent.supervisorId);
      for (const r of everyone) w.remove(r, intent.supervisorId);
      return;
    case 'move':
      w.markLeaving(intent.participantId);
      w.removeFromLists(intent.participantId);
      return;
  }
}

/**
 * The target state of `intent` applied to `session`. Throws `IntentError` (and changes nothing) when
 * `validateIntent` rejects the intent.
 */
export function applyIntent(session: RoutingSession, intent: Intent): TargetState {
  const problem = validateIntent(session, intent);
  if (problem !== null) throw new IntentError(problem);
  const w = new Wiring(session);
  rewire(w, session, intent);
  return {
    sessionId: session.sessionId,
    subscriptions: w.finish(),
    moves:
      intent.type === 'move'
        ? [{ participantId: intent.participantId, toSessionId: intent.toSessionId }]
        : [],
    context: contextForIntent(session, intent),
  };
}
