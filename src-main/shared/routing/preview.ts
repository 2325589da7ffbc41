/**
 * Plain-language previews of plans and intents, e.g. "Customer 7f3a will no longer hear Supervisor
 * 21bc". Labels are the role word and a short uuid fragment (see labels.ts), never tag text.
 */
import type { Intent } from './intents';
import type { RoutingSession, StreamSelection } from './model';
import type { CellChange, Plan } from './planner';
import { listWords, sessionLabels, someWords } from './labels';

export interface PlanPreview {
  /** One sentence per change, in the order the writes will be made; moves last. */
  readonly lines: readonly string[];
  /** PUTs for the writes, plus two calls per move (remove from this session, add to the other). */
  readonly apiCalls: number;
  /** "No changes needed." or "3 API calls." */
  readonly summary: string;
}

type Label = (id: string) => string;

function labeller(session: RoutingSession): Label {
  const labels = sessionLabels(session);
  return (id) => labels.get(id) ?? `Participant ${id.slice(0, 4)}`;
}

function streamsPhrase(streams: StreamSelection, publisher: string): string {
  return streams === 'all' ? publisher : `only ${listWords(streams)} of ${publisher}`;
}

function cellLine(change: CellChange, label: Label): string {
  const receiver = label(change.receiverId);
  const publisher = label(change.publisherId);
  if (change.after === null) return `${receiver} will no longer hear ${publisher}`;
  if (change.before === null) {
    return `${receiver} will hear ${streamsPhrase(change.after, publisher)}`;
  }
  if (change.after === 'all') return `${receiver} will hear all streams of ${publisher}`;
  return `${receiver} will hear ${streamsPhrase(change.after, publisher)}`;
}

function callsSummary(calls: number): string {
  if (calls === 0) return 'No changes needed.';
  return calls === 1 ? '1 API call.' : `${calls} API calls.`;
}

export function previewPlan(plan: Plan, session: RoutingSession): PlanPreview {
  const label = labeller(session);
  const lines: string[] = [];
  for (const write of plan.writes) {
    const receiver = label(write.receiverId);
    if (write.sessionLevel.before && !write.sessionLevel.after) {
      lines.push(
        `${receiver}'s 'everyone in the session' subscription becomes an explicit list, so future participants won't be added automatically`,
      );
    }
    if (!write.sessionLevel.before && write.sessionLevel.after) {
      lines.push(
        `${receiver} will hear everyone in the session, including participants who join later`,
      );
    }
    for (const change of write.cells) lines.push(cellLine(change, label));
  }
  for (const move of plan.moves) {
    lines.push(
      `${label(move.participantId)} will leave this session for session ${move.toSessionId}`,
    );
  }
  const apiCalls = plan.writes.length + 2 * plan.moves.length;
  return { lines, apiCalls, summary: callsSummary(apiCalls) };
}

/** What a cell change does, said without its receiver ("will hear Sam Lee"). */
function cellPhrase(change: CellChange, label: Label): string {
  const publisher = label(change.publisherId);
  if (change.after === null) return `will no longer hear ${publisher}`;
  if (change.after === 'all' && change.before !== null)
    return `will hear all streams of ${publisher}`;
  return `will hear ${streamsPhrase(change.after, publisher)}`;
}

/**
 * The plan in few sentences for a supervisor: cells that do the same to the same publisher are one
 * sentence naming every receiver ("Kim Park, Lee Wong and Ana Ruiz will hear Sam Lee"), never one
 * line per cell; rows that stop following "everyone in the session" are one sentence too. Moves last.
 */
export function groupedLines(plan: Plan, session: RoutingSession): string[] {
  const label = labeller(session);
  const byPhrase = new Map<string, string[]>();
  const lists: string[] = [];
  const everyone: string[] = [];
  for (const write of plan.writes) {
    if (write.sessionLevel.before && !write.sessionLevel.after) lists.push(label(write.receiverId));
    if (!write.sessionLevel.before && write.sessionLevel.after)
      everyone.push(label(write.receiverId));
    for (const change of write.cells) {
      const phrase = cellPhrase(change, label);
      byPhrase.set(phrase, [...(byPhrase.get(phrase) ?? []), label(change.receiverId)]);
    }
  }
  const lines = [...byPhrase].map(([phrase, receivers]) => `${someWords(receivers)} ${phrase}`);
  if (everyone.length > 0) {
    lines.push(`${someWords(everyone)} will hear everyone in the call, people who join later too`);
  }
  if (lists.length > 0) {
    lines.push(`People who join later will not be heard automatically by ${someWords(lists)}`);
  }
  for (const move of plan.moves) {
    lines.push(`${label(move.participantId)} will leave this call for session ${move.toSessionId}`);
  }
  return lines;
}

function people(ids: readonly string[] | undefined, fallback: string, label: Label): string {
  return ids === undefined ? fallback : listWords(ids.map(label));
}

/** One short sentence naming what an intent asks for (for menus, confirmations and the audit log). */
export function describeIntent(session: RoutingSession, intent: Intent): string {
  const label = labeller(session);
  switch (intent.type) {
    case 'subscribe':
      return `${label(intent.receiverId)} hears ${label(intent.publisherId)}`;
    case 'unsubscribe':
      return `${label(intent.receiverId)} stops hearing ${label(intent.publisherId)}`;
    case 'setStreams':
      return `${label(intent.receiverId)} hears ${streamsPhrase(intent.streams, label(intent.publisherId))}`;
    case 'mute':
      return intent.receiverId === undefined
        ? `Mute ${label(intent.publisherId)} for everyone`
        : `Mute ${label(intent.publisherId)} for ${label(intent.receiverId)}`;
    case 'unmute':
      return intent.receiverId === undefined
        ? `Unmute ${label(intent.publisherId)}`
        : `Unmute ${label(intent.publisherId)} for ${label(intent.receiverId)}`;
    case 'hold':
      return `Put ${label(intent.participantId)} on hold`;
    case 'isolate':
      return `Isolate ${label(intent.participantId)}`;
    case 'fullyWire':
      return 'Everyone hears everyone';
    case 'restoreCall':
      return 'Restore the normal call';
    case 'monitor':
      return `${label(intent.supervisorId)} monitors ${people(intent.participantIds, 'the call', label)}`;
    case 'whisper':
      return `${label(intent.supervisorId)} whispers to ${people(intent.agentIds, 'the agents', label)}`;
    case 'barge':
      return `${label(intent.supervisorId)} barges in`;
    case 'endSupervision':
      return `${label(intent.supervisorId)} stops supervising`;
    case 'move':
      return `Move ${label(intent.participantId)} to session ${intent.toSessionId}`;
    case 'setCells': {
      const on = intent.cells.filter((c) => c.streams !== null).length;
      const off = intent.cells.length - on;
      const parts = [on > 0 ? `connect ${on}` : '', off > 0 ? `disconnect ${off}` : ''];
      const text = parts.filter((t) => t !== '').join(' and ');
      return `${text.charAt(0).toUpperCase()}${text.slice(1)} cell${intent.cells.length === 1 ? '' : 's'}`;
    }
  }
}
