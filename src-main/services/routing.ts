import { join } from 'node:path';
import type { LiveSync } from '../live';
import {
  RoutingApplier,
  TimedRoutes,
  type ApplyResult,
  type AuditLike,
  type HistoryState,
  type LiveLike,
  type PreviewResult,
  type AppliedChange,
  type TimedRouteView,
  type TimerOutcome,
} from '../routing';
import type { SettingsStore } from '../settings';
import type { ReadFailure } from '../shared/dto/routing';
import type { Intent } from '../shared/routing';
import type { Role } from '../shared/routing/model';
import { assignedRoles } from '../directory/roles';
import { suggestedRoles } from '../shared/roles';
import { printable } from '../shared/text';
import type { ActiveAccount, ActiveProfile } from './active-account';
import { TypedEmitter, type ConsoleEvents } from './emitter';
import { directoryCallOf, directoryPeople, type DirectoryPeople } from './session-views';

export interface RoutingServiceDeps {
  active: ActiveAccount;
  settings: SettingsStore;
  audit: AuditLike;
  /** Each profile's pending timed routes live in `<dir>/<profileId>/`. */
  dir: string;
  /** Where warnings about the pending timed routes go (the console, through the log scrubber). */
  warn: (text: string) => void;
}

/** How a change is applied: now for good, for a while, or until stopped. */
export interface RoutingApplyOptions {
  confirmedViolations?: boolean | undefined;
  reason?: string | undefined;
  /** A timed route: reverted automatically after this long (ms). */
  durationMs?: number | undefined;
  /** A timed route reverted when stopped. */
  untilStopped?: boolean | undefined;
}

interface ProfileRouting {
  applier: RoutingApplier;
  timers: TimedRoutes;
}

/**
 * An ended call is read-only: a change, undo or redo on a session its watcher saw end is refused
 * here, before any API call, with words that say so.
 */
function endedRefusal(active: ActiveProfile, sessionId: string): ReadFailure | null {
  if (active.live.snapshot(sessionId)?.state !== 'ended') return null;
  return {
    ok: false,
    code: 'read-failed',
    ended: true,
    rolledBack: false,
    message: 'This call has ended: its routing can no longer be changed. Nothing was sent.',
  };
}

/**
 * Routing changes of the active profile: previews, applies (immediate or timed), undo and redo,
 * and the timed routes, announced as `routing:timer`. One applier and one set of timed routes per
 * profile, created when the profile is first used and kept while the console runs: a timed whisper
 * started on one account still reverts after the supervisor switches to another.
 */
export class RoutingService {
  readonly events = new TypedEmitter<Pick<ConsoleEvents, 'routing:timer'>>();
  readonly #deps: RoutingServiceDeps;
  readonly #byProfile = new Map<string, ProfileRouting>();

  constructor(deps: RoutingServiceDeps) {
    this.#deps = deps;
  }

  async preview(sessionId: string, intent: Intent): Promise<PreviewResult> {
    return (await this.#current()).applier.preview(sessionId, intent);
  }

  /**
   * Applies an intent on the given profile (timed when asked) and answers with the session's
   * undo/redo state after it, so the renderer needs no second round trip.
   */
  async apply(
    profileId: string,
    sessionId: string,
    intent: Intent,
    how: RoutingApplyOptions = {},
  ): Promise<AppliedChange> {
    const active = this.#deps.active.for(profileId);
    const { applier, timers } = await this.#of(active);
    const ended = endedRefusal(active, sessionId);
    if (ended) return { ...ended, history: applier.history(sessionId) };
    const options = {
      ...(how.confirmedViolations ? { confirmedViolations: true } : {}),
      ...(how.reason ? { reason: how.reason } : {}),
    };
    const result = how.durationMs
      ? await timers.applyTimed(sessionId, intent, { durationMs: how.durationMs }, options)
      : how.untilStopped
        ? await timers.applyTimed(sessionId, intent, { untilStopped: true }, options)
        : await applier.apply(sessionId, intent, options);
    return { ...result, history: applier.history(sessionId) };
  }

  async undo(
    profileId: string,
    sessionId: string,
    confirmedViolations?: boolean,
  ): Promise<ApplyResult> {
    return this.#step('undo', profileId, sessionId, confirmedViolations);
  }

  async redo(
    profileId: string,
    sessionId: string,
    confirmedViolations?: boolean,
  ): Promise<ApplyResult> {
    return this.#step('redo', profileId, sessionId, confirmedViolations);
  }

  /** Undo or redo: refused on an ended call first; a risky result goes only when confirmed. */
  async #step(
    step: 'undo' | 'redo',
    profileId: string,
    sessionId: string,
    confirmedViolations?: boolean,
  ): Promise<ApplyResult> {
    const active = this.#deps.active.for(profileId);
    const ended = endedRefusal(active, sessionId);
    if (ended) return ended;
    const { applier } = await this.#of(active);
    return applier[step](sessionId, confirmedViolations ? { confirmedViolations } : {});
  }

  async history(sessionId: string): Promise<HistoryState> {
    return (await this.#current()).applier.history(sessionId);
  }

  async timers(): Promise<TimedRouteView[]> {
    return (await this.#current()).timers.list();
  }

  async stopTimer(profileId: string, timerId: string): Promise<TimerOutcome> {
    return (await this.#of(this.#deps.active.for(profileId))).timers.stop(timerId);
  }

  close(): void {
    for (const routing of this.#byProfile.values()) routing.timers.close();
    this.#byProfile.clear();
  }

  #current(): Promise<ProfileRouting> {
    return this.#of(this.#deps.active.current);
  }

  /** A profile's routing; starts it (and restores its pending reverts) on first use. */
  async #of(active: ActiveProfile): Promise<ProfileRouting> {
    const existing = this.#byProfile.get(active.profile.id);
    if (existing) return existing;
    const routing = this.#build(active);
    this.#byProfile.set(active.profile.id, routing);
    const restored = await routing.timers.restore();
    for (const warning of restored.warnings) this.#deps.warn(`timed routes: ${printable(warning)}`);
    return routing;
  }

  #build({ profile, client }: ActiveProfile): ProfileRouting {
    const { active, settings, audit } = this.#deps;
    // The profile's watchers are rebuilt when it becomes active again: always use the current ones.
    const current = (): LiveSync | undefined =>
      active.current.profile.id === profile.id ? active.current.live : undefined;
    const directory = (): ActiveProfile['directory'] =>
      active.current.profile.id === profile.id ? active.current.directory : undefined;
    const people = (sessionId: string): DirectoryPeople =>
      directoryPeople(directoryCallOf(directory(), sessionId));
    const live: LiveLike = {
      expectSubscriptions: (s, p, subs) => current()?.expectSubscriptions(s, p, subs),
      expectMembership: (s, p, kind) => current()?.expectMembership(s, p, kind),
      settled: (s, p, change, applied) => current()?.settled(s, p, change, applied),
      refresh: async (s) => {
        const watchers = current();
        if (watchers?.isWatched(s)) await watchers.refresh(s);
      },
    };
    const applier = new RoutingApplier({
      client,
      audit,
      live,
      profileId: profile.id,
      accountId: client.accountId,
      // Assigned roles: the call directory's, then the console's (which win); the applier reads
      // the tags' suggestions from its own fresh read.
      roles: (sessionId): Record<string, Role> =>
        assignedRoles(directory()?.snapshot, settings.getParticipantRoles(profile.id), sessionId),
      suggestRoles: suggestedRoles,
      names: (sessionId) => people(sessionId).names,
    });
    const timers = new TimedRoutes({ applier, dir: join(this.#deps.dir, profile.id) });
    timers.on((event) => this.events.emit('routing:timer', event));
    return { applier, timers };
  }
}
