/**
 * A page's connection to the web host: one WebSocket that signs in (a one-time link's secret) or
 * resumes (the session token this tab keeps), carries invokes and events, and comes back by itself
 * when it drops. Everything it touches outside itself is passed in (the socket, the token store,
 * time), so the same class runs in the browser and against a real host in tests.
 */
import type { Invoke, Subscribe } from '$shared/contract/bridge';
import type { Result } from '$shared/result';
import type { ClientFrame, EndReason, HostFrame, WindowLink } from '$shared/ws-protocol';

export interface Channel {
  send(text: string): void;
  close(): void;
}
export interface ChannelHandlers {
  open(): void;
  message(text: string): void;
  closed(): void;
}
/** Opens one WebSocket to the host's bridge. */
export type OpenChannel = (handlers: ChannelHandlers) => Channel;

export interface TokenStore {
  get(): string | null;
  set(token: string): void;
  clear(): void;
}

export interface ConnectionDeps {
  open: OpenChannel;
  tokens: TokenStore;
  /** The one-time secret this page was opened with (taken from the URL fragment), if any. */
  secret: string | undefined;
  now(): number;
  setTimer(run: () => void, ms: number): void;
}

/** Why this window is not (or no longer) signed in. */
export type SignedOutReason = 'no-link' | 'link-invalid' | 'not-signed-in' | EndReason;

export interface HostSessionSnapshot {
  phase: 'connecting' | 'open' | 'reconnecting' | 'waiting' | 'ended';
  /** Local clock (ms) when the sign-in ends at the latest, once signed in. */
  endsAt: number | null;
  /** Local clock (ms) the host's warning named, once it warned that the end is near. */
  warnedEndsAt: number | null;
  /** While reconnecting or waiting: when the sign-in lapses unless a socket opens again. */
  lapsesAt: number | null;
  /** Sockets one session may hold (all its windows), once signed in. */
  maxSockets: number | null;
  ended: { reason: SignedOutReason; byThisWindow: boolean } | null;
}

/** Waits before reconnecting, one per attempt; the last repeats. */
const RETRY_MS = [250, 500, 1_000, 2_000, 5_000];

/** Where every connection starts. */
export const CONNECTING: Readonly<HostSessionSnapshot> = {
  phase: 'connecting',
  endsAt: null,
  warnedEndsAt: null,
  lapsesAt: null,
  maxSockets: null,
  ended: null,
};

export class HostConnection {
  #snapshot: HostSessionSnapshot = CONNECTING;
  #channel: Channel | undefined;
  #open = false;
  #everOpen = false;
  #secret: string | undefined;
  #idleMs = 0;
  #attempt = 0;
  #nextId = 1;
  readonly #pending = new Map<number, (result: Result<unknown>) => void>();
  readonly #links: ((result: Result<WindowLink>) => void)[] = [];
  readonly #ready: (() => void)[] = [];
  readonly #listeners = new Map<string, Set<(payload: unknown) => void>>();
  readonly #watchers = new Set<(snapshot: HostSessionSnapshot) => void>();

  constructor(private readonly deps: ConnectionDeps) {
    this.#secret = deps.secret;
    if (this.#secret === undefined && deps.tokens.get() === null) this.#end('no-link', false);
    else this.#connect();
  }

  get snapshot(): HostSessionSnapshot {
    return this.#snapshot;
  }

  /** Calls `watcher` with every new snapshot; returns the unsubscribe. */
  watch(watcher: (snapshot: HostSessionSnapshot) => void): () => void {
    this.#watchers.add(watcher);
    return () => void this.#watchers.delete(watcher);
  }

  readonly invoke: Invoke = async (name, input) => {
    // Calls made while the page first signs in wait for it; later, a dropped socket fails fast.
    if (
      this.#snapshot.phase === 'connecting' ||
      (this.#snapshot.phase === 'waiting' && !this.#everOpen)
    ) {
      await new Promise<void>((resolve) => this.#ready.push(resolve));
    }
    const channel = this.#open ? this.#channel : undefined;
    if (!channel) return { ok: false, error: this.#notConnected() };
    const id = this.#nextId++;
    return new Promise((resolve) => {
      this.#pending.set(id, resolve);
      this.#send(channel, { type: 'invoke', id, name, input });
    });
  };

  readonly subscribe: Subscribe = (name, listener) => {
    const set = this.#listeners.get(name) ?? new Set();
    set.add(listener);
    this.#listeners.set(name, set);
    return () => void set.delete(listener);
  };

  /** A one-time link that signs one more window in to this session. */
  mintLink(): Promise<Result<WindowLink>> {
    const channel = this.#open ? this.#channel : undefined;
    if (!channel) return Promise.resolve({ ok: false, error: this.#notConnected() });
    return new Promise((resolve) => {
      this.#links.push(resolve);
      this.#send(channel, { type: 'mint-link' });
    });
  }

  /** Ends the session in every window; resolves once the host has confirmed it. */
  signOut(): Promise<Result<null>> {
    const channel = this.#open ? this.#channel : undefined;
    if (!channel) return Promise.resolve({ ok: false, error: this.#notConnected() });
    return new Promise((resolve) => {
      const off = this.watch((s) => {
        if (s.phase !== 'ended' && s.phase !== 'reconnecting') return;
        off();
        resolve(
          s.phase === 'ended'
            ? { ok: true, value: null }
            : { ok: false, error: this.#notConnected() },
        );
      });
      this.#send(channel, { type: 'sign-out' });
    });
  }

  /**
   * A sign-in link opened in this tab after it loaded (only the fragment changed, so the page did
   * not reload): sign in with it afresh, whatever the state.
   */
  signInWith(secret: string): void {
    const old = this.#channel;
    this.#channel = undefined;
    this.#open = false;
    this.#settleAll();
    old?.close();
    this.#secret = secret;
    this.#attempt = 0;
    this.#update({ ...CONNECTING });
    this.#connect();
  }

  #settleAll(): void {
    const error = this.#notConnected();
    for (const settle of this.#pending.values()) settle({ ok: false, error });
    this.#pending.clear();
    for (const settle of this.#links.splice(0)) settle({ ok: false, error });
  }

  #notConnected(): { code: string; message: string } {
    return this.#snapshot.phase === 'ended'
      ? { code: 'signed-out', message: 'This window is not signed in to the console host.' }
      : { code: 'disconnected', message: 'Not connected to the console host; reconnecting…' };
  }

  #connect(): void {
    const channel = this.deps.open({
      open: () => {
        const token = this.deps.tokens.get();
        if (this.#secret !== undefined)
          this.#send(channel, { type: 'sign-in', secret: this.#secret });
        else if (token !== null) this.#send(channel, { type: 'resume', token });
        else this.#end('no-link', false);
      },
      message: (text) => this.#receive(text),
      closed: () => this.#closed(channel),
    });
    this.#channel = channel;
  }

  #send(channel: Channel, frame: ClientFrame): void {
    channel.send(JSON.stringify(frame));
  }

  #receive(text: string): void {
    let frame: HostFrame;
    try {
      frame = JSON.parse(text) as HostFrame;
    } catch {
      return;
    }
    switch (frame.type) {
      case 'signed-in': {
        if (frame.token !== undefined) this.deps.tokens.set(frame.token);
        this.#secret = undefined;
        this.#open = true;
        this.#everOpen = true;
        this.#attempt = 0;
        this.#idleMs = frame.terms.idleMs;
        const now = this.deps.now();
        this.#update({
          phase: 'open',
          endsAt: now + frame.terms.endsInMs,
          lapsesAt: null,
          maxSockets: frame.terms.maxSockets,
        });
        for (const resolve of this.#ready.splice(0)) resolve();
        return;
      }
      case 'refused':
        // Both close the socket; it is tried again (#closed) with the same credential.
        if (frame.reason === 'sign-in-timeout') return;
        if (frame.reason === 'too-many-sockets') return this.#update({ phase: 'waiting' });
        if (frame.reason === 'link-invalid') {
          this.#secret = undefined;
          // Opened with a spent link in a tab that is signed in already: carry on with its token.
          if (this.deps.tokens.get() !== null) return;
        } else this.deps.tokens.clear();
        return this.#end(
          frame.reason === 'link-invalid' ? 'link-invalid' : (frame.ended ?? 'not-signed-in'),
          false,
        );
      case 'session-ended':
        this.deps.tokens.clear();
        return this.#end(frame.reason, frame.byThisSocket);
      case 'session-warning':
        return this.#update({ warnedEndsAt: this.deps.now() + frame.endsInMs });
      case 'link':
        return this.#links.shift()?.(frame.result);
      case 'result':
        this.#pending.get(frame.id)?.(frame.result);
        this.#pending.delete(frame.id);
        return;
      case 'event':
        for (const listener of this.#listeners.get(frame.name) ?? []) listener(frame.payload);
    }
  }

  #closed(channel: Channel): void {
    if (this.#channel !== channel) return;
    this.#channel = undefined;
    const wasOpen = this.#open;
    this.#open = false;
    this.#settleAll();
    if (this.#snapshot.phase === 'ended') return;
    if (wasOpen) {
      this.#update({ phase: 'reconnecting', lapsesAt: this.deps.now() + this.#idleMs });
    }
    const wait = RETRY_MS[Math.min(this.#attempt, RETRY_MS.length - 1)] ?? 5_000;
    this.#attempt += 1;
    this.deps.setTimer(() => {
      if (this.#snapshot.phase !== 'ended' && !this.#channel) this.#connect();
    }, wait);
  }

  #end(reason: SignedOutReason, byThisWindow: boolean): void {
    this.#secret = undefined;
    this.#update({ phase: 'ended', lapsesAt: null, ended: { reason, byThisWindow } });
    for (const resolve of this.#ready.splice(0)) resolve();
    this.#channel?.close();
  }

  #update(change: Partial<HostSessionSnapshot>): void {
    this.#snapshot = { ...this.#snapshot, ...change };
    for (const watcher of [...this.#watchers]) watcher(this.#snapshot);
  }
}
