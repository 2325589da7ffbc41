import type { Preferences, SettingsStore } from '../settings';
import type { SettingsView } from '../shared/contract';
import type { ActiveAccount } from './active-account';

export interface PreferencesServiceDeps {
  settings: SettingsStore;
  /** Its watchers take new poll intervals at once. */
  active: Pick<ActiveAccount, 'applyPollPreferences'>;
  /** Told after every change (the floor re-reads how long it keeps ended calls). */
  onUpdated?: (preferences: Preferences) => void;
}

/** The supervisor's preferences (poll intervals, confirmations, theme). */
export class PreferencesService {
  readonly #settings: SettingsStore;
  readonly #active: PreferencesServiceDeps['active'];
  readonly #onUpdated: (preferences: Preferences) => void;

  constructor(deps: PreferencesServiceDeps) {
    this.#settings = deps.settings;
    this.#active = deps.active;
    this.#onUpdated = deps.onUpdated ?? (() => undefined);
  }

  get(): SettingsView {
    return { preferences: this.#settings.getPreferences() };
  }

  /** Changes the preferences given; a field left out, or given as undefined, keeps its value. */
  update(patch: { [K in keyof Preferences]?: Preferences[K] | undefined }): SettingsView {
    const given = Object.fromEntries(
      Object.entries(patch).filter(([, value]) => value !== undefined),
    );
    const preferences = this.#settings.updatePreferences(given);
    this.#active.applyPollPreferences();
    this.#onUpdated(preferences);
    return { preferences };
  }
}
