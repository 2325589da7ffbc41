/** The web sign-in as the screens see it: HostSessionStore over a scripted connection, and words. */
import { describe, expect, it } from 'vitest';
import { HostSessionStore } from '../../../src-renderer/lib/state/host-session.svelte';
import type {
  HostSessionSnapshot,
  SignedOutReason,
} from '../../../src-renderer/lib/api/host-connection';
import { CONNECTING } from '../../../src-renderer/lib/api/host-connection';
import { fromNow, signedOutWording } from '../../../src-renderer/lib/host-session-words';
import type { Result } from '../../../src-main/shared/result';
import type { WindowLink } from '../../../src-main/shared/ws-protocol';

const NOW = 1_700_000_000_000;
const MINUTE = 60_000;

function scripted() {
  let snapshot: HostSessionSnapshot = CONNECTING;
  const watchers = new Set<(s: HostSessionSnapshot) => void>();
  let minted: Result<WindowLink> = {
    ok: true,
    value: { url: 'http://x/#secret=s', expiresInMs: 5 * MINUTE },
  };
  return {
    port: {
      get snapshot() {
        return snapshot;
      },
      watch: (w: (s: HostSessionSnapshot) => void) => {
        watchers.add(w);
        return () => void watchers.delete(w);
      },
      mintLink: async () => minted,
      signOut: async (): Promise<Result<null>> => ({ ok: true, value: null }),
    },
    set(change: Partial<HostSessionSnapshot>) {
      snapshot = { ...snapshot, ...change };
      for (const w of watchers) w(snapshot);
    },
    refuseMint() {
      minted = { ok: false, error: { code: 'disconnected', message: 'Not connected' } };
    },
  };
}

describe('HostSessionStore', () => {
  it('shows the console once signed in, through drops, and gives way when the sign-in ends', () => {
    const s = scripted();
    const store = new HostSessionStore(s.port, () => NOW);
    expect(store.showConsole).toBe(false);
    expect(store.signedOut).toBeNull();
    s.set({ phase: 'waiting', maxSockets: 4 });
    expect(store.showConsole).toBe(false);
    expect(store.waiting).toMatch(/already has its 4 connections open/);
    s.set({ phase: 'open', endsAt: NOW + 12 * 60 * MINUTE });
    expect(store.showConsole).toBe(true);
    expect(store.notice()).toBeNull();
    s.set({ phase: 'reconnecting', lapsesAt: NOW + 30 * MINUTE });
    expect(store.showConsole).toBe(true);
    expect(store.notice()).toMatchObject({
      kind: 'connection',
      text: /reconnecting… .*stays valid until/,
    });
    s.set({ phase: 'open', lapsesAt: null, warnedEndsAt: NOW + 30 * MINUTE });
    expect(store.notice()).toMatchObject({
      kind: 'expiry',
      text: /\(in 30 minutes\), its time limit/,
    });
    expect(store.notice(NOW + 29.5 * MINUTE)?.text).toMatch(/in less than a minute/);
    s.set({ phase: 'ended', ended: { reason: 'expired', byThisWindow: false } });
    expect(store.showConsole).toBe(false);
    expect(store.notice()).toBeNull();
    expect(store.signedOut?.title).toBe('This sign-in reached its time limit');
  });

  it('keeps a minted window link until it is used, dropped or the connection goes', async () => {
    const s = scripted();
    const store = new HostSessionStore(s.port, () => NOW);
    s.set({ phase: 'open' });
    expect(await store.mintWindowLink()).toMatchObject({ ok: true });
    expect(store.link).toEqual({ url: 'http://x/#secret=s', expiresAt: NOW + 5 * MINUTE });
    store.dropLink();
    expect(store.link).toBeNull();
    await store.mintWindowLink();
    s.set({ phase: 'reconnecting', lapsesAt: NOW });
    expect(store.link).toBeNull();
    s.refuseMint();
    expect(await store.mintWindowLink()).toMatchObject({ ok: false });
    expect(store.link).toBeNull();
  });
});

describe('host session words', () => {
  it('says what to do for every way a window is not signed in', () => {
    const reasons: SignedOutReason[] = [
      'no-link',
      'link-invalid',
      'not-signed-in',
      'signed-out',
      'expired',
      'idle',
    ];
    for (const reason of reasons) {
      expect(signedOutWording(reason, true).body, reason).toMatch(
        /open the new one-time link printed in the terminal/,
      );
    }
    expect(signedOutWording('signed-out', true).title).toBe('Signed out');
    expect(signedOutWording('signed-out', false).title).toBe('Signed out from another window');
  });

  it('counts time left in whole minutes and hours', () => {
    expect(fromNow(NOW + 59_999, NOW)).toBe('in less than a minute');
    expect(fromNow(NOW - 5, NOW)).toBe('in less than a minute');
    expect(fromNow(NOW + MINUTE, NOW)).toBe('in 1 minute');
    expect(fromNow(NOW + 60 * MINUTE, NOW)).toBe('in 1 hour');
    expect(fromNow(NOW + 125 * MINUTE, NOW)).toBe('in 2 hours 5 minutes');
  });
});
