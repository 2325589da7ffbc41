/**
 * Profiles: the built-in Local demo and Bandwidth accounts. Adding verifies the credentials in main
 * (401, 403, network and keychain failures come back as specific codes) and puts every validation
 * error next to its field, all at once. The password is handed to main and never kept here (the
 * form keeps what was typed until the account is added, so a failed check can be corrected).
 */
import type { PatchbayBridge } from '../api';
import type { ProfileView, ProfilesState } from '$shared/contract';
import { gatewayNeedingReload, gatewaysOf } from '../device-gateway';
import { errorText, profileFieldErrors, technicalDetail, type ProfileField } from '../errors';
import type { BusyStore } from './busy.svelte';
import type { ToastsStore } from './toasts.svelte';

export type ProfilesBridge = Pick<PatchbayBridge, 'profiles'>;

export interface NewProfile {
  name: string;
  accountId: string;
  username: string;
  password: string;
  /** Empty: the production API. */
  baseUrl: string;
  /** Empty: Bandwidth's device gateway. */
  deviceGatewayUrl: string;
}

export type ProfileFieldErrors = Partial<Record<ProfileField, string>>;

export class ProfilesStore {
  #profiles = $state<ProfileView[]>([]);
  #activeId = $state('');
  #loaded = $state(false);
  #loadError = $state<string | null>(null);
  #fieldErrors = $state<ProfileFieldErrors>({});
  #formError = $state<string | null>(null);
  #formDetail = $state<string | null>(null);
  #renameErrors = $state<Record<string, string>>({});
  #gatewayErrors = $state<Record<string, string>>({});
  #active = $derived(this.#profiles.find((p) => p.id === this.#activeId) ?? null);
  /** The device gateways this window's CSP allows: those of the first list it received. */
  #gatewaysAtLoad = $state.raw<ReadonlySet<string> | null>(null);
  #gatewayNeedingReload = $derived(gatewayNeedingReload(this.#active, this.#gatewaysAtLoad));
  /** Plain callbacks, not state: nothing renders them. */
  #listeners: ((profileId: string) => void)[] = [];

  readonly #bridge: ProfilesBridge;
  readonly #toasts: ToastsStore;
  readonly #busy: BusyStore;

  constructor(bridge: ProfilesBridge, toasts: ToastsStore, busy: BusyStore) {
    this.#bridge = bridge;
    this.#toasts = toasts;
    this.#busy = busy;
  }

  get profiles(): readonly ProfileView[] {
    return this.#profiles;
  }
  get activeId(): string {
    return this.#activeId;
  }
  get active(): ProfileView | null {
    return this.#active;
  }
  get loaded(): boolean {
    return this.#loaded;
  }
  get loadError(): string | null {
    return this.#loadError;
  }
  /** Validation errors of the add form, by field. */
  get fieldErrors(): ProfileFieldErrors {
    return this.#fieldErrors;
  }
  /** An add failure that belongs to no single field (401, 403, network, keychain). */
  get formError(): string | null {
    return this.#formError;
  }
  /** The technical text behind the form error (what the keychain layer said), for "details". */
  get formDetail(): string | null {
    return this.#formDetail;
  }
  /** The active profile's device gateway when this window must reload to reach it, else null. */
  get gatewayNeedingReload(): string | null {
    return this.#gatewayNeedingReload;
  }
  renameError(profileId: string): string | null {
    return this.#renameErrors[profileId] ?? null;
  }
  /** Why the profile's device gateway was not saved (shown at the field), or null. */
  gatewayError(profileId: string): string | null {
    return this.#gatewayErrors[profileId] ?? null;
  }
  isBuiltIn(profile: ProfileView): boolean {
    return profile.kind === 'local';
  }

  /** Called with the new active profile id whenever it changes (here or in another window). */
  onActiveChange(listener: (profileId: string) => void): () => void {
    this.#listeners = [...this.#listeners, listener];
    return () => {
      this.#listeners = this.#listeners.filter((l) => l !== listener);
    };
  }

  /** Loads the list and follows changes made elsewhere; returns the unsubscribe. */
  connect(): () => void {
    const off = this.#bridge.profiles.onChanged((state) => this.#apply(state));
    void this.load();
    return off;
  }

  async load(): Promise<void> {
    const result = await this.#bridge.profiles.list({});
    if (result.ok) {
      this.#loadError = null;
      this.#apply(result.value);
    } else {
      this.#loadError = errorText(result.error);
      this.#toasts.error(result.error);
    }
    this.#loaded = true;
  }

  clearAddErrors(field?: ProfileField): void {
    if (field === undefined) {
      this.#fieldErrors = {};
      this.#formError = null;
      this.#formDetail = null;
    } else if (this.#fieldErrors[field] !== undefined) {
      const { [field]: _dropped, ...rest } = this.#fieldErrors;
      this.#fieldErrors = rest;
    }
  }

  /** Verifies and stores a Bandwidth account. True when it was added. */
  async add(input: NewProfile): Promise<boolean> {
    this.clearAddErrors();
    const baseUrl = input.baseUrl.trim();
    const deviceGatewayUrl = input.deviceGatewayUrl.trim();
    const result = await this.#busy.run(
      'profile-add',
      'Checking the credentials with Bandwidth…',
      () =>
        this.#bridge.profiles.add({
          name: input.name,
          accountId: input.accountId,
          username: input.username,
          password: input.password,
          ...(baseUrl === '' ? {} : { baseUrl }),
          ...(deviceGatewayUrl === '' ? {} : { deviceGatewayUrl }),
        }),
    );
    if (!result.ok) {
      const fields = profileFieldErrors(result.error);
      if (Object.keys(fields).length > 0) {
        this.#fieldErrors = fields;
      } else {
        this.#formError = errorText(result.error);
        this.#formDetail = technicalDetail(result.error) ?? null;
      }
      return false;
    }
    const added = result.value;
    if (!this.#profiles.some((p) => p.id === added.id)) this.#profiles = [...this.#profiles, added];
    this.#toasts.success(
      `Added profile “${added.name}”: the credentials work and the password is in the system keychain.`,
    );
    return true;
  }

  async rename(profileId: string, name: string): Promise<boolean> {
    const result = await this.#busy.run(`profile-rename:${profileId}`, 'Renaming profile…', () =>
      this.#bridge.profiles.rename({ profileId, name }),
    );
    if (!result.ok) {
      this.#renameErrors = { ...this.#renameErrors, [profileId]: errorText(result.error) };
      return false;
    }
    const { [profileId]: _cleared, ...rest } = this.#renameErrors;
    this.#renameErrors = rest;
    this.#profiles = this.#profiles.map((p) => (p.id === profileId ? result.value : p));
    this.#toasts.success(`Renamed the profile to “${result.value.name}”.`);
    return true;
  }

  /** Names (or, with an empty name, forgets) the supervisor who joins calls as "me". */
  async setSupervisor(profileId: string, displayName: string): Promise<boolean> {
    const name = displayName.trim();
    const result = await this.#busy.run(
      `profile-supervisor:${profileId}`,
      'Saving your name…',
      () =>
        this.#bridge.profiles.setSupervisor({ profileId, displayName: name === '' ? null : name }),
    );
    if (!result.ok) {
      this.#toasts.error(result.error);
      return false;
    }
    this.#apply(result.value);
    this.#toasts.success(name === '' ? 'Your name was cleared.' : `You join calls as “${name}”.`);
    return true;
  }

  /**
   * Sets the device gateway my own audio connects to on a Bandwidth profile; an empty URL goes back
   * to Bandwidth's. A refusal is kept for the field (and nothing changes).
   */
  async setDeviceGateway(profileId: string, url: string): Promise<boolean> {
    const trimmed = url.trim();
    const result = await this.#busy.run(
      `profile-gateway:${profileId}`,
      'Saving the device gateway…',
      () =>
        this.#bridge.profiles.setDeviceGateway({
          profileId,
          url: trimmed === '' ? null : trimmed,
        }),
    );
    if (!result.ok) {
      this.#gatewayErrors = { ...this.#gatewayErrors, [profileId]: errorText(result.error) };
      return false;
    }
    this.clearGatewayError(profileId);
    this.#apply(result.value);
    const saved = result.value.profiles.find((p) => p.id === profileId)?.deviceGatewayUrl;
    this.#toasts.success(
      saved === undefined
        ? 'Your audio connects through Bandwidth’s device gateway.'
        : `Your audio connects through ${saved}.`,
    );
    return true;
  }

  clearGatewayError(profileId: string): void {
    const { [profileId]: _cleared, ...rest } = this.#gatewayErrors;
    this.#gatewayErrors = rest;
  }

  clearRenameError(profileId: string): void {
    const { [profileId]: _cleared, ...rest } = this.#renameErrors;
    this.#renameErrors = rest;
  }

  async remove(profileId: string): Promise<boolean> {
    const name = this.#profiles.find((p) => p.id === profileId)?.name ?? 'the profile';
    const result = await this.#busy.run(`profile-remove:${profileId}`, 'Removing profile…', () =>
      this.#bridge.profiles.remove({ profileId }),
    );
    if (!result.ok) {
      this.#toasts.error(result.error);
      return false;
    }
    this.#apply(result.value);
    this.#toasts.success(`Removed “${name}” and deleted its password from the system keychain.`);
    return true;
  }

  async select(profileId: string): Promise<boolean> {
    const result = await this.#busy.run('profile-select', 'Switching profile…', () =>
      this.#bridge.profiles.select({ profileId }),
    );
    if (!result.ok) {
      this.#toasts.error(result.error);
      return false;
    }
    this.#apply(result.value);
    this.#toasts.success(`Now using “${this.#active?.name ?? profileId}”.`);
    return true;
  }

  #apply(state: ProfilesState): void {
    const changed = state.activeId !== this.#activeId;
    this.#gatewaysAtLoad ??= gatewaysOf(state.profiles);
    this.#profiles = state.profiles;
    this.#activeId = state.activeId;
    this.#loaded = true;
    if (changed) for (const listener of this.#listeners) listener(state.activeId);
  }
}
