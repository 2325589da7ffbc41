import type { NewBandwidthProfile, NewProfileDirectory, ProfileService } from '../credentials';
import { LOCAL_DEMO_PROFILE_ID, type Profile } from '../settings';
import type { ProfilesState } from '../shared/contract';
import type { ActiveAccount } from './active-account';
import { TypedEmitter, type ConsoleEvents } from './emitter';

export interface ProfilesServiceDeps {
  /** The profiles with their keychain credentials (settings and keychain). */
  profiles: ProfileService;
  active: ActiveAccount;
}

/**
 * The supervisor's profiles (accounts) and which one is active. Every change announces the new
 * state as `profiles:changed`, so every window (and every service that holds something per
 * profile) sees it, whoever made it.
 */
export class ProfilesService {
  readonly events = new TypedEmitter<Pick<ConsoleEvents, 'profiles:changed'>>();
  readonly #profiles: ProfileService;
  readonly #active: ActiveAccount;

  constructor(deps: ProfilesServiceDeps) {
    this.#profiles = deps.profiles;
    this.#active = deps.active;
  }

  state(): ProfilesState {
    return { profiles: this.#profiles.list(), activeId: this.#active.current.profile.id };
  }

  /** Verifies the credentials against the account, then stores the profile (see ProfileService). */
  async add(input: NewBandwidthProfile): Promise<Profile> {
    const profile = await this.#profiles.addBandwidthProfile(input);
    this.#announce();
    return profile;
  }

  rename(profileId: string, name: string): Profile {
    const profile = this.#profiles.rename(profileId, name);
    this.#announce();
    return profile;
  }

  /** Names (or, with null, forgets) the supervisor who joins calls as "me" on a profile. */
  setSupervisor(profileId: string, displayName: string | null): ProfilesState {
    this.#profiles.setSupervisor(profileId, displayName);
    return this.#announce();
  }

  /** Sets (or, with null, goes back to Bandwidth's) the device gateway my own audio connects to. */
  setDeviceGateway(profileId: string, url: string | null): ProfilesState {
    this.#profiles.setDeviceGateway(profileId, url);
    return this.#announce();
  }

  /** Removes a profile and its keychain entries; when it was active, the Local demo takes over. */
  async remove(profileId: string): Promise<ProfilesState> {
    await this.#profiles.remove(profileId);
    if (this.#active.current.profile.id === profileId) this.#active.switchTo(LOCAL_DEMO_PROFILE_ID);
    return this.#announce();
  }

  select(profileId: string): ProfilesState {
    this.#active.switchTo(profileId);
    return this.#announce();
  }

  /** Sets a profile's directory (verified first) and, for the active profile, its client anew. */
  async setDirectory(profileId: string, input: NewProfileDirectory): Promise<ProfilesState> {
    await this.#profiles.setDirectory(profileId, input);
    this.#active.reload(profileId);
    return this.#announce();
  }

  async clearDirectory(profileId: string): Promise<ProfilesState> {
    await this.#profiles.clearDirectory(profileId);
    this.#active.reload(profileId);
    return this.#announce();
  }

  #announce(): ProfilesState {
    const state = this.state();
    this.events.emit('profiles:changed', state);
    return state;
  }
}
