import { expect, test } from '@playwright/test';

test('the built renderer loads under its Content-Security-Policy without errors', async ({
  page,
}) => {
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(message.text());
  });

  await page.goto('/');

  await expect(page).toHaveTitle('Patchbay');
  await expect(page.getByRole('heading', { level: 1, name: 'Patchbay' })).toBeVisible();
  await expect(page.getByTestId('shell')).toHaveText('Renderer running in: browser');
  const csp = await page
    .locator('meta[http-equiv="Content-Security-Policy"]')
    .getAttribute('content');
  expect(csp).toContain("default-src 'self'");
  expect(csp).toContain("object-src 'none'");
  expect(await page.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe(
    'undefined',
  );
  expect(problems).toEqual([]);
});
