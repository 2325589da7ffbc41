/**
 * The simulated contact-center backend's actions, through the PUBLIC HTTP API with Basic auth like
 * any other client: start and end calls, rewire one now and then, and cause an incident. It tells
 * its directory (names, roles, queues) about every call and participant it creates or removes;
 * Bandwidth tags stay opaque (`call-<uuid>`, `<role>-<uuid>`), and it recognises its own
 * participants by them.
 */
import type { KyInstance } from 'ky';
import type { Participant, Session, Subscriptions } from '../shared/bandwidth-api';
import type { DemoBackendDirectory } from './directory/register';
import type { Prng } from './prng';

export interface Roles {
  customer?: Participant;
  agent?: Participant;
  supervisor?: Participant;
}

const others = (subs: Subscriptions | undefined): string[] =>
  (subs?.participants ?? []).map((e) => e.participantId);

/** Whom a receiver hears, as ids: its explicit list, or everyone else at session level. */
function heard(receiver: Participant, roles: Roles): string[] {
  const explicit = others(receiver.subscriptions);
  if (explicit.length > 0 || !receiver.subscriptions?.sessionId) return explicit;
  return Object.values(roles)
    .map((p) => p.id)
    .filter((id) => id !== receiver.id);
}

const list = (sessionId: string, ids: string[]): Subscriptions =>
  // An empty explicit list would mean "the whole session": send {} (nothing) instead.
  ids.length > 0
    ? { sessionId, participants: ids.map((participantId) => ({ participantId })) }
    : {};

export class SimulatedBackend {
  constructor(
    private readonly http: KyInstance,
    private readonly prng: Prng,
    private readonly log: (line: string) => void,
    private readonly directory: DemoBackendDirectory | undefined,
  ) {}

  /** The call's members by their tags; undefined when the session is gone. */
  async members(sessionId: string): Promise<Roles | undefined> {
    const response = await this.http.get(`sessions/${sessionId}/participants`, {
      throwHttpErrors: false,
    });
    if (response.status === 404) return undefined;
    if (!response.ok) throw new Error(`listing session ${sessionId}: HTTP ${response.status}`);
    const found = response.status === 204 ? [] : await response.json<Participant[]>();
    const roles: Roles = {};
    for (const p of found) {
      const role = /^(customer|agent|supervisor)-/.exec(p.tag ?? '')?.[1] as
        keyof Roles | undefined;
      if (role !== undefined) roles[role] = p;
    }
    return roles;
  }

  async startCall(): Promise<string> {
    const session = await this.http
      .post('sessions', { json: { tag: `call-${this.prng.tagUuid()}` } })
      .json<Session>();
    this.directory?.callStarted(session.id);
    const customer = await this.#person(session.id, 'customer', ['AUDIO']);
    const agent = await this.#person(session.id, 'agent', ['AUDIO', 'VIDEO']);
    await this.http.put(`sessions/${session.id}/participants/${customer}`);
    await this.http.put(`sessions/${session.id}/participants/${agent}`, {
      json: list(session.id, [customer]),
    });
    await this.#put(session.id, customer, list(session.id, [agent]));
    this.log(`call started: session ${session.id}`);
    return session.id;
  }

  async endCall(sessionId: string): Promise<void> {
    const roles = await this.members(sessionId);
    for (const p of Object.values(roles ?? {})) {
      await this.http.delete(`participants/${p.id}`, { throwHttpErrors: false });
    }
    await this.http.delete(`sessions/${sessionId}`, { throwHttpErrors: false });
    this.directory?.callEnded(sessionId);
    this.log(`call ended: session ${sessionId}`);
  }

  /** An outside change (a leg muted or restored, the subscription level, a supervisor comes or goes). */
  async rewire(sessionId: string): Promise<boolean> {
    const roles = await this.members(sessionId);
    if (roles === undefined) return false;
    const { customer, agent, supervisor } = roles;
    if (customer === undefined || agent === undefined) return true;
    const action = this.prng.pick(['mute', 'level', 'supervisor'] as const);
    const [receiver, publisher] = this.prng.next() < 0.5 ? [agent, customer] : [customer, agent];
    if (action === 'mute') {
      const now = heard(receiver, roles);
      const next = now.includes(publisher.id)
        ? now.filter((id) => id !== publisher.id)
        : [...now, publisher.id];
      await this.#put(sessionId, receiver.id, list(sessionId, next));
      const verb = next.includes(publisher.id) ? 'restored' : 'muted';
      this.log(`${verb} ${publisher.tag} for ${receiver.tag}`);
    } else if (action === 'level' && supervisor === undefined) {
      const explicit = others(receiver.subscriptions).length > 0;
      await this.#put(
        sessionId,
        receiver.id,
        explicit ? { sessionId } : list(sessionId, [publisher.id]),
      );
      this.log(
        `${receiver.tag} now subscribed ${explicit ? 'to the whole session' : 'explicitly'}`,
      );
    } else if (action === 'supervisor' && supervisor !== undefined) {
      await this.http.delete(`participants/${supervisor.id}`);
      this.directory?.participantLeft(supervisor.id);
      this.log(`${supervisor.tag} left session ${sessionId}`);
    } else if (action === 'supervisor') {
      await this.#monitor(sessionId, customer, agent);
    }
    return true;
  }

  /**
   * A broken leg (the agent cannot hear the customer) or a privacy leak (the customer hears a
   * supervisor outside a barge). False when the session is gone.
   */
  async incident(sessionId: string): Promise<boolean> {
    const roles = await this.members(sessionId);
    if (roles === undefined) return false;
    const { customer, agent } = roles;
    if (customer === undefined || agent === undefined) return true;
    const supervisor = roles.supervisor;
    const barging =
      supervisor !== undefined &&
      heard(agent, roles).includes(supervisor.id) &&
      heard(customer, roles).includes(supervisor.id);
    if (this.prng.next() < 0.5 || barging) {
      const next = heard(agent, roles).filter((id) => id !== customer.id);
      await this.#put(sessionId, agent.id, list(sessionId, next));
      this.log(
        `incident: broken leg, ${agent.tag} cannot hear ${customer.tag} (session ${sessionId})`,
      );
      return true;
    }
    const s = supervisor?.id ?? (await this.#monitor(sessionId, customer, agent));
    const fresh = (await this.members(sessionId)) ?? {};
    const now = fresh.customer === undefined ? [] : heard(fresh.customer, fresh);
    if (!now.includes(s)) await this.#put(sessionId, customer.id, list(sessionId, [...now, s]));
    this.log(
      `incident: privacy leak, ${customer.tag} hears a supervisor outside a barge (session ${sessionId})`,
    );
    return true;
  }

  /** A supervisor joins to listen in; nobody may keep a session-level subscription then. */
  async #monitor(sessionId: string, customer: Participant, agent: Participant): Promise<string> {
    for (const [receiver, publisher] of [
      [customer, agent],
      [agent, customer],
    ] as const) {
      if (others(receiver.subscriptions).length === 0 && receiver.subscriptions?.sessionId) {
        await this.#put(sessionId, receiver.id, list(sessionId, [publisher.id]));
      }
    }
    const id = await this.#person(sessionId, 'supervisor', ['AUDIO']);
    await this.http.put(`sessions/${sessionId}/participants/${id}`, {
      json: list(sessionId, [customer.id, agent.id]),
    });
    this.log(`a supervisor is monitoring session ${sessionId}`);
    return id;
  }

  /** Creates a participant and registers it (named) in the directory before it joins. */
  async #person(sessionId: string, role: keyof Roles, media: string[]): Promise<string> {
    const body = { tag: `${role}-${this.prng.tagUuid()}`, publishPermissions: media };
    const created = await this.http
      .post('participants', { json: body })
      .json<{ participant: Participant }>();
    this.directory?.participantJoining(sessionId, created.participant.id, role);
    return created.participant.id;
  }

  #put(sessionId: string, receiverId: string, subs: Subscriptions): Promise<unknown> {
    return this.http.put(`sessions/${sessionId}/participants/${receiverId}/subscriptions`, {
      json: subs,
    });
  }
}
