/**
 * Participants of the watched sessions: create (the token comes back to the caller for the one-time
 * dialog and is never kept here), add to and remove from a session, delete, and the role the
 * console remembers. Participants this console knows outside any session are offered for adding.
 */
import type { PatchbayBridge } from '../api';
import {
  MAX_PARTICIPANTS_PER_SESSION,
  type Participant,
  type PublishPermission,
} from '$shared/bandwidth-api';
import type { CreatedParticipant } from '$shared/contract';
import type { ParticipantView } from '$shared/dto/session-view';
import type { Role } from '$shared/routing';
import { shownRole } from '$shared/roles';
import { errorText } from '../errors';
import { fullReason } from '../format';
import { labelOf } from '../participants';
import { tagToSend } from '../tags';
import type { BusyStore } from './busy.svelte';
import type { SessionsStore } from './sessions.svelte';
import type { ToastsStore } from './toasts.svelte';

export type ParticipantsBridge = Pick<PatchbayBridge, 'participants' | 'sessions'>;
export type ParticipantForm = 'create' | 'add';

export interface NewParticipant {
  publishPermissions: PublishPermission[];
  tag: string;
  callbackUrl: string;
}

export class ParticipantsStore {
  /** Known here and in no watched session: created in this window, or removed from a session. */
  #known = $state<Participant[]>([]);
  #confirmedRoles = $state<Record<string, Role>>({});
  #formErrors = $state<Partial<Record<ParticipantForm, string>>>({});
  readonly #bridge: ParticipantsBridge;
  readonly #toasts: ToastsStore;
  readonly #busy: BusyStore;
  readonly #sessions: SessionsStore;
  #available = $derived.by(() => {
    // Nobody known outside the sessions (the usual case): the sessions' updates are not read.
    const known = this.#known;
    if (known.length === 0) return [];
    const inSessions = this.#sessions.sessions.flatMap((s) => s.participants.map((p) => p.id));
    return known.filter((p) => !inSessions.includes(p.id));
  });

  constructor(
    bridge: ParticipantsBridge,
    toasts: ToastsStore,
    busy: BusyStore,
    sessions: SessionsStore,
  ) {
    this.#bridge = bridge;
    this.#toasts = toasts;
    this.#busy = busy;
    this.#sessions = sessions;
  }

  /** Participants that can be added to a session from a list (never with their token). */
  get available(): readonly Participant[] {
    return this.#available;
  }
  formError(form: ParticipantForm): string | null {
    return this.#formErrors[form] ?? null;
  }
  clearFormError(form: ParticipantForm): void {
    if (this.#formErrors[form] === undefined) return;
    const { [form]: _cleared, ...rest } = this.#formErrors;
    this.#formErrors = rest;
  }
  /** True when the role shown was chosen in this window (not only suggested by the tag). */
  isRoleConfirmed(participantId: string): boolean {
    return this.#confirmedRoles[participantId] !== undefined;
  }

  /**
   * Creates a participant and, with `addTo`, adds it to that session. Resolves with the create
   * response (token included) for the caller to show once; null when creation failed.
   */
  async create(input: NewParticipant, addTo?: string): Promise<CreatedParticipant | null> {
    this.clearFormError('create');
    const tag = tagToSend(input.tag);
    const callbackUrl = input.callbackUrl.trim();
    const profileId = this.#sessions.profileId;
    const result = await this.#busy.run('participant-create', 'Creating participant…', () =>
      this.#bridge.participants.create({
        profileId,
        publishPermissions: input.publishPermissions,
        ...(tag === undefined ? {} : { tag }),
        ...(callbackUrl === '' ? {} : { callbackUrl }),
      }),
    );
    if (!result.ok) {
      this.#formErrors = { ...this.#formErrors, create: errorText(result.error) };
      return null;
    }
    const { participant } = result.value;
    this.#known = [...this.#known, { ...participant }];
    if (addTo === undefined) {
      this.#toasts.success(`Created participant ${participant.id}.`);
    } else if (!(await this.add(addTo, participant.id))) {
      this.#toasts.error(
        `Created participant ${participant.id}, but could not add it to the session: ${this.formError('add') ?? 'unknown error'}`,
      );
    }
    return result.value;
  }

  async add(sessionId: string, participantId: string): Promise<boolean> {
    this.clearFormError('add');
    const id = participantId.trim();
    const session = this.#sessions.find(sessionId);
    const full = session ? fullReason(session) : null;
    if (full !== null) {
      this.#formErrors = { ...this.#formErrors, add: full };
      return false;
    }
    const profileId = this.#sessions.profileId;
    const result = await this.#busy.run(
      'participant-add',
      'Adding participant to the session…',
      () => this.#bridge.participants.add({ profileId, sessionId, participantId: id }),
    );
    if (!result.ok) {
      const text =
        result.error.code === 'session-full' ? result.error.message : errorText(result.error);
      this.#formErrors = { ...this.#formErrors, add: text };
      return false;
    }
    this.#sessions.upsert(result.value, true);
    this.#toasts.success(
      `Added ${labelOf(result.value, id)} to “${result.value.label}” (${result.value.participants.length} of ${MAX_PARTICIPANTS_PER_SESSION}).`,
    );
    return true;
  }

  async remove(sessionId: string, participantId: string): Promise<boolean> {
    const session = this.#sessions.find(sessionId);
    const member = session?.participants.find((p) => p.id === participantId);
    const label = session ? labelOf(session, participantId) : participantId;
    const profileId = this.#sessions.profileId;
    const result = await this.#busy.run(
      `participant-remove:${participantId}`,
      'Removing participant from the session…',
      () => this.#bridge.participants.remove({ profileId, sessionId, participantId }),
    );
    if (!result.ok) {
      this.#toasts.error(result.error);
      return false;
    }
    this.#sessions.upsert(result.value);
    if (member && !this.#known.some((p) => p.id === participantId)) {
      const { role: _role, ...participant } = member;
      this.#known = [...this.#known, { ...participant, sessions: [] }];
    }
    this.#toasts.success(
      `Removed ${label} from the session. The participant still exists and can be added again.`,
    );
    return true;
  }

  async delete(participantId: string, sessionId?: string): Promise<boolean> {
    const session = sessionId === undefined ? undefined : this.#sessions.find(sessionId);
    const label = session ? labelOf(session, participantId) : participantId;
    const profileId = this.#sessions.profileId;
    const result = await this.#busy.run(
      `participant-delete:${participantId}`,
      'Deleting participant…',
      () => this.#bridge.participants.delete({ profileId, participantId }),
    );
    if (!result.ok) {
      this.#toasts.error(result.error);
      return false;
    }
    this.#known = this.#known.filter((p) => p.id !== participantId);
    if (session) {
      this.#sessions.patch(session.id, (view) => ({
        ...view,
        participants: view.participants.filter((p) => p.id !== participantId),
      }));
      // The next poll would show it too; asking now keeps the page honest at once.
      void this.#sessions.refresh(session.id);
    }
    this.#toasts.success(`Deleted participant ${label}.`);
    return true;
  }

  /** Remembers a role (per profile, in main); null forgets it and falls back to the tag's suggestion. */
  async setRole(sessionId: string, participantId: string, role: Role | null): Promise<boolean> {
    const session = this.#sessions.find(sessionId);
    const member = session?.participants.find((p) => p.id === participantId);
    const before = member?.role ?? null;
    const beforeSource = member?.roleSource ?? null;
    const wasConfirmed = this.#confirmedRoles[participantId];
    const shown = shownRole(role, member?.tag, member?.directoryRole);
    const profileId = this.#sessions.profileId;
    this.#setLocalRole(sessionId, participantId, shown.role, shown.source, role);
    const result = await this.#busy.run(`participant-role:${participantId}`, 'Saving role…', () =>
      this.#bridge.participants.setRole({ profileId, participantId, role }),
    );
    if (!result.ok) {
      this.#setLocalRole(sessionId, participantId, before, beforeSource, wasConfirmed ?? null);
      this.#toasts.error(result.error);
      return false;
    }
    return true;
  }

  #setLocalRole(
    sessionId: string,
    participantId: string,
    shown: Role | null,
    roleSource: ParticipantView['roleSource'],
    confirmed: Role | null,
  ): void {
    this.#sessions.patch(sessionId, (view) => ({
      ...view,
      participants: view.participants.map((p) =>
        p.id === participantId ? { ...p, role: shown, roleSource } : p,
      ),
    }));
    const { [participantId]: _previous, ...rest } = this.#confirmedRoles;
    this.#confirmedRoles = confirmed === null ? rest : { ...rest, [participantId]: confirmed };
  }
}
