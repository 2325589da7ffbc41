/**
 * The Profiles screen against the real console: the built-in Local demo, adding a Bandwidth account
 * (verified against the local API) with every failure message, switching, renaming and removing.
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { expectNoSeriousViolations } from './helpers/axe';
import { LocalApiClient } from '../support/local-api-client';
import { ProfilesPage } from './pages/profiles-page';
import { SessionsPage } from './pages/sessions-page';
import { startHost } from './support/web-host';
import { expect, test } from './support/fixtures';

test('the Local demo is built in, active, and explains why it cannot be removed', async ({
  console: app,
}) => {
  const profiles = new ProfilesPage(app.page);
  await profiles.open();
  const demo = profiles.profile('Local demo');
  await expect(demo).toContainText('Active');
  await expect(demo).toContainText('cannot be removed');
  await expect(demo.getByRole('button', { name: /^Remove/ })).toHaveCount(0);
  await expect(profiles.activeProfile).toHaveText('Local demo');
  await expectNoSeriousViolations(app.page, 'profiles screen (light)');
  await app.page.emulateMedia({ colorScheme: 'dark' });
  await expectNoSeriousViolations(app.page, 'profiles screen (dark)');
});

test('adds an account, switches to it, renames it and removes it', async ({ console: app }) => {
  const profiles = new ProfilesPage(app.page);
  await profiles.open();
  await profiles.addAccount({ name: 'Staging', ...app.localApi });
  await expect(profiles.notifications).toContainText(
    'Added profile “Staging”: the credentials work and the password is in the system keychain.',
  );
  await expect(profiles.passwordField).toHaveValue('');
  await expect(profiles.nameField).toHaveValue('');
  const staging = profiles.profile('Staging');
  await expect(staging).toContainText(app.localApi.accountId);
  await expect(staging).toContainText('in the system keychain');
  await expect(staging).not.toContainText(app.localApi.password);

  await profiles.use('Staging');
  await expect(profiles.activeProfile).toHaveText('Staging');
  await expect(staging).toContainText('Active');
  // A new account starts with an empty register: Bandwidth cannot list sessions.
  const sessions = new SessionsPage(app.page);
  await sessions.open();
  await expect(sessions.page.getByText('No sessions watched yet')).toBeVisible();
  await expect(sessions.items()).toHaveCount(0);

  await profiles.open();
  await profiles.rename('Staging', 'Local demo');
  await expect(staging.getByText('Another profile already has this name.')).toBeVisible();
  await expect(staging.getByLabel('New name')).toHaveAttribute('aria-invalid', 'true');
  await staging.getByLabel('New name').fill('Staging EU');
  await staging.getByRole('button', { name: 'Save name' }).click();
  await expect(profiles.profile('Staging EU')).toBeVisible();
  await expect(profiles.activeProfile).toHaveText('Staging EU');

  await profiles.remove('Staging EU');
  await expect(profiles.confirm.dialog).toContainText(
    'deletes this profile’s API password from the system keychain',
  );
  await profiles.confirm.cancelButton.click();
  await expect(profiles.confirm.dialog).toHaveCount(0);
  await expect(profiles.profile('Staging EU')).toBeVisible();
  await profiles.remove('Staging EU');
  await profiles.confirm.confirmButton('Remove profile').click();
  await expect(profiles.profile('Staging EU')).toHaveCount(0);
  await expect(profiles.notifications).toContainText(
    'Removed “Staging EU” and deleted its password from the system keychain.',
  );
  await expect(profiles.activeProfile).toHaveText('Local demo');
});

test('a wrong password or account id is refused with the 401 words, and the password is kept', async ({
  console: app,
}) => {
  const profiles = new ProfilesPage(app.page);
  await profiles.open();
  await profiles.addAccount({ name: 'Wrong', ...app.localApi, password: 'not-the-password' });
  await expect(profiles.formError).toHaveText(
    `Bandwidth did not accept these credentials for account ${app.localApi.accountId} (401): check the username and password — or the account id may be mistyped. Nothing was saved.`,
  );
  // Kept, so the supervisor corrects what was wrong without typing everything again.
  await expect(profiles.passwordField).toHaveValue('not-the-password');
  await expect(profiles.nameField).toHaveValue('Wrong');
  await expect(profiles.profile('Wrong')).toHaveCount(0);
  await expect(profiles.page.getByText('not-the-password')).toHaveCount(0);

  // The right password with a mistyped account id: the same 401 words, naming the account id.
  await profiles.passwordField.fill(app.localApi.password);
  await profiles.accountIdField.fill('9900001');
  await profiles.submitButton.click();
  await expect(profiles.formError).toContainText(
    'for account 9900001 (401): check the username and password — or the account id may be mistyped.',
  );
  await expect(profiles.passwordField).toHaveValue(app.localApi.password);

  // Corrected, the same form adds the account, and only then forgets the password.
  await profiles.accountIdField.fill(app.localApi.accountId);
  await profiles.submitButton.click();
  await expect(profiles.profile('Wrong')).toBeVisible();
  await expect(profiles.passwordField).toHaveValue('');
});

test('an account without WebRTC access gets the 403 words', async ({ console: app }) => {
  const api = new LocalApiClient(app.localApi);
  const profiles = new ProfilesPage(app.page);
  await profiles.open();
  // These credentials reach account 7770000, which has no WebRTC access: the local API says 403.
  await api.webRtcAccess('7770000', false);
  try {
    await profiles.addAccount({ name: 'No WebRTC', ...app.localApi, accountId: '7770000' });
    await expect(profiles.formError).toHaveText(
      'The credentials work, but this account has no WebRTC access (account 7770000, 403). Ask Bandwidth support to enable WebRTC for it; nothing was saved.',
    );
    await expect(profiles.passwordField).toHaveValue(app.localApi.password);
    await expect(profiles.profile('No WebRTC')).toHaveCount(0);
  } finally {
    await api.clearWebRtcAccess();
  }
});

test('a base URL that is not the WebRTC API says so', async ({ console: app }) => {
  const profiles = new ProfilesPage(app.page);
  await profiles.open();
  const withoutV1 = new URL(app.localApi.baseUrl).origin;
  await profiles.addAccount({ name: 'No v1', ...app.localApi, baseUrl: withoutV1 });
  await expect(profiles.formError).toContainText(
    `${withoutV1}: this does not look like the WebRTC API base URL (…/v1`,
  );
  await expect(profiles.profile('No v1')).toHaveCount(0);
});

test('an unreachable API gets the network message', async ({ console: app }) => {
  const profiles = new ProfilesPage(app.page);
  await profiles.open();
  await profiles.addAccount({ name: 'Nowhere', ...app.localApi, baseUrl: 'http://127.0.0.1:9/v1' });
  await expect(profiles.formError).toContainText('Could not reach http://127.0.0.1:9/v1 (');
  await expect(profiles.formError).toContainText(
    'Check the base URL and your network connection; nothing was saved.',
  );
  // Said once, not nested inside itself.
  const text = (await profiles.formError.textContent()) ?? '';
  expect(text.match(/could not reach/gi)).toHaveLength(1);
});

test('every wrong field is marked at once, the first focused, the password kept', async ({
  console: app,
}) => {
  const profiles = new ProfilesPage(app.page);
  await profiles.open();
  await profiles.addAccount({
    name: 'Local demo',
    accountId: 'not an id',
    username: 'a:b',
    password: 'typed-secret',
    baseUrl: 'ftp://x',
  });
  const wrong = [
    [profiles.nameField, 'Another profile already has this name.'],
    [profiles.accountIdField, "The account id must be 1 to 64 letters, digits, '-' or '_'"],
    [profiles.usernameField, "The API username cannot contain ':'"],
    [profiles.baseUrlField, 'The API base URL must use https'],
  ] as const;
  for (const [field, text] of wrong) {
    await expect(field).toHaveAttribute('aria-invalid', 'true');
    await expect(field).toHaveAccessibleDescription(new RegExp(escapeRegExp(text)));
  }
  await expect(profiles.nameField).toBeFocused();
  await expect(profiles.passwordField).not.toHaveAttribute('aria-invalid', 'true');
  await expect(profiles.passwordField).toHaveValue('typed-secret');
  await expect(profiles.formError).toHaveCount(0);
});

test('validation errors sit next to their field, described and focused', async ({
  console: app,
}) => {
  const profiles = new ProfilesPage(app.page);
  await profiles.open();
  const cases = [
    {
      input: { name: '', accountId: '9900000', username: 'u', password: 'p' },
      field: profiles.nameField,
      text: 'The profile name must be 1 to 60 characters.',
    },
    {
      input: { name: 'Local demo', accountId: '9900000', username: 'u', password: 'p' },
      field: profiles.nameField,
      text: 'Another profile already has this name.',
    },
    {
      input: { name: 'X', accountId: 'not an id', username: 'u', password: 'p' },
      field: profiles.accountIdField,
      text: "The account id must be 1 to 64 letters, digits, '-' or '_'",
    },
    {
      input: { name: 'X', accountId: '9900000', username: 'a:b', password: 'p' },
      field: profiles.usernameField,
      text: "The API username cannot contain ':'",
    },
    {
      input: { name: 'X', accountId: '9900000', username: 'u', password: '' },
      field: profiles.passwordField,
      text: 'The API password must be 1 to 1024 characters.',
    },
    {
      input: { name: 'X', accountId: '9900000', username: 'u', password: 'p', baseUrl: 'ftp://x' },
      field: profiles.baseUrlField,
      text: 'The API base URL must use https',
    },
  ];
  for (const { input, field, text } of cases) {
    await profiles.addAccount(input);
    await expect(field).toHaveAttribute('aria-invalid', 'true');
    await expect(field).toBeFocused();
    await expect(field).toHaveAccessibleDescription(new RegExp(escapeRegExp(text)));
    await expect(profiles.formError).toHaveCount(0);
  }
  await expectNoSeriousViolations(app.page, 'profiles form with errors');
});

const noKeychain = test.extend({
  host: async ({ simulate }, use) => {
    // The host's keytar cannot reach a Secret Service on this bus: the keychain is unavailable.
    const saved = process.env['DBUS_SESSION_BUS_ADDRESS'];
    process.env['DBUS_SESSION_BUS_ADDRESS'] = 'unix:path=/nonexistent/patchbay-no-bus';
    let host;
    try {
      host = await startHost({ simulate });
    } finally {
      if (saved === undefined) delete process.env['DBUS_SESSION_BUS_ADDRESS'];
      else process.env['DBUS_SESSION_BUS_ADDRESS'] = saved;
    }
    await use(host);
    await host.stop();
  },
});

noKeychain(
  'the credentials are checked first, then the keychain: unavailable, it says so in words',
  async ({ console: app }) => {
    const profiles = new ProfilesPage(app.page);
    await profiles.open();
    // Wrong credentials are reported as such, not hidden behind the keychain.
    await profiles.addAccount({ name: 'Keyless', ...app.localApi, password: 'wrong' });
    await expect(profiles.formError).toContainText('(401): check the username and password');
    await expect(profiles.formError).not.toContainText('keychain');

    await profiles.passwordField.fill(app.localApi.password);
    await profiles.submitButton.click();
    const message = profiles.formError.locator('p').first();
    await expect(message).toContainText(
      'The credentials work, but Patchbay cannot save the password because the system keychain is unavailable (it is locked, or not running).',
    );
    await expect(message).toContainText('unlock or start it');
    await expect(message).not.toContainText(/D-Bus|DBus|X11/i);
    // The technical text is there, behind "Details", for whoever helps.
    await expect(profiles.formDetails).not.toHaveAttribute('open');
    await profiles.formDetails.getByText('Details').click();
    await expect(profiles.formDetails.locator('code')).toBeVisible();
    await expect(profiles.passwordField).toHaveValue(app.localApi.password);
    await expect(profiles.profile('Keyless')).toHaveCount(0);
  },
);

const noKeytar = test.extend({
  host: async ({ simulate }, use) => {
    // An installation where npm left keytar out (its native build failed): the module is missing.
    const hook = join(import.meta.dirname, '../support/hooks/no-keytar.mjs');
    const host = await startHost({ simulate, nodeOptions: `--import ${pathToFileURL(hook).href}` });
    await use(host);
    await host.stop();
  },
});

noKeytar(
  'without the keychain module the Local demo still works and adding an account says what to install',
  async ({ console: app }) => {
    const sessions = new SessionsPage(app.page);
    await sessions.open();
    await expect(sessions.items().first()).toBeVisible();
    const profiles = new ProfilesPage(app.page);
    await profiles.open();
    await profiles.addAccount({ name: 'Keyless', ...app.localApi });
    await expect(profiles.formError.locator('p').first()).toHaveText(
      'The credentials work, but Patchbay cannot save the password because the OS keychain library is ' +
        'not available in this installation: install libsecret-1-dev (Debian and Ubuntu), then ' +
        'run `npm install` again and restart Patchbay; nothing was stored.',
    );
    await expect(profiles.profile('Keyless')).toHaveCount(0);
  },
);

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
