/** Issue 12, item 8: the name of an unknown capability is not echoed in full (or raw). */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createDispatcher, type Caller } from '../../../../src-main/ipc/dispatcher';
import { request } from '../../../../src-main/ipc/request-spec';

const dispatch = createDispatcher(
  { 'demo:echo': request<string>()(z.strictObject({ text: z.string() })) },
  { 'demo:echo': async ({ text }) => text },
  { checkCaller: () => true },
);
const caller: Caller = { url: 'app://patchbay/index.html', trusted: true };

describe('an unknown capability', () => {
  it('is refused with a short answer whatever the length of its name', async () => {
    const name = `x:${'y'.repeat(100_000)}`;
    const result = await dispatch(name, {}, caller);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('unknown-capability');
    expect(JSON.stringify(result).length).toBeLessThan(300);
    expect(result.error.message).toBe(
      `There is no capability named x:${'y'.repeat(62)}… (99938 more characters).`,
    );
  });

  it('quotes a short name whole, with control characters written out', async () => {
    const plain = await dispatch('demo:nope', {}, caller);
    expect(plain).toMatchObject({
      ok: false,
      error: { message: 'There is no capability named demo:nope.' },
    });
    const hostile = await dispatch('demo:\u001b[2J\u202e', {}, caller);
    expect(hostile).toMatchObject({
      ok: false,
      error: { message: 'There is no capability named demo:\\x1b[2J\\u202e.' },
    });
  });
});
