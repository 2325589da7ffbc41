/**
 * Profiles and preferences as they cross the bridge. Main validates the settings file against its
 * own schemas (`src-main/settings/schema.ts`), which must agree with these types.
 */

export const PROFILE_KINDS = ['bandwidth', 'local'] as const;
export type ProfileKind = (typeof PROFILE_KINDS)[number];

export const THEMES = ['system', 'light', 'dark'] as const;
export type Theme = (typeof THEMES)[number];

/** A profile's call directory feed (its bearer token lives in the keychain, never here). */
export interface ProfileDirectory {
  url: string;
}

/** Who supervises on this profile: the name Patchbay uses for "me" (never written to a tag). */
export interface ProfileSupervisor {
  displayName: string;
}

/** An account the console can use. Never a password: that lives in the keychain. */
export interface Profile {
  id: string;
  name: string;
  kind: ProfileKind;
  accountId: string;
  username: string;
  baseUrl: string;
  /** Since settings version 3. The Local demo's directory is built in: never set here. */
  directory?: ProfileDirectory | undefined;
  /** Since settings version 4: the supervisor who joins calls as "me" on this profile. */
  supervisor?: ProfileSupervisor | undefined;
  /**
   * Since settings version 5: the device gateway base URL for my own audio (`wss://host[:port]`,
   * the SDK appends `/v3/`). Absent: Bandwidth's (`BANDWIDTH_DEVICE_GATEWAY_URL`). The Local demo
   * always uses the embedded local API's own gateway: never set here.
   */
  deviceGatewayUrl?: string | undefined;
}

/** A profile as the renderer sees it: never a password. */
export type ProfileView = Profile;

export interface ProfilesState {
  profiles: ProfileView[];
  activeId: string;
}

export interface Preferences {
  pollFastMs: number;
  pollSlowMs: number;
  confirmations: boolean;
  theme: Theme;
  /** How long the floor keeps ended calls listed (absent: `DEFAULT_RECENTLY_ENDED_MINUTES`). */
  recentlyEndedMinutes?: number | undefined;
  /** The routing matrix drawn compact (small cells, two-line headers) to fit a 20-party call. */
  compactMatrix?: boolean | undefined;
}

export const DEFAULT_RECENTLY_ENDED_MINUTES = 10;

export interface SettingsView {
  preferences: Preferences;
}
