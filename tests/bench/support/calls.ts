/** Creates small wired calls through the API (set-up, never measured). */
import type { BandwidthClient } from '../../../src-main/bandwidth';

/** `count` sessions of `size` audio participants, each hearing every other one. */
export async function createCalls(
  client: BandwidthClient,
  count: number,
  size: number,
  tag = 'bench-call',
): Promise<Map<string, string[]>> {
  const calls = new Map<string, string[]>();
  for (let i = 0; i < count; i += 1) {
    const { id: sessionId } = await client.createSession({ tag: `${tag}-${i}` });
    const ids: string[] = [];
    for (let p = 0; p < size; p += 1) {
      const { participant } = await client.createParticipant({ publishPermissions: ['AUDIO'] });
      await client.addParticipantToSession({ sessionId, participantId: participant.id });
      ids.push(participant.id);
    }
    for (const id of ids) {
      const others = ids.filter((o) => o !== id).map((participantId) => ({ participantId }));
      await client.updateParticipantSubscriptions({
        sessionId,
        participantId: id,
        subscriptions: { sessionId, participants: others },
      });
    }
    calls.set(sessionId, ids);
  }
  return calls;
}
