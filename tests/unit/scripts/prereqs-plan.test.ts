import { describe, expect, it } from 'vitest';
import {
  canInstallDebs,
  debsFor,
  keytarInstallCommand,
  manualCommands,
  missingParts,
  type Findings,
} from '../../../scripts/prereqs-plan';

const all: Findings = { browser: true, dbus: true, keyring: true, keytar: true };
const fresh: Findings = { browser: false, dbus: false, keyring: false, keytar: false };
const machine = { root: false, debianLike: true, keytarVersion: '7.9.0' };

describe('npm test prerequisites', () => {
  it('needs nothing when everything is there', () => {
    expect(missingParts(all)).toEqual([]);
    expect(debsFor(all)).toEqual([]);
    expect(manualCommands(all, machine)).toEqual([]);
  });

  it('on a fresh machine names every part and the Debian packages that bring them', () => {
    expect(missingParts(fresh)).toHaveLength(4);
    expect(debsFor(fresh)).toEqual([
      'chromium',
      'dbus',
      'gnome-keyring',
      'libsecret-1-dev',
      'python3',
      'make',
      'g++',
    ]);
  });

  it('installs by itself only as root with apt', () => {
    expect(canInstallDebs({ ...machine, root: true })).toBe(true);
    expect(canInstallDebs(machine)).toBe(false);
    expect(canInstallDebs({ ...machine, root: true, debianLike: false })).toBe(false);
  });

  it('brings keytar back at its locked version, not a rebuild', () => {
    expect(keytarInstallCommand(machine)).toEqual([
      'npm',
      'install',
      '--no-save',
      '--no-audit',
      '--no-fund',
      'keytar@7.9.0',
    ]);
  });

  it('tells a non-root user the exact commands, sudo included', () => {
    const commands = manualCommands({ ...all, keytar: false }, machine);
    expect(commands[0]).toBe(
      'sudo apt-get update && sudo apt-get install -y libsecret-1-dev python3 make g++',
    );
    expect(commands.at(-1)).toBe('npm install --no-save keytar@7.9.0');
    expect(manualCommands({ ...all, browser: false }, machine)).toContain(
      'or, with internet access: npx playwright install chromium',
    );
  });
});
