/**
 * The preferences the supervisor sets on screen: the appearance (follow the OS, or force light or
 * dark; applied by App.svelte as `data-theme`) and how long the floor keeps ended calls listed.
 * Stored by main with the other preferences.
 */
import type { PatchbayBridge } from '../api';
import { DEFAULT_RECENTLY_ENDED_MINUTES, type Preferences } from '$shared/dto/settings';
import type { ToastsStore } from './toasts.svelte';

export type Theme = Preferences['theme'];
export const THEME_CHOICES: readonly { value: Theme; label: string }[] = [
  { value: 'system', label: 'Follow the system' },
  { value: 'light', label: 'Light' },
  { value: 'dark', label: 'Dark' },
];

export class PreferencesStore {
  #theme = $state<Theme>('system');
  #recentlyEndedMinutes = $state(DEFAULT_RECENTLY_ENDED_MINUTES);
  #compactMatrix = $state(false);
  readonly #bridge: Pick<PatchbayBridge, 'settings'>;
  readonly #toasts: ToastsStore;

  constructor(bridge: Pick<PatchbayBridge, 'settings'>, toasts: ToastsStore) {
    this.#bridge = bridge;
    this.#toasts = toasts;
  }

  get theme(): Theme {
    return this.#theme;
  }

  /** The matrix drawn compact (a 20-party call fits a 1280 × 720 window). */
  get compactMatrix(): boolean {
    return this.#compactMatrix;
  }

  get recentlyEndedMinutes(): number {
    return this.#recentlyEndedMinutes;
  }

  async load(): Promise<void> {
    const result = await this.#bridge.settings.get({});
    if (result.ok) this.#show(result.value.preferences);
  }

  /** How long the floor keeps ended calls (main checks the bounds; a refusal changes nothing). */
  async setRecentlyEnded(minutes: number): Promise<boolean> {
    const result = await this.#bridge.settings.update({
      preferences: { recentlyEndedMinutes: minutes },
    });
    if (!result.ok) {
      this.#toasts.error(result.error);
      return false;
    }
    this.#show(result.value.preferences);
    return true;
  }

  #show(preferences: Preferences): void {
    this.#theme = preferences.theme;
    this.#recentlyEndedMinutes = preferences.recentlyEndedMinutes ?? DEFAULT_RECENTLY_ENDED_MINUTES;
    this.#compactMatrix = preferences.compactMatrix ?? false;
  }

  /** Shown at once and remembered by main; a refusal puts the previous look back and says why. */
  async setCompactMatrix(compact: boolean): Promise<boolean> {
    const before = this.#compactMatrix;
    this.#compactMatrix = compact;
    const result = await this.#bridge.settings.update({ preferences: { compactMatrix: compact } });
    if (!result.ok) {
      this.#compactMatrix = before;
      this.#toasts.error(result.error);
      return false;
    }
    this.#show(result.value.preferences);
    return true;
  }

  async setTheme(theme: Theme): Promise<boolean> {
    const before = this.#theme;
    this.#theme = theme;
    const result = await this.#bridge.settings.update({ preferences: { theme } });
    if (!result.ok) {
      this.#theme = before;
      this.#toasts.error(result.error);
      return false;
    }
    this.#show(result.value.preferences);
    return true;
  }
}
