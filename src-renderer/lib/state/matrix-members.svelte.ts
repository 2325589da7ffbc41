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
import { sessionLabels } from '$shared/routing';
import { shownRole } from '$shared/roles';
import type { SessionView } from '$shared/dto/session-view';
import { errorText } from '../errors';
import { defaultRoutingIntents, planLocally, withMember } from '../matrix/changes';
import { uniqueExcept } from '../matrix/sets';
import { ROLE_NAMES } from '../matrix/words';
import type { Announcer } from './matrix-announcer.svelte';
import type { MatrixChanges } from './matrix-changes.svelte';

export type RoleSetter = (participantId: string, role: Role | null) => Promise<boolean>;

export interface TrayEntry {
  readonly id: string;
  readonly tag?: string | undefined;
  readonly publishPermissions: readonly PublishPermission[];
  /** null: none known here (the tag may suggest one). */
  readonly role: Role | null;
  /** `role` is only what the tag suggests. */
  readonly roleSuggested?: boolean;
}

export interface MembersHost {
  readonly bridge: Pick<PatchbayBridge, 'participants'>;
  readonly sessionId: string;
  /** The profile the session belongs to (joins and removals are refused once another is active). */
  readonly profileId: string;
  view(): SessionView;
  /** What the matrix shows (pending changes included). */
  display(): RoutingSession;
  /** Participants the console knows outside any session. */
  available(): readonly Participant[];
  /** Remembers a role (main keeps it per profile); false when it was not saved. */
  readonly setRole: RoleSetter;
  label(id: string): string;
  onSessionView(view: SessionView): void;
  /** A member left: forget what pointed at it (selection). */
  onRemoved(): void;
}

export class MatrixMembers {
  #trayLocal = $state.raw<readonly TrayEntry[]>([]);
  #removing = $state<string | null>(null);
  readonly #host: MembersHost;
  readonly #changes: MatrixChanges;
  readonly #announcer: Announcer;
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

  constructor(host: MembersHost, changes: MatrixChanges, announcer: Announcer) {
    this.#host = host;
    this.#changes = changes;
    this.#announcer = announcer;
  }

  #known(): readonly Participant[] {
    return this.#host.available();
  }
  #memberIds(): string[] {
    return this.#host.view().participants.map((p) => p.id);
  }

  get tray(): readonly TrayEntry[] {
    return this.#tray;
  }
  get full(): boolean {
    return this.#host.view().participants.length >= MAX_PARTICIPANTS_PER_SESSION;
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
    };
    const session = withMember(this.#host.display(), member);
    const name = sessionLabels(session).get(entry.id) ?? entry.id;
    const intents = defaultRoutingIntents(session, entry.id);
    const planned = planLocally(session, intents);
    if (!planned.ok) {
      this.#changes.tell({ kind: 'warning', title: 'Not possible', message: planned.message });
      return;
    }
    const bridge = this.#host.bridge;
    const { sessionId, profileId } = this.#host;
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
          this.#host.onSessionView(result.value);
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
          this.#host.onSessionView(result.value);
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
    const member = this.#host.view().participants.find((p) => p.id === participantId);
    const label = this.#host.label(participantId);
    const result = await this.#host.bridge.participants.remove({
      profileId: this.#host.profileId,
      sessionId: this.#host.sessionId,
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
      };
      this.#trayLocal = [...this.#trayLocal.filter((e) => e.id !== member.id), entry];
    }
    this.#host.onSessionView(result.value);
    this.#host.onRemoved();
    this.#announcer.say(
      `Removed ${label} from the session; it is in the tray and can be added again.`,
    );
    return true;
  }

  /** Assigns (or clears) a member's role; said once it is saved. */
  async setRole(participantId: string, role: Role | null): Promise<boolean> {
    const saved = await this.#host.setRole(participantId, role);
    if (saved) {
      const name = role ? ROLE_NAMES[role].toLowerCase() : 'unassigned';
      this.#announcer.say(`${this.#host.label(participantId)} is now ${name}.`);
    }
    return saved;
  }
}
