import { join } from 'node:path';
import type { LiveSync } from '../live';
import {
  RoutingApplier,
  TimedRoutes,
  type AppliedChange,
  type ApplyOptions,
  type LiveLike,
  type TimedDuration,
  type TimedRouteEvent,
} from '../routing';
import type { Intent } from '../shared/routing';
import type { Role } from '../shared/routing/model';
import { suggestedRoles } from '../shared/roles';
import { printable } from '../shared/text';
import type { ConsoleCore, ActiveProfile } from './console-core';

export interface ProfileRouting {
  applier: RoutingApplier;
  timers: TimedRoutes;
}

/**
 * One applier and one set of timed routes per profile, created when the profile is first used and
 * kept while the console runs: a timed whisper started on one account still reverts after the
 * supervisor switches to another.
 */
export class RoutingService {
  readonly #byProfile = new Map<string, ProfileRouting>();

  constructor(
    private readonly core: ConsoleCore,
    private readonly dataDir: string,
    private readonly onTimerEvent: (event: TimedRouteEvent) => void,
  ) {}

  /** The active profile's routing; starts it (and restores its pending reverts) on first use. */
  async active(): Promise<ProfileRouting> {
    const active = this.core.active;
    const existing = this.#byProfile.get(active.profile.id);
    if (existing) return existing;
    const routing = this.build(active);
    this.#byProfile.set(active.profile.id, routing);
    const restored = await routing.timers.restore();
    const logs = this.core.scrubbing.logs;
    for (const warning of restored.warnings)
      console.warn(logs.text(`timed routes: ${printable(warning)}`));
    return routing;
  }

  /**
   * Applies an intent on the active profile (timed when `duration` is given) and answers with the
   * session's undo/redo state after it, so the renderer needs no second round trip.
   */
  async apply(
    sessionId: string,
    intent: Intent,
    duration: TimedDuration | undefined,
    options: Pick<ApplyOptions, 'confirmedViolations' | 'reason'>,
  ): Promise<AppliedChange> {
    const { applier, timers } = await this.active();
    const result = duration
      ? await timers.applyTimed(sessionId, intent, duration, options)
      : await applier.apply(sessionId, intent, options);
    return { ...result, history: applier.history(sessionId) };
  }

  close(): void {
    for (const routing of this.#byProfile.values()) routing.timers.close();
    this.#byProfile.clear();
  }

  private build(active: ActiveProfile): ProfileRouting {
    const { profile, client } = active;
    const settings = this.core.settings;
    // The profile's watchers are rebuilt when it becomes active again: always use the current ones.
    const current = (): LiveSync | undefined =>
      this.core.active.profile.id === profile.id ? this.core.active.live : undefined;
    const live: LiveLike = {
      expectSubscriptions: (s, p, subs) => current()?.expectSubscriptions(s, p, subs),
      expectMembership: (s, p, kind) => current()?.expectMembership(s, p, kind),
      settled: (s, p, change) => current()?.settled(s, p, change),
      refresh: async (s) => {
        const watchers = current();
        if (watchers?.isWatched(s)) await watchers.refresh(s);
      },
    };
    const applier = new RoutingApplier({
      client,
      audit: this.core.audit,
      live,
      profileId: profile.id,
      accountId: client.accountId,
      // Assigned roles; the applier reads the tags' suggestions from its own fresh read.
      roles: (): Record<string, Role> => settings.getParticipantRoles(profile.id),
      suggestRoles: suggestedRoles,
    });
    const timers = new TimedRoutes({ applier, dir: join(this.dataDir, 'routing', profile.id) });
    timers.on(this.onTimerEvent);
    return { applier, timers };
  }
}
