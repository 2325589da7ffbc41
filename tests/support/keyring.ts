/**
 * Whether the keychain tests run. Inside tests/support/with-keyring.sh (PATCHBAY_TEST_KEYRING=1) or
 * under CI they must run: a missing keychain then fails them with a clear message. Anywhere else
 * they skip, without touching the developer's own keychain.
 */
import { KeytarSecretStore } from '../../src-main/credentials';

export interface KeyringGate {
  run: boolean;
  /** Set when the tests must run but the keychain is not usable: they fail with this. */
  problem?: string;
}

export async function keyringGate(): Promise<KeyringGate> {
  const required = Boolean(process.env['CI']) || process.env['PATCHBAY_TEST_KEYRING'] === '1';
  if (!required) {
    console.warn(
      'Skipping keychain tests: run them inside a private keyring, ' +
        '`sh tests/support/with-keyring.sh npx vitest run tests/integration/credentials` (required under CI).',
    );
    return { run: false };
  }
  const availability = await new KeytarSecretStore().available();
  if (availability.ok) return { run: true };
  return {
    run: true,
    problem:
      `The keychain tests must run here (CI or PATCHBAY_TEST_KEYRING=1) but the keychain is unavailable: ` +
      `${availability.reason}. Run them through tests/support/with-keyring.sh (needs dbus and gnome-keyring).`,
  };
}

export function assertKeyring(gate: KeyringGate): void {
  if (gate.problem) throw new Error(gate.problem);
}
