/**
 * Membership from the matrix: the participant tray (participants this console knows outside the
 * session) and its two gestures — bringing one in with its role's usual routing, and taking a
 * member out (after a confirmation) into the tray. Joining and its routing are one change: if the
 * routing fails, the newcomer is taken out again. Roles assigned from the matrix (customer, agent,
 * supervisor, other) go through the session page's store, which shows them at once.
 */
import type { PatchbayBridge } from '../api';
import {
  MAX_PARTICIPANTS_PER_SESSION,
  type Participant,
  type PublishPermission,
} from '$shared/bandwidth-api';
import type { Role, RoutingSession } from '$shared/routing';
import { sessionLabels, withSubscriptions } from '$shared/routing';
import { shownRole } from '$shared/roles';
import type { SessionView } from '$shared/dto/session-view';
import { errorText } from '../errors';
import { defaultRoutingIntents, planLocally, withMember } from '../matrix/changes';
import { routingOf } from '$shared/routing';
import { uniqueExcept } from '../matrix/sets';
import { ROLE_NAMES } from '../matrix/words';
import type { MatrixChanges } from './matrix-changes.svelte';
import type { GridState } from './matrix-grid.svelte';

export type RoleSetter = (participantId: string, role: Role | null) => Promise<boolean>;

export interface TrayEntry {
  readonly id: string;
  readonly tag?: string | undefined;
  readonly publishPermissions: readonly PublishPermission[];
  /** null: none known here (the tag may suggest one). */
  readonly role: Role | null;
  /** `role` is only what the tag suggests. */
  readonly roleSuggested?: boolean;
  /** The person's name from the call directory, kept when a member goes to the tray. */
  readonly displayName?: string | undefined;
}

export interface MembersDeps {
  readonly bridge: Pick<PatchbayBridge, 'participants'>;
  readonly sessionId: string;
  /** The profile the session belongs to (joins and removals are refused once another is active). */
  readonly profileId: string;
  view(): SessionView;
  /** Participants the console knows outside any session. */
  available(): readonly Participant[];
  /** Remembers a role (main keeps it per profile); false when it was not saved. */
  readonly setRole: RoleSetter;
  onSessionView(view: SessionView): void;
}

export class MatrixMembers {
  #trayLocal = $state.raw<readonly TrayEntry[]>([]);
  #removing = $state<string | null>(null);
  readonly #deps: MembersDeps;
  readonly #changes: MatrixChanges;
  readonly #grid: GridState;
  /** Removed here first, then the ones the console knows outside any session; never members. */
  #tray = $derived(
    uniqueExcept(
      [
        ...this.#trayLocal,
        ...this.#known().map((p): TrayEntry => ({
          id: p.id,
          tag: p.tag,
          publishPermissions: p.publishPermissions ?? [],
          role: null,
        })),
      ],
      this.#memberIds(),
    ),
  );

  /** Changes are proposed through `changes`; a removal prunes `grid`'s selection. */
  constructor(deps: MembersDeps, changes: MatrixChanges, grid: GridState) {
    this.#deps = deps;
    this.#changes = changes;
    this.#grid = grid;
  }

  /** What the matrix shows (pending changes included). */
  #display(): RoutingSession {
    return withSubscriptions(routingOf(this.#deps.view()), this.#changes.pendingSubscriptions);
  }
  #label(id: string): string {
    return sessionLabels(this.#display()).get(id) ?? `Participant ${id.slice(0, 4)}`;
  }

  #known(): readonly Participant[] {
    return this.#deps.available();
  }
  #memberIds(): string[] {
    return this.#deps.view().participants.map((p) => p.id);
  }

  get tray(): readonly TrayEntry[] {
    return this.#tray;
  }
  get full(): boolean {
    return this.#deps.view().participants.length >= MAX_PARTICIPANTS_PER_SESSION;
  }
  /** The member whose removal is being confirmed. */
  get removing(): string | null {
    return this.#removing;
  }

  requestRemove(participantId: string): void {
    if (this.#memberIds().includes(participantId)) this.#removing = participantId;
  }

  add(participantId: string): void {
    const entry = this.#tray.find((e) => e.id === participantId);
    if (!entry) return;
    if (this.full) {
      this.#changes.tell({
        kind: 'warning',
        title: 'The session is full',
        message: `This session has ${MAX_PARTICIPANTS_PER_SESSION} participants, the most Bandwidth allows. Remove someone before adding another.`,
      });
      return;
    }
    const shown = shownRole(entry.role, entry.tag);
    const role: Role = shown.role ?? 'other';
    const member = {
      id: entry.id,
      tag: entry.tag,
      role,
      roleSuggested: shown.source === 'suggested' || entry.roleSuggested === true,
      publishPermissions: entry.publishPermissions,
      displayName: entry.displayName,
    };
    const session = withMember(this.#display(), member);
    const name = sessionLabels(session).get(entry.id) ?? entry.id;
    const intents = defaultRoutingIntents(session, entry.id);
    const planned = planLocally(session, intents);
    if (!planned.ok) {
      this.#changes.tell({ kind: 'warning', title: 'Not possible', message: planned.message });
      return;
    }
    const bridge = this.#deps.bridge;
    const { sessionId, profileId } = this.#deps;
    this.#changes.propose(
      {
        intents,
        label: `Add ${name} to the session with the ${ROLE_NAMES[role].toLowerCase()}’s usual routing`,
        source: 'add',
        duration: 'none',
        extraLines: [`${name} joins the session`],
        extraCalls: 2,
        prepare: async () => {
          const result = await bridge.participants.add({
            profileId,
            sessionId,
            participantId: entry.id,
          });
          if (!result.ok) return { ok: false, message: errorText(result.error) };
          this.#trayLocal = this.#trayLocal.filter((e) => e.id !== entry.id);
          this.#deps.onSessionView(result.value);
          return { ok: true };
        },
        unprepare: async () => {
          const result = await bridge.participants.remove({
            profileId,
            sessionId,
            participantId: entry.id,
          });
          if (!result.ok)
            return `${name} is still in the session, hearing nobody: ${errorText(result.error)}`;
          this.#trayLocal = [...this.#trayLocal, entry];
          this.#deps.onSessionView(result.value);
          return `${name} was taken out of the session again.`;
        },
      },
      planned.plan,
    );
  }

  cancelRemove(): void {
    this.#removing = null;
  }

  async confirmRemove(): Promise<boolean> {
    const participantId = this.#removing;
    if (!participantId) return false;
    const member = this.#deps.view().participants.find((p) => p.id === participantId);
    const label = this.#label(participantId);
    const result = await this.#deps.bridge.participants.remove({
      profileId: this.#deps.profileId,
      sessionId: this.#deps.sessionId,
      participantId,
    });
    this.#removing = null;
    if (!result.ok) {
      this.#changes.tell({
        kind: 'error',
        title: `${label} was not removed`,
        message: errorText(result.error),
      });
      return false;
    }
    if (member) {
      const entry: TrayEntry = {
        id: member.id,
        tag: member.tag,
        publishPermissions: member.publishPermissions ?? [],
        role: member.role,
        roleSuggested: member.roleSource === 'suggested',
        displayName: member.displayName,
      };
      this.#trayLocal = [...this.#trayLocal.filter((e) => e.id !== member.id), entry];
    }
    this.#deps.onSessionView(result.value);
    this.#grid.prune();
    this.#changes.say(
      `Removed ${label} from the session; it is in the tray and can be added again.`,
    );
    return true;
  }

  /** Assigns (or clears) a member's role; said once it is saved. */
  async setRole(participantId: string, role: Role | null): Promise<boolean> {
    const saved = await this.#deps.setRole(participantId, role);
    if (saved) {
      const name = role ? ROLE_NAMES[role].toLowerCase() : 'unassigned';
      this.#changes.say(`${this.#label(participantId)} is now ${name}.`);
    }
    return saved;
  }
}
