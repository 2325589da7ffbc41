/**
 * Roles assigned from the matrix (customer, agent, supervisor, other): remembered by main per
 * profile, used by presets and guardrails. Through the session page's store when it has one (it
 * shows the role at once); otherwise through the bridge, with the role shown here until main's
 * view of the session carries it.
 */
import type { PatchbayBridge } from '../api';
import type { Role } from '$shared/routing';
import type { SessionView } from '$shared/dto/session-view';
import { errorText } from '../errors';
import type { Banner } from '../matrix/requests';
import { ROLE_NAMES } from '../matrix/words';
import type { Announcer } from './matrix-announcer.svelte';

export type RoleSetter = (participantId: string, role: Role | null) => Promise<boolean>;

export interface RolesHost {
  readonly bridge: Pick<PatchbayBridge, 'participants'>;
  /** The profile the roles are remembered for (refused once another one is active). */
  readonly profileId: string;
  setter(): RoleSetter | undefined;
  label(id: string): string;
  tell(banner: Banner): void;
}

export class MatrixRoles {
  #overrides = $state.raw<Readonly<Record<string, Role | null>>>({});
  readonly #host: RolesHost;
  readonly #announcer: Announcer;

  constructor(host: RolesHost, announcer: Announcer) {
    this.#host = host;
    this.#announcer = announcer;
  }

  /** Roles set here that main's view does not show yet. */
  get overrides(): Readonly<Record<string, Role | null>> {
    return this.#overrides;
  }

  /** main's view caught up: its roles win again. */
  observed(view: SessionView): void {
    const entries = Object.entries(this.#overrides);
    const kept = entries.filter(
      ([id, role]) => view.participants.find((p) => p.id === id)?.role !== role,
    );
    if (kept.length !== entries.length) this.#overrides = Object.fromEntries(kept);
  }

  async set(participantId: string, role: Role | null): Promise<boolean> {
    const label = this.#host.label(participantId);
    const said = `${label} is now ${role ? ROLE_NAMES[role].toLowerCase() : 'unassigned'}.`;
    const setter = this.#host.setter();
    if (setter) {
      const saved = await setter(participantId, role);
      if (saved) this.#announcer.say(said);
      return saved;
    }
    const before = this.#overrides;
    this.#overrides = { ...before, [participantId]: role };
    const result = await this.#host.bridge.participants.setRole({
      profileId: this.#host.profileId,
      participantId,
      role,
    });
    if (!result.ok) {
      this.#overrides = before;
      this.#host.tell({
        kind: 'error',
        title: 'The role was not saved',
        message: errorText(result.error),
      });
      return false;
    }
    this.#announcer.say(said);
    return true;
  }
}
