export type SettingsErrorCode =
  | 'invalid-settings'
  | 'profile-not-found'
  | 'duplicate-profile'
  | 'builtin-profile'
  | 'session-not-watched'
  | 'settings-unreadable'
  | 'settings-write-failed';

/** A refused settings change or an unusable settings file. Messages never carry secrets. */
export class SettingsError extends Error {
  readonly code: SettingsErrorCode;

  constructor(code: SettingsErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'SettingsError';
    this.code = code;
  }
}
