/** The web host's sessions: one-time links, tokens, idle and absolute expiry, sign-out, the cap. */
import { describe, expect, it } from 'vitest';
import { sessionLimits, type SessionLimits } from '../../../../src-main/host/session-limits';
import { SessionRegistry, type Admission, type Member } from '../../../../src-main/host/sessions';
import type { EndReason } from '../../../../src-main/shared/ws-protocol';
import { manualClock } from '../../../support/manual-clock';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const ORIGIN = 'http://127.0.0.1:4780';

interface FakeMember extends Member {
  warnings: number[];
  endings: { reason: EndReason; byThisSocket: boolean }[];
}

function member(): FakeMember {
  const m: FakeMember = {
    warnings: [],
    endings: [],
    warn: (endsInMs) => void m.warnings.push(endsInMs),
    end: (reason, byThisSocket) => void m.endings.push({ reason, byThisSocket }),
  };
  return m;
}

function setup(overrides: Partial<SessionLimits> = {}) {
  const clock = manualClock();
  const log: string[] = [];
  const registry = new SessionRegistry(sessionLimits(overrides), clock, {
    ended: (reason) => void log.push(`ended:${reason}`),
    expiring: () => void log.push('expiring'),
  });
  const printed = registry.issuePrintedSecret() ?? '';
  /** Signs in with the printed link; returns the token and the first member. */
  const signIn = (): { token: string; first: FakeMember } => {
    const first = member();
    const admission = registry.signIn(printed, ORIGIN, first);
    if (!admission.ok || !admission.token) throw new Error('sign-in refused');
    return { token: admission.token, first };
  };
  return { clock, registry, printed, signIn, log };
}

const refusal = (a: Admission): unknown => (a.ok ? 'admitted' : a);

describe('web host sessions', () => {
  it('the printed link starts a session once; its token resumes it, from its own origin only', () => {
    const { registry, printed, signIn } = setup();
    expect(printed).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(registry.issuePrintedSecret()).toBeNull(); // the unused one keeps working
    expect(refusal(registry.signIn('wrong', ORIGIN, member()))).toEqual({
      ok: false,
      reason: 'link-invalid',
    });
    const { token } = signIn();
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(token).not.toBe(printed);
    expect(refusal(registry.signIn(printed, ORIGIN, member()))).toMatchObject({
      reason: 'link-invalid',
    });
    expect(registry.resume(token, ORIGIN, member())).toMatchObject({ ok: true, warned: false });
    expect(refusal(registry.resume(token, 'http://localhost:4780', member()))).toMatchObject({
      reason: 'not-signed-in',
    });
    expect(refusal(registry.resume(printed, ORIGIN, member()))).toMatchObject({
      reason: 'not-signed-in',
    });
    // Once used, the next printed link can be issued.
    expect(registry.issuePrintedSecret()).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('idle time counts only from the last socket close, never while one is open', () => {
    const { clock, registry, signIn, log } = setup({ idleMs: 30 * MINUTE });
    const { token, first } = signIn();
    // A supervisor listening silently for hours: nothing expires while the socket is open.
    clock.advance(5 * HOUR);
    expect(first.endings).toEqual([]);
    const second = member();
    expect(registry.resume(token, ORIGIN, second).ok).toBe(true);
    registry.leave(first);
    clock.advance(2 * HOUR); // one socket still open
    registry.leave(second);
    clock.advance(30 * MINUTE - 1);
    const back = member();
    expect(registry.resume(token, ORIGIN, back).ok).toBe(true); // just in time: the clock resets
    registry.leave(back);
    clock.advance(30 * MINUTE - 1);
    expect(registry.sessionCount).toBe(1);
    clock.advance(1);
    expect(registry.sessionCount).toBe(0);
    expect(refusal(registry.resume(token, ORIGIN, member()))).toEqual({
      ok: false,
      reason: 'not-signed-in',
      ended: 'idle',
    });
    expect(log).toEqual(['ended:idle']);
  });

  it('the absolute limit warns every open page first, then ends the session, saying why', () => {
    const { clock, registry, signIn, log } = setup({
      absoluteMs: 12 * HOUR,
      warnBeforeMs: 30 * MINUTE,
    });
    const { token, first } = signIn();
    clock.advance(11 * HOUR + 30 * MINUTE - 1);
    expect(first.warnings).toEqual([]);
    clock.advance(1);
    expect(first.warnings).toEqual([30 * MINUTE]);
    expect(log).toEqual(['expiring']);
    clock.advance(10 * MINUTE);
    // A page that connects after the warning learns it at once, with the time left.
    const late = registry.resume(token, ORIGIN, member());
    expect(late).toMatchObject({ ok: true, warned: true, terms: { endsInMs: 20 * MINUTE } });
    clock.advance(20 * MINUTE);
    expect(first.endings).toEqual([{ reason: 'expired', byThisSocket: false }]);
    expect(registry.sessionCount).toBe(0);
    expect(refusal(registry.resume(token, ORIGIN, member()))).toMatchObject({ ended: 'expired' });
    expect(log).toEqual(['expiring', 'ended:expired']);
    expect(clock.pending).toBe(0);
  });

  it('sign-out ends the session in every window, revokes its tokens and window links', () => {
    const { registry, signIn, log } = setup();
    const { token, first } = signIn();
    const link = registry.mintWindowSecret(first);
    const other = member();
    expect(registry.resume(token, ORIGIN, other).ok).toBe(true);
    expect(registry.signOut(other)).toBe(true);
    expect(other.endings).toEqual([{ reason: 'signed-out', byThisSocket: true }]);
    expect(first.endings).toEqual([{ reason: 'signed-out', byThisSocket: false }]);
    expect(refusal(registry.resume(token, ORIGIN, member()))).toMatchObject({
      ended: 'signed-out',
    });
    expect(refusal(registry.signIn(link?.secret ?? '', ORIGIN, member()))).toMatchObject({
      reason: 'link-invalid',
    });
    expect(registry.signOut(first)).toBe(false);
    expect(log).toEqual(['ended:signed-out']);
  });

  it('caps the sockets of one session; a window link waits for room without being spent', () => {
    const { registry, signIn } = setup({ maxSockets: 4 });
    const { token, first } = signIn();
    const open = [first];
    for (let i = 0; i < 3; i += 1) {
      const m = member();
      expect(registry.resume(token, ORIGIN, m).ok).toBe(true);
      open.push(m);
    }
    expect(refusal(registry.resume(token, ORIGIN, member()))).toEqual({
      ok: false,
      reason: 'too-many-sockets',
    });
    const link = registry.mintWindowSecret(first)?.secret ?? '';
    expect(refusal(registry.signIn(link, ORIGIN, member()))).toMatchObject({
      reason: 'too-many-sockets',
    });
    registry.leave(open[3] as Member);
    expect(registry.signIn(link, ORIGIN, member()).ok).toBe(true);
    expect(refusal(registry.resume(token, ORIGIN, member()))).toMatchObject({
      reason: 'too-many-sockets',
    });
  });

  it('a window link joins its own session once, within its time, under its deadline', () => {
    const { clock, registry, signIn } = setup({
      windowLinkMs: 5 * MINUTE,
      absoluteMs: 12 * HOUR,
    });
    const { token, first } = signIn();
    clock.advance(HOUR);
    const minted = registry.mintWindowSecret(first);
    expect(minted).toMatchObject({ origin: ORIGIN, expiresInMs: 5 * MINUTE });
    const window = member();
    const joined = registry.signIn(minted?.secret ?? '', ORIGIN, window);
    expect(joined).toMatchObject({ ok: true, terms: { endsInMs: 11 * HOUR } });
    expect(joined.ok && joined.token).not.toBe(token); // its own token, the same session
    expect(registry.sessionCount).toBe(1);
    expect(refusal(registry.signIn(minted?.secret ?? '', ORIGIN, member()))).toMatchObject({
      reason: 'link-invalid',
    });
    // Expired, from another origin, or retired by newer links: refused.
    const late = registry.mintWindowSecret(first)?.secret ?? '';
    clock.advance(5 * MINUTE);
    expect(refusal(registry.signIn(late, ORIGIN, member()))).toMatchObject({
      reason: 'link-invalid',
    });
    const elsewhere = registry.mintWindowSecret(first)?.secret ?? '';
    expect(refusal(registry.signIn(elsewhere, 'http://localhost:4780', member()))).toMatchObject({
      reason: 'link-invalid',
    });
    const oldest = registry.mintWindowSecret(first)?.secret ?? '';
    registry.mintWindowSecret(first);
    registry.mintWindowSecret(first);
    expect(refusal(registry.signIn(oldest, ORIGIN, member()))).toMatchObject({
      reason: 'link-invalid',
    });
    // Signing out from the joined window ends the first window too.
    registry.signOut(window);
    expect(first.endings).toEqual([{ reason: 'signed-out', byThisSocket: false }]);
    expect(registry.mintWindowSecret(first)).toBeNull();
  });

  it('refuses limits that are not positive whole numbers, or a warning before the start', () => {
    expect(sessionLimits()).toMatchObject({ idleMs: 30 * MINUTE, absoluteMs: 12 * HOUR });
    expect(sessionLimits().absoluteMs).toBeGreaterThanOrEqual(12 * HOUR);
    expect(sessionLimits().maxSockets).toBe(4);
    expect(() => sessionLimits({ idleMs: 0 })).toThrow(/idleMs must be a whole number/);
    expect(() => sessionLimits({ maxSockets: 1.5 })).toThrow(/maxSockets/);
    expect(() => sessionLimits({ absoluteMs: 2 ** 31 })).toThrow(/absoluteMs/);
    expect(() => sessionLimits({ absoluteMs: HOUR, warnBeforeMs: HOUR })).toThrow(
      /warnBeforeMs \(3600000\) must be shorter than absoluteMs/,
    );
  });
});
