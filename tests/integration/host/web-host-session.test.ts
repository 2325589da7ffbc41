/**
 * The web host's session over real HTTP and WebSockets (a composed console, the host in this
 * process, time driven by hand): no cookie anywhere, the printed link traded once over the socket,
 * nothing answered before sign-in, the socket cap, sign-out in every window, window links, the
 * absolute limit's warning and end, idle expiry, and a new printed link after each ending.
 */
import { describe, expect, it } from 'vitest';
import { CLOSE_CODES, SECRET_FRAGMENT } from '../../../src-main/shared/ws-protocol';
import {
  invokeOn,
  openSocket,
  secretOf,
  type SignedInHost,
} from '../../support/reliability/web-host';
import { useClockedHosts } from './clocked-hosts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const start = useClockedHosts();

const resume = (s: SignedInHost) => openSocket(s.host.origin, { type: 'resume', token: s.token });

describe('web host sessions over the wire', () => {
  it('sets no cookie on any route; the printed link carries its secret in the fragment only', async () => {
    const s = await start();
    const link = new URL(s.host.loginUrl);
    expect(link.search).toBe('');
    expect(link.hash).toMatch(new RegExp(`^#${SECRET_FRAGMENT}=[A-Za-z0-9_-]{43}$`));
    for (const path of ['/', '/index.html', `/?secret=${secretOf(s.host.loginUrl)}`, '/nope']) {
      const response = await fetch(`${s.host.origin}${path}`);
      expect(response.headers.get('set-cookie'), path).toBeNull();
    }
    expect((await fetch(`${s.host.origin}/`)).status).toBe(200);
  });

  it('answers nothing before sign-in, and the printed link works exactly once', async () => {
    const s = await start();
    for (const first of [
      { type: 'invoke', id: 1, name: 'profiles:list', input: {} } as const,
      { type: 'resume', token: 'forged' } as const,
      { type: 'sign-in', secret: secretOf(s.host.loginUrl) } as const,
      'not json',
    ]) {
      const attempt = await openSocket(s.host.origin, first);
      expect(attempt.answer, JSON.stringify(first)).toMatchObject({ type: 'refused' });
      expect(await attempt.closed).toBe(CLOSE_CODES.refused);
      expect(attempt.frames.some((f) => f.type === 'result' || f.type === 'event')).toBe(false);
    }
    const quiet = await openSocket(s.host.origin, undefined);
    s.clock.advance(15_000);
    expect(await quiet.closed).toBe(CLOSE_CODES.signInTimeout);
    expect(quiet.frames).toMatchObject([{ type: 'refused', reason: 'sign-in-timeout' }]);

    const page = await resume(s);
    expect(page.answer).toMatchObject({
      type: 'signed-in',
      terms: { idleMs: 30 * MINUTE, endsInMs: 12 * HOUR - 15_000, maxSockets: 4 },
    });
    expect(page.answer).not.toHaveProperty('token');
    await invokeOn(page, 5, 'profiles:list', {});
    page.socket.close();
  });

  it('holds at most four sockets per session and refuses the fifth without touching the rest', async () => {
    const s = await start();
    const open = [await resume(s), await resume(s), await resume(s), await resume(s)];
    const fifth = await resume(s);
    expect(fifth.answer).toMatchObject({ type: 'refused', reason: 'too-many-sockets' });
    expect(await fifth.closed).toBe(CLOSE_CODES.tooManySockets);
    for (const o of open) expect(o.socket.readyState).toBe(o.socket.OPEN);
    open[0]?.socket.close();
    await open[0]?.closed;
    await until(async () => (await resume(s)).answer?.type === 'signed-in');
  });

  it('sign-out ends the session in every window, says so, and the host prints a new link', async () => {
    const s = await start();
    const mine = await resume(s);
    const other = await resume(s);
    mine.socket.send(JSON.stringify({ type: 'sign-out' }));
    expect(await mine.closed).toBe(CLOSE_CODES.signedOut);
    expect(await other.closed).toBe(CLOSE_CODES.signedOut);
    expect(mine.frames.at(-1)).toMatchObject({
      type: 'session-ended',
      reason: 'signed-out',
      byThisSocket: true,
    });
    expect(other.frames.at(-1)).toMatchObject({ reason: 'signed-out', byThisSocket: false });
    const again = await resume(s);
    expect(again.answer).toMatchObject({ reason: 'not-signed-in', ended: 'signed-out' });
    expect(s.printed).toHaveLength(1);
    const fresh = await openSocket(s.host.origin, {
      type: 'sign-in',
      secret: secretOf(s.printed[0] ?? ''),
    });
    expect(fresh.answer).toMatchObject({ type: 'signed-in', token: expect.any(String) });
    fresh.socket.close();
  });

  it('mints a one-time link for a second window of the same session', async () => {
    const s = await start();
    const first = await resume(s);
    first.socket.send(JSON.stringify({ type: 'mint-link' }));
    await until(() => first.frames.some((f) => f.type === 'link'));
    const frame = first.frames.find((f) => f.type === 'link');
    if (frame?.type !== 'link' || !frame.result.ok) throw new Error('no link');
    expect(frame.result.value.url.startsWith(`${s.host.origin}/#secret=`)).toBe(true);
    expect(frame.result.value.expiresInMs).toBe(5 * MINUTE);
    const secret = secretOf(frame.result.value.url);
    const second = await openSocket(s.host.origin, { type: 'sign-in', secret });
    expect(second.answer).toMatchObject({ type: 'signed-in', terms: { maxSockets: 4 } });
    const replay = await openSocket(s.host.origin, { type: 'sign-in', secret });
    expect(replay.answer).toMatchObject({ reason: 'link-invalid' });
    second.socket.send(JSON.stringify({ type: 'sign-out' }));
    expect(await first.closed).toBe(CLOSE_CODES.signedOut);
  });

  it('warns open pages before the absolute limit, then ends every socket saying why', async () => {
    const s = await start({ absoluteMs: 12 * HOUR, warnBeforeMs: 30 * MINUTE });
    const page = await resume(s);
    s.clock.advance(11 * HOUR + 30 * MINUTE);
    await until(() => page.frames.some((f) => f.type === 'session-warning'));
    expect(page.frames.at(-1)).toEqual({ type: 'session-warning', endsInMs: 30 * MINUTE });
    expect(s.printed).toHaveLength(1); // a fresh link to carry on with, before the end
    const late = await resume(s);
    expect(late.frames[1]).toMatchObject({ type: 'session-warning' });
    s.clock.advance(30 * MINUTE);
    expect(await page.closed).toBe(CLOSE_CODES.expired);
    expect(page.frames.at(-1)).toMatchObject({ type: 'session-ended', reason: 'expired' });
    expect(await late.closed).toBe(CLOSE_CODES.expired);
  });

  it('expires after the idle time with no socket open, counted from the last close', async () => {
    const s = await start({ idleMs: 30 * MINUTE });
    const page = await resume(s);
    s.clock.advance(3 * HOUR); // listening silently: still signed in
    page.socket.close();
    await page.closed;
    await until(() => s.clock.pending >= 3);
    s.clock.advance(30 * MINUTE);
    expect((await resume(s)).answer).toMatchObject({ reason: 'not-signed-in', ended: 'idle' });
  });

  it('closes open sockets with "going away" when the host stops', async () => {
    const s = await start();
    const open = await resume(s);
    await s.host.close();
    expect(await open.closed).toBe(CLOSE_CODES.hostStopping);
  });
});

async function until(check: () => boolean | Promise<boolean>): Promise<void> {
  for (let i = 0; i < 200; i += 1) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error('condition never held');
}
