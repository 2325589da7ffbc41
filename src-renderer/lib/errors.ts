/**
 * Turns a failed call's `{code, message}` into what the screen says: main's message (already in
 * plain words) plus the action the user can take, when the message does not already give one.
 * Pure: no DOM.
 */
import type { ResultError } from '$shared/result';

/** Fields of the add-profile form, for errors that belong next to a field. */
export type ProfileField =
  'name' | 'accountId' | 'username' | 'password' | 'baseUrl' | 'deviceGatewayUrl';

const PROFILE_FIELD_BY_CODE: Record<string, ProfileField> = {
  'invalid-name': 'name',
  'duplicate-name': 'name',
  'invalid-account-id': 'accountId',
  'invalid-username': 'username',
  'invalid-password': 'password',
  'invalid-base-url': 'baseUrl',
  'invalid-device-gateway': 'deviceGatewayUrl',
};

const PROFILE_FIELDS: readonly string[] = [
  'name',
  'accountId',
  'username',
  'password',
  'baseUrl',
  'deviceGatewayUrl',
];

/** The add/rename-profile field an error belongs to, or null for a form-level error. */
export function profileFieldOf(error: ResultError): ProfileField | null {
  const byCode = PROFILE_FIELD_BY_CODE[error.code];
  if (byCode) return byCode;
  if (error.code === 'invalid-input' && Array.isArray(error.details)) {
    const first: unknown = error.details[0];
    const path =
      typeof first === 'object' && first !== null && 'path' in first ? String(first.path) : '';
    const field = path.split('.')[0] ?? '';
    if (PROFILE_FIELDS.includes(field)) return field as ProfileField;
  }
  return null;
}

/** The `{path, message}` items of an error's details (validation issues, a form's wrong fields). */
function fieldIssues(error: ResultError): { field: string; message: string }[] {
  if (!Array.isArray(error.details)) return [];
  return error.details.flatMap((item: unknown) => {
    if (typeof item !== 'object' || item === null) return [];
    const { path, message } = item as { path?: unknown; message?: unknown };
    if (typeof message !== 'string') return [];
    return [{ field: String(path ?? '').split('.')[0] ?? '', message }];
  });
}

/**
 * Every add-profile field an error names, each with its own message: main checks all fields and
 * reports the wrong ones together, so the form marks them together. Empty for a form-level error.
 */
export function profileFieldErrors(error: ResultError): Partial<Record<ProfileField, string>> {
  const errors: Partial<Record<ProfileField, string>> = {};
  for (const { field, message } of fieldIssues(error)) {
    if (PROFILE_FIELDS.includes(field) && errors[field as ProfileField] === undefined) {
      errors[field as ProfileField] = message;
    }
  }
  if (Object.keys(errors).length > 0) return errors;
  const single = profileFieldOf(error);
  return single ? { [single]: error.message } : {};
}

/**
 * What a lower layer reported about a failure (a keychain's D-Bus or X11 text), for a "details"
 * disclosure under the plain-words message; undefined when there is none.
 */
export function technicalDetail(error: ResultError): string | undefined {
  const details = error.details;
  if (typeof details !== 'object' || details === null || Array.isArray(details)) return undefined;
  const technical = (details as { technical?: unknown }).technical;
  return typeof technical === 'string' && technical.trim() !== '' ? technical : undefined;
}

/** What the user can do next, by code; null when main's message already says it. */
const ACTIONS: Record<string, string> = {
  'api-unauthorized':
    "Bandwidth no longer accepts this profile's credentials: remove the profile and add it again with the current API password.",
  'api-forbidden':
    'This account has no WebRTC access: ask Bandwidth support to enable it, or switch profile.',
  'api-network': 'Check your network connection, then try again.',
  'api-timeout': 'The API did not answer in time: try again in a moment.',
  'api-rate-limited': 'Bandwidth asked us to slow down: wait a few seconds and try again.',
  'api-server':
    'Bandwidth had an internal error: try again; if it keeps failing, check its status page.',
  'api-not-found': 'It may have ended or been deleted: check the id.',
  'api-conflict':
    'A participant can be in only one session at a time: remove it from its current session first (find that session with "Find by participant").',
  'api-bad-request': 'Check what you entered and try again.',
  disconnected: 'Reload the window (or restart Patchbay) to reconnect.',
  'not-watched': 'Reload the session list: this session is no longer being watched.',
  'credentials-missing': '',
  'session-full': '',
  'not-found': '',
  'not-in-session':
    'Add the participant to a session first, or watch the session by its id instead.',
  internal: 'Something unexpected failed: try again, and report it if it keeps happening.',
};

/** Main's message, then the advice for its code when the message does not already carry it. */
export function errorText(error: ResultError): string {
  const action = ACTIONS[error.code];
  const message = error.message.trim();
  if (!action) return message;
  const sentence = /[.!?]$/.test(message) ? message : `${message}.`;
  return `${sentence} ${action}`;
}
