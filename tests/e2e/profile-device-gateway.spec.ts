/**
 * Issue 16: a Bandwidth profile's device gateway (where my own audio connects), on the Profiles
 * screen against the real console: optional when adding an account, with its errors beside the
 * other fields' at once; editable on the profile's card; and, once changed on the active profile,
 * a plain request to reload, after which the page's security policy lets it connect there.
 */
import { expectNoSeriousViolations } from './helpers/axe';
import { ProfilesPage } from './pages/profiles-page';
import { expect, test } from './support/fixtures';

const DEFAULT_GATEWAY = 'wss://device.webrtc.bandwidth.com';

test('the add form takes a gateway, marks it wrong with the other fields at once, and keeps it', async ({
  console: app,
}) => {
  const profiles = new ProfilesPage(app.page);
  await profiles.open();
  await expect(profiles.deviceGatewayField).toHaveAttribute('placeholder', DEFAULT_GATEWAY);
  await expect(profiles.deviceGatewayField).toHaveAccessibleDescription(
    /Leave empty for Bandwidth’s, wss:\/\/device\.webrtc\.bandwidth\.com/,
  );
  await expect(profiles.profile('Local demo').getByRole('form')).toHaveCount(1); // its name only

  await profiles.addAccount({
    ...app.localApi,
    name: 'Gateway',
    accountId: 'not an id',
    deviceGatewayUrl: 'wss://gw.example.com/v3',
  });
  await expect(profiles.accountIdField).toHaveAttribute('aria-invalid', 'true');
  await expect(profiles.deviceGatewayField).toHaveAttribute('aria-invalid', 'true');
  await expect(profiles.deviceGatewayField).toHaveAccessibleDescription(
    /The device gateway URL must not end in \/v3: the SDK adds \/v3\/ itself, so leave it off\./,
  );
  await expect(profiles.accountIdField).toBeFocused();
  await expectNoSeriousViolations(app.page, 'profiles form with a wrong gateway');

  await profiles.accountIdField.fill(app.localApi.accountId);
  await profiles.deviceGatewayField.fill('ws://gw.example.com');
  await profiles.submitButton.click();
  await expect(profiles.deviceGatewayField).toHaveAccessibleDescription(
    /plain ws:\/\/ is allowed only for localhost, 127\.0\.0\.1 or \[::1\]/,
  );
  await expect(profiles.accountIdField).not.toHaveAttribute('aria-invalid', 'true');

  await profiles.deviceGatewayField.fill(' wss://GW.example.com:8443/ ');
  await profiles.submitButton.click();
  const card = profiles.gatewayForm('Gateway');
  await expect(card.getByRole('textbox')).toHaveValue('wss://gw.example.com:8443');
  await expect(profiles.deviceGatewayField).toHaveValue('');
});

test('the card edits the gateway; the active profile asks for a reload, which allows it', async ({
  console: app,
}) => {
  const profiles = new ProfilesPage(app.page);
  await profiles.open();
  await profiles.addAccount({ name: 'Cloud', ...app.localApi });
  const form = profiles.gatewayForm('Cloud');
  const field = form.getByRole('textbox');
  await expect(field).toHaveValue('');
  await expect(field).toHaveAttribute('placeholder', DEFAULT_GATEWAY);
  await profiles.use('Cloud');
  // Added after this page loaded: Bandwidth's own gateway is not in its policy yet.
  const notice = app.page.getByRole('status', { name: 'Your audio' });
  await expect(notice).toContainText(`Your audio now connects through ${DEFAULT_GATEWAY}`);
  await app.page.reload();
  await profiles.title.waitFor();
  await expect(notice).toBeEmpty();

  await field.fill('wss://gw.example.com/v3');
  await form.getByRole('button', { name: 'Save gateway' }).click();
  await expect(field).toHaveAttribute('aria-invalid', 'true');
  await expect(field).toHaveAccessibleDescription(/must not end in \/v3/);
  await expect(field).toHaveValue('wss://gw.example.com/v3');
  await expect(notice).toBeEmpty();

  await field.fill('wss://gw.example.com:8443');
  await expect(field).not.toHaveAttribute('aria-invalid', 'true');
  await form.getByRole('button', { name: 'Save gateway' }).click();
  await expect(profiles.notifications).toContainText(
    'Your audio connects through wss://gw.example.com:8443.',
  );
  await expect(notice).toContainText('wss://gw.example.com:8443');
  await expect(notice).toContainText('Reload the window');
  await expectNoSeriousViolations(app.page, 'reload notice for a new gateway');

  // The next document's policy names it; after the reload nothing more is asked.
  const response = await app.page.request.get(app.page.url());
  expect(response.headers()['content-security-policy']).toMatch(
    /connect-src [^;]*wss:\/\/gw\.example\.com:8443/,
  );
  await notice.getByRole('button', { name: 'Reload window' }).click();
  await profiles.title.waitFor();
  await expect(notice).toBeEmpty();
  await expect(field).toHaveValue('wss://gw.example.com:8443');

  // Emptied: back to Bandwidth's, which no profile used when this page loaded.
  await field.fill('');
  await form.getByRole('button', { name: 'Save gateway' }).click();
  await expect(profiles.notifications).toContainText(
    'Your audio connects through Bandwidth’s device gateway.',
  );
  await expect(field).toHaveValue('');
  await expect(notice).toContainText(`Your audio now connects through ${DEFAULT_GATEWAY}`);
});
