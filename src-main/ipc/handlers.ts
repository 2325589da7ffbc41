import type { AuditLog } from '../audit';
import type { MeService } from '../services/me';
import type { AlertsService } from '../services/alerts';
import type { FloorService } from '../services/floor';
import type { PreferencesService } from '../services/preferences';
import type { ProfilesService } from '../services/profiles';
import type { RoutingService } from '../services/routing';
import type { SessionsService } from '../services/sessions';
import type { Requests } from './schemas';
import type { Handlers } from './dispatcher';

/** What the handlers call. */
export interface HandlerServices {
  profiles: ProfilesService;
  sessions: SessionsService;
  floor: FloorService;
  routing: RoutingService;
  audit: Pick<AuditLog, 'query' | 'export'>;
  preferences: PreferencesService;
  me: MeService;
  alerts: AlertsService;
}

/**
 * The table: one handler per capability of the contract, each one call into a service. Input is
 * already validated by the dispatcher; errors are mapped to `{code, message}` there too. The
 * services decide the rest (a request that changes something names its profile, and the service
 * refuses it when another profile is active).
 */
export function createHandlers(services: HandlerServices): Handlers<Requests> {
  const { profiles, sessions, floor, routing, audit, preferences, me, alerts } = services;
  return {
    'profiles:list': async () => profiles.state(),
    'profiles:add': (input) => profiles.add(input),
    'profiles:rename': async ({ profileId, name }) => profiles.rename(profileId, name),
    'profiles:remove': ({ profileId }) => profiles.remove(profileId),
    'profiles:select': async ({ profileId }) => profiles.select(profileId),
    'profiles:setSupervisor': async ({ profileId, displayName }) =>
      profiles.setSupervisor(profileId, displayName),
    'profiles:setDeviceGateway': async ({ profileId, url }) =>
      profiles.setDeviceGateway(profileId, url),

    'floor:get': async () => floor.state(),

    'sessions:list': async () => sessions.list(),
    'sessions:create': ({ profileId, tag }) => sessions.create(profileId, tag),
    'sessions:watch': ({ profileId, sessionId, label }) =>
      sessions.watch(profileId, sessionId, label),
    'sessions:discover': ({ profileId, participantId }) =>
      sessions.discover(profileId, participantId),
    'sessions:unwatch': async ({ profileId, sessionId }) => sessions.unwatch(profileId, sessionId),
    'sessions:delete': ({ profileId, sessionId }) => sessions.delete(profileId, sessionId),
    'sessions:focus': async ({ profileId, sessionId }) => sessions.focus(profileId, sessionId),
    'sessions:refresh': ({ sessionId }) => sessions.refresh(sessionId),

    'participants:create': ({ profileId, ...input }) =>
      sessions.createParticipant(profileId, input),
    'participants:add': ({ profileId, sessionId, participantId }) =>
      sessions.addParticipant(profileId, sessionId, participantId),
    'participants:remove': ({ profileId, sessionId, participantId }) =>
      sessions.removeParticipant(profileId, sessionId, participantId),
    'participants:delete': ({ profileId, participantId }) =>
      sessions.deleteParticipant(profileId, participantId),
    'participants:setRole': async ({ profileId, participantId, role }) =>
      sessions.setRole(profileId, participantId, role),

    'routing:preview': ({ sessionId, intent }) => routing.preview(sessionId, intent),
    'routing:apply': ({ profileId, sessionId, intent, ...how }) =>
      routing.apply(profileId, sessionId, intent, how),
    'routing:undo': ({ profileId, sessionId, confirmedViolations }) =>
      routing.undo(profileId, sessionId, confirmedViolations),
    'routing:redo': ({ profileId, sessionId, confirmedViolations }) =>
      routing.redo(profileId, sessionId, confirmedViolations),
    'routing:history': ({ sessionId }) => routing.history(sessionId),
    'routing:timers': () => routing.timers(),
    'routing:stopTimer': ({ profileId, timerId }) => routing.stopTimer(profileId, timerId),

    'me:state': async () => me.state(),
    'me:act': ({ profileId, sessionId, mode, confirmed }) =>
      me.act(profileId, sessionId, mode, confirmed),
    'me:leave': ({ profileId }) => me.leave(profileId),
    'me:audio': async ({ profileId }) => me.audioGrant(profileId),
    'alerts:list': async () => alerts.list(),
    'alerts:acknowledge': ({ profileId, alertId }) => alerts.acknowledge(profileId, alertId),
    'alerts:decide': ({ profileId, sessionId, participantId, decision }) =>
      alerts.decide(profileId, sessionId, participantId, decision),

    'audit:query': ({ filter }) => audit.query(filter),
    'audit:export': ({ format, filter }) => audit.export(format, filter),

    'settings:get': async () => preferences.get(),
    'settings:update': async ({ preferences: patch }) => preferences.update(patch),
  };
}
