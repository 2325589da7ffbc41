/**
 * A whole composed console (the main process without Electron) for the reliability suites: its own
 * data folder and settings, a keychain entry namespace of its own, and a recorder of every request
 * its Bandwidth client sends (through the client's `fetch` option) and of every event it emits.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { isAbsolute, join } from 'node:path';
import { KeytarSecretStore, type VerifyCredentials } from '../../../src-main/credentials';
import type { Caller } from '../../../src-main/ipc/dispatcher';
import type { LocalApiOptions } from '../../../src-main/local-api';
import {
  composeConsole,
  type ComposeOptions,
  type ComposedConsole,
} from '../../../src-main/compose';
import { SettingsStore } from '../../../src-main/settings';
import type { Result } from '../../../src-main/shared/result';
import type { ProfileView } from '../../../src-main/shared/dto/settings';
import type { SessionUpdateEvent } from '../../../src-main/shared/dto/session-view';

export const TRUSTED: Caller = { url: 'app://patchbay/index.html', trusted: true };

export interface SentRequest {
  /** performance.now() when it was sent and when it settled. */
  sentAt: number;
  settledAt?: number;
  method: string;
  url: string;
  /** HTTP status, or 0 when no answer came (connection refused, reset, timeout). */
  status?: number;
  /** The body sent (PUT and POST only, with `captureBodies`). */
  body?: string;
  /** `options.tag()` when it was sent. */
  tag?: string | undefined;
  /** `options.version()` when it was sent and when it settled (a server-side change counter). */
  versionAtSend?: number;
  versionAtSettle?: number;
}

export interface TestConsole {
  composed: ComposedConsole;
  /** This console's own keychain namespace (a private service name). */
  secrets: KeytarSecretStore;
  dir: string;
  requests: SentRequest[];
  /** Every `sessions:update` event, with `options.version()` when it was emitted. */
  updates: { at: number; version?: number | undefined; event: SessionUpdateEvent }[];
  /** `dispatch` as the trusted window; throws on `{ok: false}`. */
  call<T>(name: string, input: unknown): Promise<T>;
  /** `dispatch` as the trusted window, the Result as it is. */
  invoke(name: string, input: unknown): Promise<Result<unknown>>;
  /** Stops the console (everything flushed), keeping its data folder for inspection. */
  shutdown(): Promise<void>;
  /** Stops the console and deletes its data folder. */
  close(): Promise<void>;
}

export interface TestConsoleOptions {
  localApi?: LocalApiOptions;
  client?: ComposeOptions['client'];
  /** Stamped on each request when sent and when settled (e.g. the server's change counter). */
  version?: () => number;
  /** Stamped on each request when sent (e.g. which operation of the test it belongs to). */
  tag?: () => string | undefined;
  captureBodies?: boolean;
  /** Replaces the credential check of `profiles:add` (the real one calls the account's API). */
  verify?: VerifyCredentials;
  /** How long the floor keeps ended calls. */
  recentlyEndedMs?: number;
}

/** A relative `dataDir` of the embedded local API is taken inside the console's data folder. */
function withDataDir(options: LocalApiOptions, dir: string): LocalApiOptions {
  const dataDir = options.dataDir;
  return dataDir === undefined || isAbsolute(dataDir)
    ? options
    : { ...options, dataDir: join(dir, dataDir) };
}

export async function startConsole(options: TestConsoleOptions = {}): Promise<TestConsole> {
  const dir = await mkdtemp(join(tmpdir(), 'patchbay-reliability-'));
  const requests: SentRequest[] = [];
  const recordingFetch: typeof fetch = async (input, init) => {
    const request = input instanceof Request ? input : new Request(input, init);
    const record: SentRequest = {
      sentAt: performance.now(),
      method: request.method,
      url: request.url,
    };
    requests.push(record);
    record.tag = options.tag?.();
    if (options.captureBodies && (request.method === 'PUT' || request.method === 'POST')) {
      record.body = await request.clone().text();
    }
    record.versionAtSend = options.version?.();
    try {
      const response = await fetch(request, init);
      record.status = response.status;
      return response;
    } catch (error) {
      record.status = 0;
      throw error;
    } finally {
      record.settledAt = performance.now();
      record.versionAtSettle = options.version?.();
    }
  };
  const secrets = new KeytarSecretStore({
    service: `PatchbayReliability-${Date.now()}-${Math.random()}`,
  });
  const composed = await composeConsole({
    dataDir: dir,
    settings: new SettingsStore({ cwd: dir }),
    secrets,
    localApi: withDataDir(options.localApi ?? { seed: 'empty' }, dir),
    client: { ...options.client, fetch: recordingFetch },
    ...(options.verify ? { verify: options.verify } : {}),
    ...(options.recentlyEndedMs === undefined ? {} : { recentlyEndedMs: options.recentlyEndedMs }),
  });
  const updates: TestConsole['updates'] = [];
  composed.events.on('sessions:update', (event) =>
    updates.push({ at: performance.now(), version: options.version?.(), event }),
  );
  const invoke = (name: string, input: unknown): Promise<Result<unknown>> =>
    composed.dispatch(name, input, TRUSTED);
  return {
    composed,
    secrets,
    dir,
    requests,
    updates,
    invoke,
    async call<T>(name: string, input: unknown): Promise<T> {
      const result = await invoke(name, input);
      if (!result.ok) throw new Error(`${name}: ${result.error.code}: ${result.error.message}`);
      return result.value as T;
    },
    shutdown: () => composed.close(),
    async close(): Promise<void> {
      await composed.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** A Bandwidth profile (no directory) on the embedded local API's account: another account. */
export function addCloudProfile(composed: ComposedConsole, name = 'Cloud'): Promise<ProfileView> {
  const { localApi } = composed;
  return composed.services.profiles.add({
    name,
    accountId: localApi.accountId,
    username: localApi.username,
    password: localApi.password,
    baseUrl: localApi.baseUrl,
  });
}
