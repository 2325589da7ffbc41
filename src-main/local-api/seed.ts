/**
 * The demo seed: a small contact center with six live calls. Each call is a session with a customer
 * and an agent; about half also have a supervisor listening in (monitor). Wiring follows the fact
 * sheet's recipes: customer hears [agent], agent hears [customer], a supervisor hears
 * [customer, agent] and nobody hears the supervisor. One unsupervised call is wired the way many
 * backends do it, with session-level subscriptions (`{sessionId}`) for both legs.
 *
 * Tags are opaque UUID-based values with no personal data (`call-…`, `customer-…`, `agent-…`,
 * `supervisor-…`, all ≤ 50 characters). Everything comes from a seeded PRNG, so a given seed always
 * yields the same ids and tags.
 */
import type { PublishPermission } from '../shared/bandwidth-api';
import { createPrng } from './prng';
import type { LocalApiState } from './state';
import { Store } from './store';

const DEFAULT_DEMO_SEED = 20230505;
export const DEMO_CALL_COUNT = 6;

export interface DemoCall {
  sessionId: string;
  customerId: string;
  agentId: string;
  supervisorId?: string;
  wiring: 'participant-level' | 'session-level';
}

export interface DemoSeed {
  state: LocalApiState;
  calls: DemoCall[];
}

export function demoSeed(prngSeed: number = DEFAULT_DEMO_SEED): DemoSeed {
  const prng = createPrng(prngSeed);
  const store = new Store();
  const order = Array.from({ length: DEMO_CALL_COUNT }, (_, i) => i);
  for (let i = order.length - 1; i > 0; i -= 1) {
    const j = prng.int(0, i);
    [order[i], order[j]] = [order[j] ?? j, order[i] ?? i];
  }
  const supervised = new Set(order.slice(0, DEMO_CALL_COUNT / 2));
  const sessionLevel = order[DEMO_CALL_COUNT - 1];
  const calls: DemoCall[] = [];

  for (let i = 0; i < DEMO_CALL_COUNT; i += 1) {
    const sessionId = store.createSession({ tag: `call-${prng.tagUuid()}` }, prng.uuid()).id;
    const customerMedia: PublishPermission[] = prng.next() < 0.7 ? ['AUDIO'] : ['AUDIO', 'VIDEO'];
    const customerId = store.createParticipant(
      { tag: `customer-${prng.tagUuid()}`, publishPermissions: customerMedia },
      prng.uuid(),
    ).id;
    const agentId = store.createParticipant(
      { tag: `agent-${prng.tagUuid()}`, publishPermissions: ['AUDIO', 'VIDEO'] },
      prng.uuid(),
    ).id;
    const call: DemoCall = {
      sessionId,
      customerId,
      agentId,
      wiring: i === sessionLevel ? 'session-level' : 'participant-level',
    };
    store.addParticipantToSession(sessionId, customerId);
    if (call.wiring === 'session-level') {
      store.addParticipantToSession(sessionId, agentId, { sessionId });
      store.updateParticipantSubscriptions(sessionId, customerId, { sessionId });
    } else {
      store.addParticipantToSession(sessionId, agentId, {
        sessionId,
        participants: [{ participantId: customerId }],
      });
      store.updateParticipantSubscriptions(sessionId, customerId, {
        sessionId,
        participants: [{ participantId: agentId }],
      });
    }
    if (supervised.has(i)) {
      const supervisorId = store.createParticipant(
        { tag: `supervisor-${prng.tagUuid()}`, publishPermissions: ['AUDIO'] },
        prng.uuid(),
      ).id;
      store.addParticipantToSession(sessionId, supervisorId, {
        sessionId,
        participants: [{ participantId: customerId }, { participantId: agentId }],
      });
      call.supervisorId = supervisorId;
    }
    calls.push(call);
  }
  return { state: store.snapshot(), calls };
}
