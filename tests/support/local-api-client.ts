/**
 * The tests' one typed client of a running local API (or anything speaking Bandwidth's WebRTC REST
 * API with Basic auth): sets up sessions and participants the way a contact-center backend would,
 * and injects faults (status codes, dropped connections, latency) through the loopback-only control
 * surface. Every call but `request` throws on a non-2xx answer, naming the method, URL and body.
 */
import type {
  CreateParticipantResponse,
  Participant,
  Session,
  Subscriptions,
} from '../../src-main/shared/bandwidth-api';
import type { FailureRule, LatencyRule, LocalApiState } from '../../src-main/local-api';

/** Where the API is and who to be: a `LocalApi` fits, as does the console's own profile view. */
export interface LocalApiInfo {
  /** Up to and including `/v1`. */
  baseUrl: string;
  accountId: string;
  username: string;
  password: string;
}

/** The value of an `Authorization` header for HTTP Basic credentials. */
export function basicAuth(username: string, password: string): string {
  return `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
}

export class LocalApiClient {
  readonly origin: string;

  constructor(private readonly info: LocalApiInfo) {
    this.origin = new URL(info.baseUrl).origin;
  }

  /** `baseUrl` + `/accounts/{accountId}` + `path`, with the credentials; any answer is returned. */
  request(method: string, path: string, body?: unknown): Promise<Response> {
    return this.fetch(method, `${this.info.baseUrl}/accounts/${this.info.accountId}${path}`, body);
  }

  private fetch(method: string, url: string, body?: unknown): Promise<Response> {
    return fetch(url, {
      method,
      headers: {
        authorization: basicAuth(this.info.username, this.info.password),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  }

  private async send(method: string, url: string, body?: unknown): Promise<unknown> {
    const response = await this.fetch(method, url, body);
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${url}: ${response.status} ${text}`);
    return text === '' ? undefined : (JSON.parse(text) as unknown);
  }

  private bw(method: string, path: string, body?: unknown): Promise<unknown> {
    return this.send(method, `${this.info.baseUrl}/accounts/${this.info.accountId}${path}`, body);
  }

  async createSession(tag?: string): Promise<Session> {
    return (await this.bw('POST', '/sessions', tag === undefined ? {} : { tag })) as Session;
  }

  async createParticipant(
    body: { tag?: string; publishPermissions?: ('AUDIO' | 'VIDEO')[] } = {},
  ): Promise<CreateParticipantResponse> {
    return (await this.bw('POST', '/participants', body)) as CreateParticipantResponse;
  }

  async add(
    sessionId: string,
    participantId: string,
    subscriptions?: Subscriptions,
  ): Promise<void> {
    await this.bw('PUT', `/sessions/${sessionId}/participants/${participantId}`, subscriptions);
  }

  /** Replaces a member's subscriptions (PUT …/subscriptions). */
  async subscribe(
    sessionId: string,
    participantId: string,
    subscriptions: Subscriptions,
  ): Promise<void> {
    const path = `/sessions/${sessionId}/participants/${participantId}/subscriptions`;
    await this.bw('PUT', path, subscriptions);
  }

  async remove(sessionId: string, participantId: string): Promise<void> {
    await this.bw('DELETE', `/sessions/${sessionId}/participants/${participantId}`);
  }

  async deleteSession(sessionId: string): Promise<void> {
    await this.bw('DELETE', `/sessions/${sessionId}`);
  }

  async members(sessionId: string): Promise<Participant[]> {
    return ((await this.bw('GET', `/sessions/${sessionId}/participants`)) as Participant[]) ?? [];
  }

  async participant(participantId: string): Promise<Participant> {
    return (await this.bw('GET', `/participants/${participantId}`)) as Participant;
  }

  /** A session with `count` audio participants, none subscribed to anyone. */
  async sessionWith(count: number, tag?: string): Promise<{ session: Session; ids: string[] }> {
    const session = await this.createSession(tag);
    const ids: string[] = [];
    for (let i = 0; i < count; i += 1) {
      const { participant } = await this.createParticipant({ publishPermissions: ['AUDIO'] });
      await this.add(session.id, participant.id);
      ids.push(participant.id);
    }
    return { session, ids };
  }

  async state(): Promise<LocalApiState> {
    return (await this.send('GET', `${this.origin}/_local/state`)) as LocalApiState;
  }

  async fail(rule: FailureRule): Promise<void> {
    await this.send('POST', `${this.origin}/_local/faults/failures`, rule);
  }

  async latency(rule: LatencyRule): Promise<void> {
    await this.send('POST', `${this.origin}/_local/faults/latency`, rule);
  }

  async clearFaults(): Promise<void> {
    await this.send('DELETE', `${this.origin}/_local/faults`);
  }

  /** Takes WebRTC access away from an account (its calls answer 403) or gives it back. */
  async webRtcAccess(accountId: string, enabled: boolean): Promise<void> {
    await this.send('POST', `${this.origin}/_local/webrtc-access`, { accountId, enabled });
  }

  async clearWebRtcAccess(): Promise<void> {
    await this.send('DELETE', `${this.origin}/_local/webrtc-access`);
  }
}
