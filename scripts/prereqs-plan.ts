/**
 * What `npm test` needs from the system and how to get it: pure decisions, so they can be tested
 * without a machine to break. scripts/prereqs.ts does the looking and the installing.
 */
export interface Findings {
  browser: boolean;
  dbus: boolean;
  keyring: boolean;
  keytar: boolean;
}

export interface Machine {
  root: boolean;
  /** apt-get and dpkg-query exist (Debian, Ubuntu and their kin). */
  debianLike: boolean;
  /** keytar's locked version (from package-lock.json). */
  keytarVersion: string;
}

/** What keytar needs to compile from source. */
export const KEYTAR_BUILD_DEBS = ['libsecret-1-dev', 'python3', 'make', 'g++'];

export function missingParts(f: Findings): string[] {
  const parts: string[] = [];
  if (!f.browser) parts.push('a Chromium browser');
  if (!f.dbus) parts.push('D-Bus (dbus-run-session)');
  if (!f.keyring) parts.push('gnome-keyring');
  if (!f.keytar) parts.push('a built keytar (the OS keychain module)');
  return parts;
}

/** The Debian packages that bring what is missing. */
export function debsFor(f: Findings): string[] {
  const debs: string[] = [];
  if (!f.browser) debs.push('chromium');
  if (!f.dbus) debs.push('dbus');
  if (!f.keyring) debs.push('gnome-keyring');
  if (!f.keytar) debs.push(...KEYTAR_BUILD_DEBS);
  return debs;
}

/** Whether this script may install the packages itself: as root, with apt, without asking. */
export function canInstallDebs(m: Machine): boolean {
  return m.root && m.debianLike;
}

/** npm drops an optional dependency whose build failed: bring keytar back at its locked version. */
export function keytarInstallCommand(m: Machine): string[] {
  return ['npm', 'install', '--no-save', '--no-audit', '--no-fund', `keytar@${m.keytarVersion}`];
}

/** The commands a person has to type when this script cannot do it alone. */
export function manualCommands(f: Findings, m: Machine): string[] {
  const commands: string[] = [];
  const debs = debsFor(f);
  if (debs.length > 0) {
    const sudo = m.root ? '' : 'sudo ';
    commands.push(`${sudo}apt-get update && ${sudo}apt-get install -y ${debs.join(' ')}`);
    commands.push(
      '  (other distributions: chromium, dbus, gnome-keyring, the libsecret development files, ' +
        'python3, make and a C++ compiler from their package manager)',
    );
  }
  if (!f.browser) commands.push('or, with internet access: npx playwright install chromium');
  if (!f.keytar) commands.push(`npm install --no-save keytar@${m.keytarVersion}`);
  return commands;
}
