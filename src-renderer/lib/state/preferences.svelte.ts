/**
 * The appearance preference: follow the OS (default), or force light or dark. Stored by main with
 * the other preferences; applied by App.svelte as `data-theme` on the document element.
 */
import type { PatchbayBridge } from '../api';
import type { Preferences } from '$shared/dto/settings';
import type { ToastsStore } from './toasts.svelte';

export type Theme = Preferences['theme'];
export const THEME_CHOICES: readonly { value: Theme; label: string }[] = [
  { value: 'system', label: 'Follow the system' },
  { value: 'light', label: 'Light' },
  { value: 'dark', label: 'Dark' },
];

export class PreferencesStore {
  #theme = $state<Theme>('system');
  readonly #bridge: Pick<PatchbayBridge, 'settings'>;
  readonly #toasts: ToastsStore;

  constructor(bridge: Pick<PatchbayBridge, 'settings'>, toasts: ToastsStore) {
    this.#bridge = bridge;
    this.#toasts = toasts;
  }

  get theme(): Theme {
    return this.#theme;
  }

  async load(): Promise<void> {
    const result = await this.#bridge.settings.get({});
    if (result.ok) this.#theme = result.value.preferences.theme;
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
    this.#theme = result.value.preferences.theme;
    return true;
  }
}
