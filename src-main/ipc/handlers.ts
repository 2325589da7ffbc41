import type { ConsoleCore } from '../services/console-core';
import { SessionsService } from '../services/sessions';
import type { Requests } from '../shared/contract';
import type { Handlers } from './dispatcher';

/**
 * The table: one handler per capability of the contract, each a thin call into a service. Input is
 * already validated by the dispatcher; errors are mapped to `{code, message}` there too. Requests
 * that change something go through `change`: refused unless their profile is the active one.
 */
export function createHandlers(core: ConsoleCore): Handlers<Requests> {
  const sessions = new SessionsService(core);
  const change =
    <I extends { profileId: string }>(run: (input: I) => unknown) =>
    async (input: I): Promise<unknown> => {
      core.activeFor(input.profileId);
      return run(input);
    };
  return {
    'profiles:list': async () => core.profilesState(),
    'profiles:add': async (input) => {
      const profile = await core.profiles.addBandwidthProfile(input);
      core.announceProfiles();
      return profile;
    },
    'profiles:rename': async ({ profileId, name }) => {
      const profile = core.profiles.rename(profileId, name);
      core.announceProfiles();
      return profile;
    },
    'profiles:remove': ({ profileId }) => core.removeProfile(profileId),
    'profiles:select': async ({ profileId }) => core.selectProfile(profileId),

    'sessions:list': async () => sessions.list(),
    'sessions:create': change(({ tag }) => sessions.create(tag)),
    'sessions:watch': change(({ sessionId, label }) => sessions.watch(sessionId, label)),
    'sessions:discover': change(({ participantId }) => sessions.discover(participantId)),
    'sessions:unwatch': change(({ sessionId }) => sessions.unwatch(sessionId)),
    'sessions:delete': change(({ sessionId }) => sessions.delete(sessionId)),
    'sessions:focus': change(({ sessionId }) => sessions.focus(sessionId)),
    'sessions:refresh': ({ sessionId }) => sessions.refresh(sessionId),

    'participants:create': change(({ profileId: _, ...input }) =>
      sessions.createParticipant(input),
    ),
    'participants:add': change(({ sessionId, participantId }) =>
      sessions.addParticipant(sessionId, participantId),
    ),
    'participants:remove': change(({ sessionId, participantId }) =>
      sessions.removeParticipant(sessionId, participantId),
    ),
    'participants:delete': change(({ participantId }) => sessions.deleteParticipant(participantId)),
    'participants:setRole': change(({ participantId, role }) =>
      sessions.setRole(participantId, role),
    ),

    'routing:preview': async ({ sessionId, intent }) =>
      (await core.routing.active()).applier.preview(sessionId, intent),
    'routing:apply': change(({ sessionId, intent, durationMs, untilStopped, ...options }) =>
      core.routing.apply(
        sessionId,
        intent,
        durationMs ? { durationMs } : untilStopped ? { untilStopped: true } : undefined,
        {
          ...(options.confirmedViolations ? { confirmedViolations: true } : {}),
          ...(options.reason ? { reason: options.reason } : {}),
        },
      ),
    ),
    'routing:undo': change(async ({ sessionId }) =>
      (await core.routing.active()).applier.undo(sessionId),
    ),
    'routing:redo': change(async ({ sessionId, confirmedViolations }) =>
      (await core.routing.active()).applier.redo(
        sessionId,
        confirmedViolations ? { confirmedViolations } : {},
      ),
    ),
    'routing:history': async ({ sessionId }) =>
      (await core.routing.active()).applier.history(sessionId),
    'routing:timers': async () => (await core.routing.active()).timers.list(),
    'routing:stopTimer': change(async ({ timerId }) =>
      (await core.routing.active()).timers.stop(timerId),
    ),

    'audit:query': ({ filter }) => core.audit.query(filter),
    'audit:export': ({ format, filter }) => core.audit.export(format, filter),

    'settings:get': async () => ({ preferences: core.settings.getPreferences() }),
    'settings:update': async ({ preferences }) => {
      const patch = Object.fromEntries(
        Object.entries(preferences).filter(([, value]) => value !== undefined),
      );
      const updated = core.settings.updatePreferences(patch);
      core.applyPollPreferences();
      return { preferences: updated };
    },
  };
}
