/**
 * Routing and observation for media tests: a call (customer and agent as simulated voices, "me" as
 * the participant a device joins as) made over the REST API, subscription changes over REST, and
 * the forwarding check that reads `GET /_local/media` over a window: which publishers' packets grow
 * towards a receiver, and which receivers' packets grow from it.
 */
import { expect } from '@playwright/test';
import type { LocalApi } from '../../../src-main/local-api';
import type { MediaView } from '../../../src-main/local-api/media/forwarder';
import type { Subscriptions } from '../../../src-main/shared/bandwidth-api';
import { LocalApiClient } from '../local-api-client';

export const WINDOW_MS = 600;

export interface MediaCall {
  sessionId: string;
  customer: string;
  agent: string;
  me: string;
  /** The device token of `me`. */
  token: string;
}

export class MediaRoutes {
  readonly #api: LocalApi;
  readonly #client: LocalApiClient;
  #sessionId = '';

  constructor(api: LocalApi) {
    this.#api = api;
    this.#client = new LocalApiClient(api);
  }

  async #participant(tag: string): Promise<{ id: string; token: string }> {
    const created = await this.#client.createParticipant({ tag, publishPermissions: ['AUDIO'] });
    return { id: created.participant.id, token: created.token };
  }

  /** A normal call (customer hears agent, agent hears customer) with "me" in it hearing nobody. */
  async call(): Promise<MediaCall> {
    const session = await this.#client.createSession('call-media');
    this.#sessionId = session.id;
    const customer = await this.#participant('customer-media');
    const agent = await this.#participant('agent-media');
    const me = await this.#participant('supervisor-media');
    for (const p of [customer, agent, me]) await this.#client.add(session.id, p.id);
    const list = (id: string): Subscriptions => ({
      sessionId: session.id,
      participants: [{ participantId: id }],
    });
    await this.subscribe(customer.id, list(agent.id));
    await this.subscribe(agent.id, list(customer.id));
    return {
      sessionId: session.id,
      customer: customer.id,
      agent: agent.id,
      me: me.id,
      token: me.token,
    };
  }

  async subscribe(receiverId: string, subscriptions: Subscriptions): Promise<void> {
    await this.#client.subscribe(this.#sessionId, receiverId, subscriptions);
  }

  async leave(participantId: string): Promise<void> {
    await this.#client.remove(this.#sessionId, participantId);
  }

  /** Over one window: whom `receiverId` gets packets from, and who gets packets from it. */
  async observe(receiverId: string): Promise<{ hears: string[]; heardBy: string[] }> {
    const counts = (view: MediaView): Map<string, number> =>
      new Map(view.forwarded.map((f) => [`${f.receiverId}<${f.publisherId}`, f.packets]));
    const before = counts(this.#api.control.media());
    await new Promise((resolve) => setTimeout(resolve, WINDOW_MS));
    const grew = [...counts(this.#api.control.media())]
      .filter(([key, n]) => n > (before.get(key) ?? 0))
      .map(([key]) => key.split('<') as [string, string]);
    return {
      hears: grew
        .filter(([r]) => r === receiverId)
        .map(([, p]) => p)
        .sort(),
      heardBy: grew
        .filter(([, p]) => p === receiverId)
        .map(([r]) => r)
        .sort(),
    };
  }

  async expectForwarding(
    receiverId: string,
    expected: { hears: string[]; heardBy: string[] },
  ): Promise<void> {
    await expect
      .poll(() => this.observe(receiverId), { timeout: 20_000, intervals: [0] })
      .toEqual({ hears: [...expected.hears].sort(), heardBy: [...expected.heardBy].sort() });
  }
}
