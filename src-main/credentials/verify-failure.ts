/**
 * What a failed credential check tells the supervisor: one plain sentence per kind of failure,
 * saying what to check and that nothing was saved. The API's own words are scrubbed of the
 * credentials before they are quoted.
 */
import { BANDWIDTH_PRODUCTION_BASE_URL } from '../settings/schema';
import { apiSecrets } from './active-secrets';
import type { ProfileCredentials, VerifyCredentialsResult } from './profile-service';
import { ProfileError } from './profile-validation';
import { fixedSecrets, Scrubber } from './scrubber';

export function verifyFailure(
  result: Extract<VerifyCredentialsResult, { ok: false }>,
  credentials: ProfileCredentials,
): ProfileError {
  const secrets = fixedSecrets(apiSecrets(credentials.username, credentials.password));
  const detail = new Scrubber({ secrets })
    .text(result.message)
    .trim()
    .replace(/[.\s]+$/, '');
  const suffix = detail ? ` (${detail})` : '';
  switch (result.kind) {
    case 'unauthorized':
      return new ProfileError(
        'credentials-rejected',
        `Bandwidth did not accept these credentials for account ${credentials.accountId} (401): check the username and password — or the account id may be mistyped. Nothing was saved.`,
      );
    case 'forbidden':
      return new ProfileError(
        'no-webrtc-access',
        `The credentials work, but this account has no WebRTC access (account ${credentials.accountId}, 403). Ask Bandwidth support to enable WebRTC for it; nothing was saved.`,
      );
    case 'not-webrtc-api':
      return new ProfileError(
        'not-webrtc-api',
        `${credentials.baseUrl}: this does not look like the WebRTC API base URL (…/v1; Bandwidth's is ${BANDWIDTH_PRODUCTION_BASE_URL}). Check the base URL; nothing was saved.`,
      );
    case 'network':
      return new ProfileError(
        'network',
        `Could not reach ${credentials.baseUrl}${suffix}. Check the base URL and your network connection; nothing was saved.`,
      );
    default:
      return new ProfileError(
        'verification-failed',
        `The credentials could not be verified${suffix}; nothing was saved.`,
      );
  }
}
