import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createDispatcher, type Caller } from '../../../../src-main/ipc/dispatcher';
import { IpcError } from '../../../../src-main/ipc/errors';
import {
  ActiveSecrets,
  apiSecrets,
  redactSecrets as redact,
  Scrubber,
} from '../../../../src-main/credentials';
import { BandwidthApiError } from '../../../../src-main/bandwidth';
import { request } from '../../../../src-main/ipc/request-spec';
import { buildBridge, describeSurface, event } from '../../../../src-main/shared/contract/bridge';

const requests = {
  'demo:echo': request<{ said: string }>()(z.object({ text: z.string().max(5) }).strict()),
  'demo:view': request<unknown>()(z.object({}).strict()),
  'demo:fail': request<never>()(z.object({ how: z.enum(['ipc', 'api', 'plain']) }).strict()),
};
const events = { 'demo:tick': event<{ n: number }>() };
const trusted: Caller = { url: 'app://patchbay/index.html', trusted: true };
const secret = 'hunter2-very-secret';
const deviceToken = 'eyJhbGciOiJIUzI1NiJ9.eyJwaWQiOiJ4In0.c2lnbmF0dXJl';
const active = new ActiveSecrets();
active.register('profile-1', apiSecrets('api-user', secret));
const scrubber = new Scrubber({ secrets: active });
const basicOfSecret = Buffer.from(`api-user:${secret}`).toString('base64');

function makeDispatch(): ReturnType<typeof createDispatcher> {
  return createDispatcher(
    requests,
    {
      'demo:echo': async ({ text }) => ({ said: text }),
      // A session view whose error quotes an API that echoed the credentials, and a device token.
      'demo:view': async () => ({
        error: `List session participants failed: bad auth ${secret} (${basicOfSecret}) [401]`,
        participants: [{ id: 'p1', tag: `authorization: Basic ${basicOfSecret}` }],
        token: deviceToken,
        bxmlTemplate: `<SipUri uui="${deviceToken};encoding=jwt">`,
      }),
      'demo:fail': async ({ how }) => {
        if (how === 'ipc') throw new IpcError('not-found', 'No such session 42');
        if (how === 'api') {
          throw new BandwidthApiError({
            operation: 'getSession',
            kind: 'unauthorized',
            status: 401,
            message: 'Get session failed: Unauthorized [401]',
          });
        }
        throw new Error(`boom with ${secret} and Basic dXNlcjpodW50ZXIy`);
      },
    },
    {
      checkCaller: (c) => (c.trusted ? true : `untrusted sender ${c.url}`),
      scrub: (value) => scrubber.value(value),
    },
  );
}

describe('IPC dispatcher', () => {
  it('validates input, calls the handler and wraps the value', async () => {
    const dispatch = makeDispatch();
    expect(await dispatch('demo:echo', { text: 'hi' }, trusted)).toEqual({
      ok: true,
      value: { said: 'hi' },
    });
  });

  it('refuses an untrusted sender before validation or the handler', async () => {
    const result = await makeDispatch()(
      'demo:echo',
      { text: 'hi' },
      { url: 'https://evil.example', trusted: false },
    );
    expect(result).toEqual({
      ok: false,
      error: {
        code: 'forbidden-sender',
        message: 'Refused: untrusted sender https://evil.example',
      },
    });
  });

  it('rejects bad input with a specific message and never calls the handler', async () => {
    const dispatch = makeDispatch();
    const tooLong = await dispatch('demo:echo', { text: 'far too long' }, trusted);
    expect(tooLong.ok).toBe(false);
    if (!tooLong.ok) {
      expect(tooLong.error.code).toBe('invalid-input');
      expect(tooLong.error.message).toMatch(/^demo:echo: text: /);
    }
    const extra = await dispatch('demo:echo', { text: 'a', sneaky: true }, trusted);
    expect(extra.ok).toBe(false);
    for (const bad of [undefined, null, 'text', 42, [], { text: 5 }]) {
      const r = await dispatch('demo:echo', bad, trusted);
      expect(r.ok).toBe(false);
    }
  });

  it('refuses unknown capabilities', async () => {
    const r = await makeDispatch()('demo:nope', {}, trusted);
    expect(r).toMatchObject({ ok: false, error: { code: 'unknown-capability' } });
  });

  it('maps thrown errors to codes and scrubs secrets and Basic headers', async () => {
    const dispatch = makeDispatch();
    expect(await dispatch('demo:fail', { how: 'ipc' }, trusted)).toEqual({
      ok: false,
      error: { code: 'not-found', message: 'No such session 42' },
    });
    const api = await dispatch('demo:fail', { how: 'api' }, trusted);
    expect(api).toMatchObject({
      ok: false,
      error: { code: 'api-unauthorized', details: { status: 401 } },
    });
    const plain = await dispatch('demo:fail', { how: 'plain' }, trusted);
    expect(plain.ok).toBe(false);
    if (!plain.ok) {
      expect(plain.error.code).toBe('internal');
      expect(plain.error.message).not.toContain(secret);
      expect(plain.error.message).not.toContain('dXNlcjpodW50ZXIy');
    }
  });

  it('scrubs every outgoing value too, but leaves a device token shown on purpose', async () => {
    const result = await makeDispatch()('demo:view', {}, trusted);
    expect(result).toEqual({
      ok: true,
      value: {
        error: 'List session participants failed: bad auth [redacted] ([redacted]) [401]',
        participants: [{ id: 'p1', tag: 'authorization: Basic [redacted]' }],
        token: deviceToken,
        bxmlTemplate: `<SipUri uui="${deviceToken};encoding=jwt">`,
      },
    });
  });

  it('redact removes every occurrence', () => {
    expect(redact('a hunter2x b hunter2x', ['hunter2x'])).toBe('a [redacted] b [redacted]');
  });
});

describe('bridge', () => {
  it('exposes one named function per capability and on<Event> subscriptions', async () => {
    const calls: [string, unknown][] = [];
    const listeners = new Map<string, (p: unknown) => void>();
    const bridge = buildBridge(
      requests,
      events,
      async (name, input) => {
        calls.push([name, input]);
        return { ok: true, value: null };
      },
      (name, listener) => {
        listeners.set(name, listener);
        return () => listeners.delete(name);
      },
    );
    expect(describeSurface(bridge)).toEqual(['demo.echo', 'demo.fail', 'demo.onTick', 'demo.view']);
    await bridge.demo.echo({ text: 'x' });
    expect(calls).toEqual([['demo:echo', { text: 'x' }]]);
    const seen: number[] = [];
    const off = bridge.demo.onTick((p) => seen.push(p.n));
    listeners.get('demo:tick')?.({ n: 3 });
    off();
    expect(seen).toEqual([3]);
    expect(listeners.size).toBe(0);
    expect(Object.isFrozen(bridge)).toBe(true);
    expect(Object.isFrozen(bridge.demo)).toBe(true);
  });
});
