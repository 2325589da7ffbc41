import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { AuditLog } from './audit';
import { verifyCredentials } from './bandwidth';
import {
  ActiveSecrets,
  ProfileService,
  Scrubber,
  type SecretStore,
  type VerifyCredentials,
} from './credentials';
import { createDispatcher, type Caller, type Dispatch } from './ipc/dispatcher';
import { createHandlers, type HandlerServices } from './ipc/handlers';
import { createLocalApi, type LocalApi, type LocalApiOptions } from './local-api';
import { MeRecordStore } from './me/record-store';
import { deviceGatewayUrl, releaseDeviceToken } from './me/gateway';
import { MeRoster } from './me/roster';
import { ActiveAccount, type ClientTuning } from './services/active-account';
import { AlertsService } from './services/alerts';
import { withAuditContext } from './services/audit-context';
import { pipeEvents, TypedEmitter, type ConsoleEvents } from './services/emitter';
import { FloorService } from './services/floor';
import { MeService } from './services/me';
import { PreferencesService } from './services/preferences';
import { ProfilesService } from './services/profiles';
import { RoutingService } from './services/routing';
import { directoryCallOf } from './services/session-views';
import { SessionsService } from './services/sessions';
import type { SettingsStore } from './settings';
import { ensurePrivateDir } from './settings/data-folder';
import { requests } from './ipc/schemas';

export interface ComposeOptions {
  /** Where the audit log and pending timed routes live (Electron: userData). */
  dataDir: string;
  settings: SettingsStore;
  secrets: SecretStore;
  /**
   * The embedded local API behind the Local demo (default: seeded demo, live simulation). Its
   * password is random per run unless given: the console gets it in-process.
   */
  localApi?: LocalApiOptions;
  verify?: VerifyCredentials;
  /** Client tuning (tests shorten timeouts). */
  client?: ClientTuning;
  /** How long the floor keeps an ended call in "recently ended" (default 10 minutes). */
  recentlyEndedMs?: number;
}

/** The active secrets and the two scrubbers over them: one for results and events, one for logs. */
export interface Scrubbing {
  readonly secrets: ActiveSecrets;
  /** Results and events: device tokens stay (the console shows them on purpose). */
  readonly outgoing: Scrubber;
  /** The audit log and console output: device tokens go too. */
  readonly logs: Scrubber;
}

export interface ComposedConsole {
  localApi: LocalApi;
  /** Every privileged call, whatever the transport, goes through this one dispatcher. */
  dispatch: Dispatch;
  /** Every event of every service, scrubbed: what a transport relays to its windows. */
  events: TypedEmitter<ConsoleEvents>;
  services: HandlerServices;
  /** The active profile and what it holds (client, watchers, directory). */
  active: ActiveAccount;
  scrubbing: Scrubbing;
  /** The device gateways of every profile (my own audio): what the document's CSP lets it reach. */
  deviceGateways(): string[];
  close(): Promise<void>;
}

function createScrubbing(): Scrubbing {
  const secrets = new ActiveSecrets();
  return {
    secrets,
    outgoing: new Scrubber({ secrets, mode: 'outgoing' }),
    logs: new Scrubber({ secrets, mode: 'log' }),
  };
}

/**
 * THE composition root, the same for the Electron shell and the web host: the local API, the
 * settings-, keychain- and audit-backed services built once with explicit dependencies, their
 * events wired to one scrubbed outlet, and the dispatcher over the contract's handler table. The
 * passwords handed out are registered with the scrubber, which every event and every result
 * passes. The transport only decides whether a caller is trusted.
 */
export async function composeConsole(options: ComposeOptions): Promise<ComposedConsole> {
  const { dataDir, settings } = options;
  const localApi = await createLocalApi({
    password: randomBytes(24).toString('base64url'),
    ...(options.localApi ?? { seed: 'demo', simulate: true }),
  });
  // Owner-only data folders (the audit log and each profile's timed routes make their own).
  await ensurePrivateDir(dataDir);
  await ensurePrivateDir(join(dataDir, 'routing'));
  const scrubbing = createScrubbing();
  const audit = await AuditLog.open({ dir: join(dataDir, 'audit'), scrubber: scrubbing.logs });

  const profileStore = new ProfileService({
    settings,
    secrets: options.secrets,
    activeSecrets: scrubbing.secrets,
    verify: options.verify ?? ((c) => verifyCredentials(c)),
    localCredentials: () => ({
      baseUrl: localApi.baseUrl,
      accountId: localApi.accountId,
      username: localApi.username,
      password: localApi.password,
    }),
    localDirectory: () => ({ url: localApi.directory.url, token: localApi.directory.token }),
  });
  const active = new ActiveAccount({
    settings,
    profiles: profileStore,
    local: {
      baseUrl: localApi.baseUrl,
      accountId: localApi.accountId,
      directoryUrl: localApi.directory.url,
      sessions: () => localApi.control.state().sessions,
    },
    scrubText: (text) => scrubbing.outgoing.text(text),
    client: options.client,
  });
  const warn = (text: string): void => console.warn(scrubbing.logs.text(text));
  // What appends to the audit: each entry keeps its call's label and the profile's supervisor.
  const roster = new MeRoster(scrubbing.secrets);
  const stampedAudit = withAuditContext({
    audit,
    settings,
    me: (profileId) => roster.get(profileId),
    callLabel: (profileId, sessionId) =>
      active.current.profile.id === profileId
        ? directoryCallOf(active.current.directory, sessionId)?.label
        : undefined,
  });
  const routing = new RoutingService({
    active,
    settings,
    audit: stampedAudit,
    dir: join(dataDir, 'routing'),
    warn,
  });
  const sessions = new SessionsService({ active, settings, me: (id) => roster.get(id) });
  const alerts = await AlertsService.open({
    updates: sessions.events,
    audit: stampedAudit,
    active,
    activeProfileId: () => active.current.profile.id,
    me: (profileId) => roster.get(profileId),
    file: join(dataDir, 'alerts.json'),
    warn,
  });
  // A call the directory says ended: its state alerts close, even if no watcher saw it end.
  active.onDirectory((current, { changes }) => {
    for (const call of changes.ended) void alerts.callEnded(current.profile.id, call.sessionId);
  });
  const floor = new FloorService({
    active,
    settings,
    alerts: {
      list: () => alerts.list(),
      onChanged: (listener) => alerts.events.on('alerts:changed', listener),
    },
    recentlyEndedMs: options.recentlyEndedMs,
  });
  const services = {
    profiles: new ProfilesService({ profiles: profileStore, active }),
    sessions,
    floor,
    routing,
    audit,
    preferences: new PreferencesService({
      settings,
      active,
      onUpdated: () => floor.preferencesChanged(),
    }),
    me: new MeService({
      active,
      settings,
      routing,
      audit: stampedAudit,
      records: new MeRecordStore(join(dataDir, 'me')),
      roster,
      gatewayUrl: (profile) => deviceGatewayUrl(profile, localApi.baseUrl),
      warn,
    }),
    alerts,
  };
  // A leftover "me" (a crash, a restart) is removed before anything else: never left listening.
  const recoverMe = (): Promise<void> =>
    services.me.recoverActive().catch((error: unknown) => {
      warn(`me: a leftover participant could not be removed yet (${String(error)}).`);
    });
  await recoverMe();
  services.profiles.events.on('profiles:changed', () => void recoverMe());

  const events = new TypedEmitter<ConsoleEvents>((payload) => scrubbing.outgoing.value(payload));
  pipeEvents(services.profiles.events, events);
  pipeEvents(services.sessions.events, events);
  pipeEvents(services.floor.events, events);
  // A switch or a new directory for the active profile: the floor follows it.
  services.profiles.events.on('profiles:changed', () => services.floor.sync());
  pipeEvents(services.routing.events, events);
  pipeEvents(services.me.events, events);
  pipeEvents(services.alerts.events, events);

  const dispatch = createDispatcher(requests, createHandlers(services), {
    checkCaller: (caller: Caller) =>
      caller.trusted ? true : `${caller.url || 'an unknown page'} is not Patchbay's own window`,
    scrub: (value, name) =>
      name === 'me:audio'
        ? releaseDeviceToken(value, scrubbing.outgoing, roster)
        : scrubbing.outgoing.value(value),
  });
  return {
    localApi,
    dispatch,
    events,
    services,
    active,
    scrubbing,
    deviceGateways: () => [
      ...new Set(settings.listProfiles().map((p) => deviceGatewayUrl(p, localApi.baseUrl))),
    ],
    close: async () => {
      await services.me.close();
      services.routing.close();
      services.floor.close();
      active.close();
      await alerts.close();
      events.clear();
      await audit.close();
      await localApi.close();
    },
  };
}
