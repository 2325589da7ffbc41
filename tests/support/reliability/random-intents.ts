/**
 * Random routing intents over a session's current members, from a seeded PRNG: every intent type,
 * mostly valid, now and then one that no longer fits (an unknown participant, a non-supervisor as
 * supervisor) so that refusals are exercised too.
 */
import type { Prng } from '../../../src-main/local-api/prng';
import type { Intent, Role, StreamSelection } from '../../../src-main/shared/routing';

export interface Member {
  id: string;
  role: Role;
}

export type RandomAction =
  { kind: 'intent'; intent: Intent; confirmed: boolean } | { kind: 'undo' } | { kind: 'redo' };

const ALIASES = ['microphone', 'camera', 'screenShare'] as const;

function subset<T>(prng: Prng, items: readonly T[]): T[] {
  const chosen = items.filter(() => prng.next() < 0.5);
  const first = items[0];
  return chosen.length > 0 || first === undefined ? chosen : [first];
}

function streams(prng: Prng): StreamSelection {
  return prng.next() < 0.4 ? 'all' : subset(prng, ALIASES);
}

export interface IntentOptions {
  /** Another session a participant may be moved to (moves are rare). */
  moveTo?: string;
  /** Probability of undo and of redo each (default 0.08). */
  undoRate?: number;
  /** Probability that guardrail violations are confirmed (default 0.85). */
  confirmRate?: number;
}

/** One random action for a session whose members are `members` (at least two). */
export function randomAction(
  prng: Prng,
  members: readonly Member[],
  options: IntentOptions = {},
): RandomAction {
  const undoRate = options.undoRate ?? 0.08;
  const roll = prng.next();
  if (roll < undoRate) return { kind: 'undo' };
  if (roll < 2 * undoRate) return { kind: 'redo' };
  const confirmed = prng.next() < (options.confirmRate ?? 0.85);
  return { kind: 'intent', intent: randomIntent(prng, members, options), confirmed };
}

export function randomIntent(
  prng: Prng,
  members: readonly Member[],
  options: IntentOptions = {},
): Intent {
  const ids = members.map((m) => m.id);
  const any = (): string => (prng.next() < 0.03 ? `ghost-${prng.int(1, 9)}` : prng.pick(ids));
  const pair = (): [string, string] => {
    const receiverId = any();
    const rest = ids.filter((id) => id !== receiverId);
    return [receiverId, rest.length > 0 ? prng.pick(rest) : receiverId];
  };
  const supervisors = members.filter((m) => m.role === 'supervisor').map((m) => m.id);
  const supervisor = (): string =>
    supervisors.length > 0 && prng.next() > 0.05 ? prng.pick(supervisors) : any();
  const agents = members.filter((m) => m.role === 'agent').map((m) => m.id);
  const type = prng.pick([
    'subscribe',
    'unsubscribe',
    'setStreams',
    'mute',
    'unmute',
    'hold',
    'isolate',
    'fullyWire',
    'restoreCall',
    'monitor',
    'whisper',
    'barge',
    'endSupervision',
    'move',
  ] as const);
  switch (type) {
    case 'subscribe':
    case 'unsubscribe': {
      const [receiverId, publisherId] = pair();
      return { type, receiverId, publisherId };
    }
    case 'setStreams': {
      const [receiverId, publisherId] = pair();
      return { type, receiverId, publisherId, streams: streams(prng) };
    }
    case 'mute':
    case 'unmute': {
      const [receiverId, publisherId] = pair();
      return prng.next() < 0.5 ? { type, publisherId } : { type, publisherId, receiverId };
    }
    case 'hold':
    case 'isolate':
      return { type, participantId: any() };
    case 'fullyWire':
    case 'restoreCall':
      return { type };
    case 'monitor': {
      const supervisorId = supervisor();
      const others = ids.filter((id) => id !== supervisorId);
      return prng.next() < 0.5 || others.length === 0
        ? { type, supervisorId }
        : { type, supervisorId, participantIds: subset(prng, others) };
    }
    case 'whisper': {
      const supervisorId = supervisor();
      return prng.next() < 0.5 || agents.length === 0
        ? { type, supervisorId }
        : { type, supervisorId, agentIds: subset(prng, agents) };
    }
    case 'barge':
    case 'endSupervision':
      return { type, supervisorId: supervisor() };
    case 'move':
      if (options.moveTo === undefined || prng.next() < 0.5 || ids.length <= 3) {
        return { type: 'restoreCall' };
      }
      return { type, participantId: prng.pick(ids), toSessionId: options.moveTo };
  }
}
