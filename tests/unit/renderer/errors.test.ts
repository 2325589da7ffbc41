import { describe, expect, it } from 'vitest';
import {
  errorText,
  profileFieldErrors,
  profileFieldOf,
  technicalDetail,
} from '../../../src-renderer/lib/errors';

describe('profileFieldOf', () => {
  it.each([
    ['invalid-name', 'name'],
    ['duplicate-name', 'name'],
    ['invalid-account-id', 'accountId'],
    ['invalid-username', 'username'],
    ['invalid-password', 'password'],
    ['invalid-base-url', 'baseUrl'],
  ])('puts %s next to %s', (code, field) => {
    expect(profileFieldOf({ code, message: 'x' })).toBe(field);
  });

  it('reads the field of a validation issue from its path', () => {
    const error = {
      code: 'invalid-input',
      message: 'profiles:add: name: Too big',
      details: [{ path: 'name', message: 'Too big' }],
    };
    expect(profileFieldOf(error)).toBe('name');
    expect(profileFieldOf({ ...error, details: [{ path: 'other', message: '' }] })).toBeNull();
    expect(profileFieldOf({ code: 'invalid-input', message: 'x', details: 'nope' })).toBeNull();
  });

  it('keeps verification failures at form level', () => {
    for (const code of [
      'credentials-rejected',
      'no-webrtc-access',
      'network',
      'keychain-unavailable',
    ]) {
      expect(profileFieldOf({ code, message: 'x' })).toBeNull();
    }
  });
});

describe('profileFieldErrors', () => {
  it('marks every field an error lists, first message per field, ignoring what is not a field', () => {
    expect(
      profileFieldErrors({
        code: 'invalid-input',
        message: 'profiles:add: name: Too big',
        details: [
          { path: 'name', message: 'Too big' },
          { path: 'name', message: 'Second' },
          { path: 'baseUrl', message: 'Not a URL' },
          { path: 'other', message: 'ignored' },
          'junk',
        ],
      }),
    ).toEqual({ name: 'Too big', baseUrl: 'Not a URL' });
  });

  it('falls back to the code of a single-field error, and nothing for a form-level one', () => {
    expect(profileFieldErrors({ code: 'duplicate-name', message: 'Taken.' })).toEqual({
      name: 'Taken.',
    });
    expect(profileFieldErrors({ code: 'network', message: 'Down.' })).toEqual({});
  });

  it('finds the technical text behind a message, only as a non-empty string', () => {
    expect(technicalDetail({ code: 'x', message: 'm', details: { technical: 'D-Bus' } })).toBe(
      'D-Bus',
    );
    expect(technicalDetail({ code: 'x', message: 'm', details: { technical: ' ' } })).toBe(
      undefined,
    );
    expect(technicalDetail({ code: 'x', message: 'm', details: [] })).toBe(undefined);
  });
});

describe('errorText', () => {
  it('adds the action for API failures', () => {
    expect(
      errorText({
        code: 'api-conflict',
        message: 'Add participant to session failed: already in a session [409]',
      }),
    ).toBe(
      'Add participant to session failed: already in a session [409]. A participant can be in only one session at a time: remove it from its current session first (find that session with "Find by participant").',
    );
    expect(
      errorText({ code: 'disconnected', message: 'Lost the connection to the console host.' }),
    ).toBe(
      'Lost the connection to the console host. Reload the window (or restart Patchbay) to reconnect.',
    );
  });

  it('leaves messages that already carry their action alone', () => {
    const message =
      'Bandwidth rejected these credentials (401): check the API username and password for account 1.';
    expect(errorText({ code: 'credentials-rejected', message })).toBe(message);
    expect(errorText({ code: 'session-full', message: 'Full. Remove someone first.' })).toBe(
      'Full. Remove someone first.',
    );
  });
});
