/**
 * What the SERVER delivers, as comparable values: the reliability suites judge a session by the
 * local API's own state (`deliveredPublishers`), never by what the console believes.
 */
import { Store, deliveredPublishers } from '../../../src-main/local-api';
import type { LocalApiState } from '../../../src-main/local-api';
import type { Plan } from '../../../src-main/shared/routing';

/**
 * Members and effective delivery of the given sessions as one stable string: equal strings mean
 * every member of every session gets exactly the same publishers and streams.
 */
export function routingKey(state: LocalApiState, sessionIds: readonly string[]): string {
  const out: Record<string, Record<string, string[]>> = {};
  for (const sessionId of [...sessionIds].sort()) {
    const session = state.sessions.find((s) => s.id === sessionId);
    const rows: Record<string, string[]> = {};
    for (const receiverId of [...(session?.participantIds ?? [])].sort()) {
      rows[receiverId] = deliveredPublishers(state, sessionId, receiverId)
        .map((d) => {
          const streams = d.streamAliases === 'all' ? '*' : [...d.streamAliases].sort().join(',');
          return `${d.participantId}[${streams}]`;
        })
        .sort();
    }
    out[sessionId] = rows;
  }
  return JSON.stringify(out);
}

/**
 * The state the server would hold after `plan` succeeded from `before`: its writes, then its moves
 * (remove from this session, add to the target without a body), through the local API's own store.
 */
export function stateAfterPlan(before: LocalApiState, plan: Plan): LocalApiState {
  const store = new Store({ state: before });
  for (const w of plan.writes) {
    store.updateParticipantSubscriptions(plan.sessionId, w.receiverId, w.after);
  }
  for (const m of plan.moves) {
    store.removeParticipantFromSession(plan.sessionId, m.participantId);
    store.addParticipantToSession(m.toSessionId, m.participantId);
  }
  return store.snapshot();
}
