/** What the renderer gets for a profile form's failures: every wrong field, and keychain details apart. */
import { describe, expect, it } from 'vitest';
import { KeychainUnavailableError, ProfileError } from '../../../../src-main/credentials';
import { toResultError } from '../../../../src-main/ipc/errors';

describe('profile errors across the bridge', () => {
  it('carries every wrong field of a form, each with its message', () => {
    const error = new ProfileError('invalid-fields', '2 fields need attention.', 'name', [
      { path: 'name', message: 'Name?' },
      { path: 'accountId', message: 'Account id?' },
    ]);
    expect(toResultError(error)).toEqual({
      code: 'invalid-fields',
      message: '2 fields need attention.',
      details: [
        { path: 'name', message: 'Name?' },
        { path: 'accountId', message: 'Account id?' },
      ],
    });
    expect(toResultError(new ProfileError('invalid-name', 'Name?', 'name')).details).toEqual([
      { path: 'name', message: 'Name?' },
    ]);
    expect(toResultError(new ProfileError('network', 'Down.'))).toEqual({
      code: 'network',
      message: 'Down.',
    });
  });

  it('keeps what the keychain layer said out of the message, as details', () => {
    const error = new KeychainUnavailableError(
      'Cannot autolaunch D-Bus without X11 $DISPLAY',
      'linux',
      {
        checked: 'credentials',
      },
    );
    const result = toResultError(error);
    expect(result.code).toBe('keychain-unavailable');
    expect(result.message).toMatch(
      /^The credentials work, but Patchbay cannot save the password because the system keychain is unavailable/,
    );
    expect(result.message).toMatch(/Secret Service .*Nothing was saved\.$/);
    expect(result.message).not.toMatch(/D-Bus|X11/);
    expect(result.details).toEqual({ technical: 'Cannot autolaunch D-Bus without X11 $DISPLAY' });
  });
});
