/**
 * An optional live simulation that makes the demo contact center move, driven through the PUBLIC
 * HTTP API with Basic auth like any other client: calls arrive and end (the count stays between
 * `minCalls` and `maxCalls`), and an outside "backend" rewires subscriptions now and then (mutes and
 * restores one leg, switches an unsupervised receiver between session level and an explicit list,
 * a supervisor joins to monitor or leaves). Like a real backend it keeps its own register of calls,
 * since the API has no list of sessions. Errors are reported to `onError`, never thrown.
 */
import ky from 'ky';
import type { KyInstance } from 'ky';
import type { Participant, Session, Subscriptions } from '../shared/bandwidth-api';
import { loggableUrl, printable } from '../shared/text';
import { createPrng } from './prng';
import type { Prng } from './prng';

export interface SimulationOptions {
  /** Time between two actions (default 3000 ms). */
  tickMs?: number;
  /** PRNG seed for reproducible choices (default: random). */
  seed?: number;
  minCalls?: number;
  maxCalls?: number;
  /** One line per action (default: silent), control characters escaped. */
  log?: (line: string) => void;
  /** Failed actions (default: their message, escaped, on console.error; never the error object). */
  onError?: (error: unknown) => void;
}

export interface SimulationTarget {
  /** `http://host:port/v1` */
  baseUrl: string;
  accountId: string;
  username: string;
  password: string;
  /** Sessions already running (e.g. the demo seed) that the simulated backend knows about. */
  sessionIds: string[];
}

export interface Simulation {
  /** Stops ticking, aborts any request in flight and resolves when the current tick is over. */
  stop(): Promise<void>;
  /** Ticks completed so far. */
  readonly ticks: number;
}

interface Roles {
  customer?: Participant;
  agent?: Participant;
  supervisor?: Participant;
}

const others = (subs: Subscriptions): string[] =>
  (subs.participants ?? []).map((e) => e.participantId);

export function startSimulation(
  target: SimulationTarget,
  options: SimulationOptions = {},
): Simulation {
  const tickMs = options.tickMs ?? 3000;
  const minCalls = options.minCalls ?? 3;
  const maxCalls = options.maxCalls ?? 8;
  // Tags and ids come from the API, where anyone may have set them: escaped before any terminal.
  const log = (line: string): void => options.log?.(printable(line));
  // Only the message: a ky error object carries the request, Authorization header included.
  const onError =
    options.onError ??
    ((error: unknown): void =>
      console.error(
        `simulation: ${loggableUrl(error instanceof Error ? error.message : String(error))}`,
      ));
  const prng: Prng = createPrng(options.seed ?? Math.floor(Math.random() * 2 ** 32));
  const abort = new AbortController();
  const calls = new Set(target.sessionIds);
  const auth = Buffer.from(`${target.username}:${target.password}`).toString('base64');
  const http: KyInstance = ky.create({
    prefix: `${target.baseUrl}/accounts/${encodeURIComponent(target.accountId)}/`,
    headers: { authorization: `Basic ${auth}` },
    retry: 0,
    timeout: 5000,
    signal: abort.signal,
  });

  let stopped = false;
  let ticks = 0;
  let timer: NodeJS.Timeout | undefined;
  let current: Promise<void> = Promise.resolve();

  async function members(sessionId: string): Promise<Roles | undefined> {
    const response = await http.get(`sessions/${sessionId}/participants`, {
      throwHttpErrors: false,
    });
    if (response.status === 404) {
      calls.delete(sessionId);
      return undefined;
    }
    if (!response.ok) throw new Error(`listing session ${sessionId}: HTTP ${response.status}`);
    const list = response.status === 204 ? [] : await response.json<Participant[]>();
    const roles: Roles = {};
    for (const p of list) {
      const role = /^(customer|agent|supervisor)-/.exec(p.tag ?? '')?.[1] as
        keyof Roles | undefined;
      if (role !== undefined) roles[role] = p;
    }
    return roles;
  }

  const putSubs = (sessionId: string, receiverId: string, subs: Subscriptions): Promise<unknown> =>
    http.put(`sessions/${sessionId}/participants/${receiverId}/subscriptions`, { json: subs });

  async function createParticipant(role: string, media: string[]): Promise<string> {
    const body = { tag: `${role}-${prng.tagUuid()}`, publishPermissions: media };
    const created = await http
      .post('participants', { json: body })
      .json<{ participant: Participant }>();
    return created.participant.id;
  }

  async function startCall(): Promise<void> {
    const session = await http
      .post('sessions', { json: { tag: `call-${prng.tagUuid()}` } })
      .json<Session>();
    calls.add(session.id);
    const customer = await createParticipant('customer', ['AUDIO']);
    const agent = await createParticipant('agent', ['AUDIO', 'VIDEO']);
    await http.put(`sessions/${session.id}/participants/${customer}`);
    await http.put(`sessions/${session.id}/participants/${agent}`, {
      json: { sessionId: session.id, participants: [{ participantId: customer }] },
    });
    await putSubs(session.id, customer, {
      sessionId: session.id,
      participants: [{ participantId: agent }],
    });
    log(`call started: session ${session.id}`);
  }

  async function endCall(sessionId: string): Promise<void> {
    const roles = await members(sessionId);
    for (const p of Object.values(roles ?? {})) {
      await http.delete(`participants/${p.id}`, { throwHttpErrors: false });
    }
    await http.delete(`sessions/${sessionId}`, { throwHttpErrors: false });
    calls.delete(sessionId);
    log(`call ended: session ${sessionId}`);
  }

  async function rewire(sessionId: string): Promise<void> {
    const roles = await members(sessionId);
    const { customer, agent, supervisor } = roles ?? {};
    if (customer === undefined || agent === undefined) return;
    const action = prng.pick(['mute', 'level', 'supervisor'] as const);
    if (action === 'mute') {
      const [receiver, publisher] = prng.next() < 0.5 ? [agent, customer] : [customer, agent];
      const subs = receiver.subscriptions ?? {};
      const heard = others(subs).length > 0 ? others(subs) : subs.sessionId ? [publisher.id] : [];
      const next = heard.includes(publisher.id)
        ? heard.filter((id) => id !== publisher.id)
        : [...heard, publisher.id];
      // An empty explicit list would mean "the whole session": send {} (nothing) instead.
      const participants = next.map((participantId) => ({ participantId }));
      await putSubs(
        sessionId,
        receiver.id,
        participants.length > 0 ? { sessionId, participants } : {},
      );
      log(
        `${next.includes(publisher.id) ? 'restored' : 'muted'} ${publisher.tag} for ${receiver.tag}`,
      );
    } else if (action === 'level' && supervisor === undefined) {
      const [receiver, publisher] = prng.next() < 0.5 ? [agent, customer] : [customer, agent];
      const explicit = others(receiver.subscriptions ?? {}).length > 0;
      await putSubs(
        sessionId,
        receiver.id,
        explicit ? { sessionId } : { sessionId, participants: [{ participantId: publisher.id }] },
      );
      log(`${receiver.tag} now subscribed ${explicit ? 'to the whole session' : 'explicitly'}`);
    } else if (action === 'supervisor' && supervisor !== undefined) {
      await http.delete(`participants/${supervisor.id}`);
      log(`${supervisor.tag} left session ${sessionId}`);
    } else if (action === 'supervisor') {
      // Nobody may keep a session-level subscription once a supervisor listens in.
      for (const [receiver, publisher] of [
        [customer, agent],
        [agent, customer],
      ] as const) {
        if (
          others(receiver.subscriptions ?? {}).length === 0 &&
          receiver.subscriptions?.sessionId
        ) {
          await putSubs(sessionId, receiver.id, {
            sessionId,
            participants: [{ participantId: publisher.id }],
          });
        }
      }
      const id = await createParticipant('supervisor', ['AUDIO']);
      await http.put(`sessions/${sessionId}/participants/${id}`, {
        json: {
          sessionId,
          participants: [{ participantId: customer.id }, { participantId: agent.id }],
        },
      });
      log(`a supervisor is monitoring session ${sessionId}`);
    }
  }

  async function tick(): Promise<void> {
    const count = calls.size;
    const sessions = [...calls];
    const roll = prng.next();
    if (count < minCalls || (roll < 0.2 && count < maxCalls)) await startCall();
    else if (count > maxCalls || (roll < 0.35 && count > minCalls))
      await endCall(prng.pick(sessions));
    else if (sessions.length > 0) await rewire(prng.pick(sessions));
  }

  function schedule(): void {
    if (stopped) return;
    timer = setTimeout(() => {
      current = tick()
        .catch((error: unknown) => {
          if (!stopped) onError(error);
        })
        .finally(() => {
          ticks += 1;
          schedule();
        });
    }, tickMs);
  }

  schedule();
  return {
    async stop(): Promise<void> {
      stopped = true;
      if (timer !== undefined) clearTimeout(timer);
      abort.abort();
      await current;
    },
    get ticks(): number {
      return ticks;
    },
  };
}
