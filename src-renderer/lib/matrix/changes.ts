/**
 * Local planning of a change made of one or more intents: the plain-words preview, the API calls it
 * takes, the guardrail violations it would introduce, and the target state (drawn as pending within
 * one frame). Main recomputes all of it against fresh state before writing: this is the instant
 * preview, never the authority. Pure.
 */
import type { Subscriptions } from '$shared/bandwidth-api';
import type {
  CellSetting,
  CellChange,
  GuardrailContext,
  GuardrailViolation,
  Intent,
  Role,
  RoutingSession,
  StreamSelection,
} from '$shared/routing';
import {
  EMPTY_GUARDRAIL_CONTEXT,
  applyPlan,
  checkGuardrails,
  describeIntent,
  groupedLines,
  mergeContexts,
  newViolations,
  planTarget,
  previewPlan,
  rebase,
  withRisks,
  withRoleAssumption,
  ROLE_GUESS_RULE,
  targetSession,
} from '$shared/routing';
import type { PublishPermission } from '$shared/bandwidth-api';
import { cellKey } from './grid';

export interface LocalPlan {
  readonly intents: readonly Intent[];
  /** `describeIntent` of each intent, in order. */
  readonly labels: readonly string[];
  /** One sentence per cell that changes (and per session-level row that becomes a list). */
  readonly lines: readonly string[];
  /** The same in few sentences: the same change to several receivers is one (`groupedLines`). */
  readonly summary: readonly string[];
  /** Calls main will make: per intent one fresh read and one PUT per changed receiver. */
  readonly apiCalls: number;
  readonly writes: number;
  /** Only the violations this change would introduce. */
  readonly violations: readonly GuardrailViolation[];
  /** A session-level row would become an explicit list (explained before it happens). */
  readonly convertsSessionLevel: boolean;
  /** Target subscriptions of every receiver that changes. */
  readonly subscriptions: Readonly<Record<string, Subscriptions>>;
  readonly cells: readonly CellChange[];
  /** Keys of the cells that change. */
  readonly keys: readonly string[];
}

export type LocalPlanResult =
  | { readonly ok: true; readonly plan: LocalPlan }
  | { readonly ok: false; readonly message: string };

/** The intents applied one after another to `session`, as one change. */
export function planLocally(
  session: RoutingSession,
  intents: readonly Intent[],
  allowances: Partial<GuardrailContext> = {},
): LocalPlanResult {
  let current = session;
  let context: GuardrailContext = mergeContexts(EMPTY_GUARDRAIL_CONTEXT, allowances);
  let apiCalls = 0;
  const labels: string[] = [];
  try {
    for (const intent of intents) {
      labels.push(describeIntent(current, intent));
      const change = rebase(intent, current, allowances);
      context = mergeContexts(context, change.target.context);
      apiCalls += 1 + change.plan.writes.length;
      current = applyPlan(current, change.plan.writes);
    }
  } catch (error) {
    return { ok: false, message: error instanceof Error ? error.message : String(error) };
  }
  const subscriptions: Record<string, Subscriptions> = {};
  for (const p of session.participants) {
    const after = current.subscriptions[p.id];
    if (after !== undefined && after !== session.subscriptions[p.id]) subscriptions[p.id] = after;
  }
  const combined = planTarget(session, { subscriptions, moves: [] });
  const changed: Record<string, Subscriptions> = {};
  for (const w of combined.writes) changed[w.receiverId] = w.after;
  // The first intent's role question (a preset relying on a role a tag only suggested) first.
  const target = { subscriptions: changed, moves: [] };
  const questions = intents.reduceRight(
    (found, intent) => withRoleAssumption(found, session, intent),
    newViolations(checkGuardrails(session, target, context)),
  );
  // The one confirmation rule (shared/routing/risk.ts): what the result risks, said first.
  const violations = withRisks(questions, session, targetSession(session, target), ROLE_GUESS_RULE);
  const cells = combined.writes.flatMap((w) => w.cells);
  return {
    ok: true,
    plan: {
      intents,
      labels,
      lines: previewPlan(combined, session).lines,
      summary: groupedLines(combined, session),
      apiCalls: combined.writes.length === 0 ? 0 : apiCalls,
      writes: combined.writes.length,
      violations,
      convertsSessionLevel: combined.writes.some(
        (w) => w.sessionLevel.before && !w.sessionLevel.after,
      ),
      subscriptions: changed,
      cells,
      keys: cells.map((c) => cellKey(c.receiverId, c.publisherId)),
    },
  };
}

/** What a click or Space on a cell asks for. */
export function toggleIntent(
  receiverId: string,
  publisherId: string,
  value: StreamSelection | null,
): Intent {
  return value === null
    ? { type: 'subscribe', receiverId, publisherId }
    : { type: 'unsubscribe', receiverId, publisherId };
}

/** The intent that gives a cell exactly `value` (from the stream alias editor or a drift fix). */
export function cellIntent(
  receiverId: string,
  publisherId: string,
  value: StreamSelection | null,
): Intent {
  if (value === null) return { type: 'unsubscribe', receiverId, publisherId };
  if (value === 'all') return { type: 'subscribe', receiverId, publisherId };
  return { type: 'setStreams', receiverId, publisherId, streams: value };
}

/**
 * Several cell intents become one `setCells` intent, so the main process makes them one plan, one
 * audit entry and one rollback. Anything else (presets, a new member's routing) is left as it is.
 */
export function foldCellIntents(intents: readonly Intent[]): readonly Intent[] {
  if (intents.length < 2) return intents;
  const cells: CellSetting[] = [];
  for (const intent of intents) {
    if (intent.type === 'subscribe' || intent.type === 'unsubscribe') {
      const streams = intent.type === 'subscribe' ? 'all' : null;
      cells.push({ receiverId: intent.receiverId, publisherId: intent.publisherId, streams });
    } else if (intent.type === 'setStreams') {
      cells.push({
        receiverId: intent.receiverId,
        publisherId: intent.publisherId,
        streams: intent.streams,
      });
    } else {
      return intents;
    }
  }
  return [{ type: 'setCells', cells }];
}

/** Turns every listed cell on (all streams) or off; cells already so are left alone. */
export function selectionIntents(
  cells: readonly { receiverId: string; publisherId: string; value: StreamSelection | null }[],
  on: boolean,
): Intent[] {
  return cells
    .filter((c) => (c.value !== null) !== on)
    .map((c) => toggleIntent(c.receiverId, c.publisherId, c.value));
}

export interface NewMember {
  readonly id: string;
  readonly tag?: string | undefined;
  readonly role: Role;
  /** The role is only what the tag suggests. */
  readonly roleSuggested?: boolean;
  readonly publishPermissions: readonly PublishPermission[];
  /** The person's name from the call directory, when it knows them. */
  readonly displayName?: string | undefined;
}

/** The session as it will be once `member` joined (with no subscriptions yet). */
export function withMember(session: RoutingSession, member: NewMember): RoutingSession {
  if (session.participants.some((p) => p.id === member.id)) return session;
  return {
    ...session,
    participants: [
      ...session.participants,
      {
        id: member.id,
        ...(member.tag === undefined ? {} : { tag: member.tag }),
        publishPermissions: [...member.publishPermissions],
        role: member.role,
        ...(member.roleSuggested === true ? { roleSuggested: true } : {}),
        ...(member.displayName === undefined ? {} : { displayName: member.displayName }),
      },
    ],
    subscriptions: { ...session.subscriptions, [member.id]: {} },
  };
}

/**
 * The default routing of a member by role, once it has joined: a supervisor starts as a silent
 * monitor of the call; anyone else joins the call (hears every non-supervisor, and is heard by them
 * and by the supervisors listening to the call).
 */
export function defaultRoutingIntents(session: RoutingSession, memberId: string): Intent[] {
  const member = session.participants.find((p) => p.id === memberId);
  if (!member) return [];
  const others = session.participants.filter((p) => p.id !== memberId);
  if (member.role === 'supervisor') {
    return others.some((p) => p.role !== 'supervisor')
      ? [{ type: 'monitor', supervisorId: memberId }]
      : [];
  }
  if (others.length === 0) return [];
  const hears: Intent[] = others
    .filter((p) => p.role !== 'supervisor')
    .map((p) => ({ type: 'subscribe', receiverId: memberId, publisherId: p.id }));
  return [{ type: 'unmute', publisherId: memberId }, ...hears];
}

/** "1 API call", "3 API calls". */
export function callsText(count: number): string {
  return count === 1 ? '1 API call' : `${count} API calls`;
}
