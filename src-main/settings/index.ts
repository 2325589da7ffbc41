// Everything in settings/; the electron-store adapter lives in app/electron-settings.ts (Electron only).
export { SettingsError } from './errors';
export { migrateSettings, SettingsVersionError } from './migrations';
export {
  DEFAULT_PREFERENCES,
  LOCAL_DEMO_PROFILE,
  LOCAL_DEMO_PROFILE_ID,
  POLL_FAST_BOUNDS,
  POLL_SLOW_BOUNDS,
  SETTINGS_SCHEMA_VERSION,
  settingsSchema,
  type Preferences,
  type Profile,
  type WatchedSession,
} from './schema';
export { SettingsStore, type SettingsBackend } from './settings-store';
