import { randomBytes } from 'node:crypto';
import type { SecretStore, VerifyCredentials } from '../credentials';
import { createDispatcher, type Caller, type Dispatch } from '../ipc/dispatcher';
import { createHandlers } from '../ipc/handlers';
import { createLocalApi, type LocalApi, type LocalApiOptions } from '../local-api';
import type { SettingsStore } from '../settings';
import { requests } from '../ipc/schemas';
import { ConsoleCore, type ConsoleCoreOptions } from './console-core';

export interface ComposeOptions {
  dataDir: string;
  settings: SettingsStore;
  secrets: SecretStore;
  /**
   * The embedded local API behind the Local demo (default: seeded demo, live simulation). Its
   * password is random per run unless given: the console gets it in-process.
   */
  localApi?: LocalApiOptions;
  verify?: VerifyCredentials;
  client?: ConsoleCoreOptions['client'];
}

export interface ComposedConsole {
  core: ConsoleCore;
  localApi: LocalApi;
  /** Every privileged call, whatever the transport, goes through this one dispatcher. */
  dispatch: Dispatch;
  close(): Promise<void>;
}

/**
 * Builds the main-process services once, the same way for the Electron shell and the web host:
 * the local API, the core, and the dispatcher over the contract's handler table. The transport
 * only decides whether a caller is trusted.
 */
export async function composeConsole(options: ComposeOptions): Promise<ComposedConsole> {
  const localApi = await createLocalApi({
    password: randomBytes(24).toString('base64url'),
    ...(options.localApi ?? { seed: 'demo', simulate: true }),
  });
  const core = await ConsoleCore.create({
    dataDir: options.dataDir,
    settings: options.settings,
    secrets: options.secrets,
    localApi,
    ...(options.verify ? { verify: options.verify } : {}),
    ...(options.client ? { client: options.client } : {}),
  });
  const dispatch = createDispatcher(requests, createHandlers(core), {
    checkCaller: (caller: Caller) =>
      caller.trusted ? true : `${caller.url || 'an unknown page'} is not Patchbay's own window`,
    scrub: (value) => core.scrubbing.outgoing.value(value),
  });
  return {
    core,
    localApi,
    dispatch,
    close: async () => {
      await core.close();
      await localApi.close();
    },
  };
}
