import { request as httpRequest } from 'node:http';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseDirectoryFeed } from '../../../src-main/directory';
import {
  createLocalApi,
  demoSeed,
  FICTIONAL_FIRST_NAMES,
  FICTIONAL_SURNAMES,
} from '../../../src-main/local-api';
import type { LocalApi, LocalApiState } from '../../../src-main/local-api';
import type { DirectorySnapshot } from '../../../src-main/shared/dto/directory';
import { LocalApiClient } from '../../support/local-api-client';

let api: LocalApi | undefined;
afterEach(async () => {
  await api?.close();
  api = undefined;
});

async function feed(a: LocalApi, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(a.directory.url, {
    headers: { authorization: `Bearer ${a.directory.token}`, ...headers },
  });
}

async function snapshot(a: LocalApi): Promise<DirectorySnapshot> {
  const response = await feed(a);
  expect(response.status).toBe(200);
  return parseDirectoryFeed(await response.json(), a.directory.url);
}

/** A raw request, so that Host and Origin can be anything. */
function raw(
  url: string,
  headers: Record<string, string>,
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { headers }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

const bw = (a: LocalApi, method: string, path: string): Promise<Response> =>
  new LocalApiClient(a).request(method, path);

/** Every session and every role-tagged member of the state, as the feed should list them. */
function expected(state: LocalApiState): Map<string, Map<string, string>> {
  const tags = new Map(state.participants.map((p) => [p.id, p.tag ?? '']));
  return new Map(
    state.sessions.map((s) => [
      s.id,
      new Map(
        s.participantIds.map((id) => [
          id,
          /^(customer|agent|supervisor)-/.exec(tags.get(id) ?? '')?.[1] ?? '?',
        ]),
      ),
    ]),
  );
}

function listed(s: DirectorySnapshot): Map<string, Map<string, string>> {
  return new Map(
    s.calls.map((c) => [
      c.sessionId,
      new Map(c.participants.map((p) => [p.participantId, p.role])),
    ]),
  );
}

const fictional = (name: string): boolean => {
  const [first, last] = name.split(' ');
  return (
    (FICTIONAL_FIRST_NAMES as readonly string[]).includes(first ?? '') &&
    (FICTIONAL_SURNAMES as readonly string[]).includes(last ?? '')
  );
};

describe("the Local demo's directory feed", () => {
  it('lists the seeded calls from the start, with fictional names, queues and the seed roles', async () => {
    api = await createLocalApi({ seed: 'demo' });
    const s = await snapshot(api);
    const seed = demoSeed();
    expect(s.calls.map((c) => c.sessionId)).toEqual(seed.calls.map((c) => c.sessionId));
    for (const [i, call] of s.calls.entries()) {
      const demo = seed.calls[i];
      const roles = Object.fromEntries(call.participants.map((p) => [p.participantId, p.role]));
      expect(roles[demo?.customerId ?? '']).toBe('customer');
      expect(roles[demo?.agentId ?? '']).toBe('agent');
      if (demo?.supervisorId) expect(roles[demo.supervisorId]).toBe('supervisor');
      expect(call.participants.every((p) => fictional(p.displayName))).toBe(true);
      expect(['Billing', 'Technical support', 'Sales', 'Retention']).toContain(call.queue);
      expect(call.label).toMatch(/ #\d+$/);
      expect(Date.parse(call.startedAt)).toBeLessThan(Date.now());
    }
    expect(s.events).toBe(api.directory.eventsUrl);
  });

  it('needs its bearer token; the API password does not open it', async () => {
    api = await createLocalApi({ seed: 'demo' });
    const none = await fetch(api.directory.url);
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toMatch(/^Bearer /);
    expect(await none.json()).toEqual({ message: expect.stringMatching(/bearer token/) });
    expect((await feed(api, { authorization: 'Bearer wrong-token' })).status).toBe(401);
    const basic = Buffer.from(`${api.username}:${api.password}`).toString('base64');
    expect((await feed(api, { authorization: `Basic ${basic}` })).status).toBe(401);
    const events = await fetch(api.directory.eventsUrl);
    expect(events.status).toBe(401);
  });

  it('refuses a foreign Host (DNS rebinding) and a foreign Origin before the token', async () => {
    api = await createLocalApi({ seed: 'demo' });
    const auth = `Bearer ${api.directory.token}`;
    const port = new URL(api.url).port;
    const rebound = await raw(api.directory.url, {
      host: `evil.example:${port}`,
      authorization: auth,
    });
    // The server-wide Host check answers first (421 Misdirected Request), as for /v1.
    expect(rebound.status).toBe(421);
    expect(rebound.body).toMatch(/only to its own loopback address/);
    const otherPort = await raw(api.directory.url, { host: '127.0.0.1:1', authorization: auth });
    expect(otherPort.status).toBe(421);
    const page = await raw(api.directory.url, {
      host: `127.0.0.1:${port}`,
      origin: 'http://127.0.0.1:9999',
      authorization: auth,
    });
    expect(page.status).toBe(403);
    expect(page.body).toMatch(/other origins/);
    const ok = await raw(api.directory.url, { host: `localhost:${port}`, authorization: auth });
    expect(ok.status).toBe(200);
  });

  it('answers 304 to its current ETag and a new snapshot after a change', async () => {
    api = await createLocalApi({ seed: 'demo' });
    const first = await feed(api);
    const etag = first.headers.get('etag') ?? '';
    expect(etag).toMatch(/^".+"$/);
    const again = await feed(api, { 'if-none-match': etag });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
    const [gone] = demoSeed().calls;
    expect((await bw(api, 'DELETE', `/participants/${gone?.customerId}`)).status).toBe(204);
    const after = await feed(api, { 'if-none-match': etag });
    expect(after.status).toBe(200);
    expect(after.headers.get('etag')).not.toBe(etag);
    const s = parseDirectoryFeed(await after.json(), api.directory.url);
    const call = s.calls.find((c) => c.sessionId === gone?.sessionId);
    expect(call?.participants.map((p) => p.participantId)).not.toContain(gone?.customerId);
    expect((await bw(api, 'DELETE', `/sessions/${gone?.sessionId}`)).status).toBe(204);
    expect((await snapshot(api)).calls.map((c) => c.sessionId)).not.toContain(gone?.sessionId);
  });

  it('follows the simulation: every call and participant it makes or removes, with their roles', async () => {
    api = await createLocalApi({ seed: 'demo', simulate: { pace: 'fast', tickMs: 5, seed: 7 } });
    const a = api;
    await expect
      .poll(() => a.control.stats().deleteSession > 1 && a.control.stats().createSession > 2, {
        // A bound on waiting, not a speed check: a loaded machine runs the simulation slower.
        timeout: 30_000,
        interval: 20,
      })
      .toBe(true);
    // Hold every Bandwidth request (the simulation's too) so that state and feed are read together.
    a.control.setLatency({ ms: 60_000 });
    await new Promise((resolve) => setTimeout(resolve, 50));
    const state = a.control.state();
    const s = await snapshot(a);
    expect(listed(s)).toEqual(expected(state));
    expect(s.calls.length).toBeGreaterThanOrEqual(3);
    a.control.clearFaults();
  }, 45_000);

  it('follows a control reset: the demo calls again, or nothing', async () => {
    api = await createLocalApi({ seed: 'demo' });
    api.control.reset({ seed: 'empty' });
    expect((await snapshot(api)).calls).toEqual([]);
    api.control.reset({ seed: 'demo', demoSeed: 99 });
    const s = await snapshot(api);
    expect(s.calls.map((c) => c.sessionId)).toEqual(demoSeed(99).calls.map((c) => c.sessionId));
    expect(listed(s)).toEqual(expected(api.control.state()));
  });

  it('pushes a new snapshot over Server-Sent Events when a call ends', async () => {
    api = await createLocalApi({ seed: 'demo' });
    const a = api;
    const response = await fetch(api.directory.eventsUrl, {
      headers: { authorization: `Bearer ${api.directory.token}`, accept: 'text/event-stream' },
    });
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const reader = response.body?.getReader();
    const decoder = new TextDecoder();
    let text = '';
    const nextSnapshot = async (): Promise<DirectorySnapshot> => {
      for (;;) {
        const end = text.indexOf('\n\n', text.indexOf('event: snapshot'));
        if (text.includes('event: snapshot') && end >= 0) {
          const block = text.slice(text.indexOf('event: snapshot'), end);
          text = text.slice(end + 2);
          return parseDirectoryFeed(JSON.parse(block.split('\ndata: ')[1] ?? ''), a.directory.url);
        }
        const chunk = await reader?.read();
        if (!chunk || chunk.done) throw new Error('the stream ended');
        text += decoder.decode(chunk.value, { stream: true });
      }
    };
    const first = await nextSnapshot();
    expect(first.calls).toHaveLength(6);
    const ended = first.calls[2]?.sessionId ?? '';
    await bw(api, 'DELETE', `/sessions/${ended}`);
    const second = await nextSnapshot();
    expect(second.calls.map((c) => c.sessionId)).toEqual(
      first.calls.map((c) => c.sessionId).filter((id) => id !== ended),
    );
    await reader?.cancel();
  });

  it('after a restart from its data folder, the same calls are listed again', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'patchbay-directory-'));
    try {
      const before = await createLocalApi({ seed: 'demo', dataDir });
      const ids = (await snapshot(before)).calls.map((c) => c.sessionId);
      await before.close();
      api = await createLocalApi({ dataDir });
      const s = await snapshot(api);
      expect(s.calls.map((c) => c.sessionId)).toEqual(ids);
      expect(listed(s)).toEqual(expected(api.control.state()));
    } finally {
      await api?.close();
      api = undefined;
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
