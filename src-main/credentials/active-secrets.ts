/**
 * The secrets this process currently holds for its profiles, so the scrubber can find them in any
 * text that leaves main (results, events, the audit log, console output). The credentials layer
 * feeds it when it hands credentials out and forgets a profile's when the profile is removed.
 *
 * A new kind of secret (for example the call directory's credential) is one more `SecretKind` with
 * its label, registered by whatever reads it from the keychain. A participant's device token is
 * not an account secret and is not registered here (the console shows it on purpose), with one
 * exception: the supervisor's own "me" token, which stays in main and reaches the renderer only
 * through `me:audio`, for the console's own audio connection (the "me" service registers it, under
 * its own owner key `me:<profileId>`, while it lives).
 */

/** What each kind is, in the words an audit entry uses when it notes a redaction. */
export const SECRET_KIND_LABELS = {
  'api-password': "the account's API password",
  'api-basic-token': "the account's Basic auth token",
  'directory-token': "the call directory's access token",
  'me-device-token': "the supervisor's own device token",
} as const;

export type SecretKind = keyof typeof SECRET_KIND_LABELS;

export interface ActiveSecret {
  readonly kind: SecretKind;
  readonly value: string;
}

/** Anything that can list the secrets to scrub (the registry, or a fixed list in tests). */
export interface SecretSource {
  secrets(): readonly ActiveSecret[];
}

/** `base64(username:password)`, the token of an HTTP Basic Authorization header. */
export function basicToken(username: string, password: string): string {
  return Buffer.from(`${username}:${password}`, 'utf8').toString('base64');
}

/** The API password and its Basic token: what one set of account credentials puts at risk. */
export function apiSecrets(username: string, password: string): ActiveSecret[] {
  return [
    { kind: 'api-password', value: password },
    { kind: 'api-basic-token', value: basicToken(username, password) },
  ];
}

export class ActiveSecrets implements SecretSource {
  readonly #byProfile = new Map<string, Map<SecretKind, string>>();

  /** Registers (or replaces) the profile's secrets of these kinds; empty values are ignored. */
  register(profileId: string, secrets: readonly ActiveSecret[]): void {
    const held = this.#byProfile.get(profileId) ?? new Map<SecretKind, string>();
    for (const { kind, value } of secrets) {
      if (value.length > 0) held.set(kind, value);
    }
    this.#byProfile.set(profileId, held);
  }

  /** Drops every secret of a profile (removed, or its credentials replaced). */
  forget(profileId: string): void {
    this.#byProfile.delete(profileId);
  }

  /** Every profile's secrets, longest first (so a longer secret is replaced before a part of it). */
  secrets(): ActiveSecret[] {
    const all: ActiveSecret[] = [];
    for (const held of this.#byProfile.values()) {
      for (const [kind, value] of held) all.push({ kind, value });
    }
    return all.sort((a, b) => b.value.length - a.value.length);
  }
}
