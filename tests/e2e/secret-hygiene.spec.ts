/**
 * Suite 5 (renderer part) — secret hygiene in the browser. An account is added through the
 * Profiles screen (first with a wrong password, then the right one; "Bandwidth" is a second local
 * API with its own password), used (a session created on it) and removed. After each step the
 * page's DOM (markup, every form field's value, the title), localStorage, sessionStorage, IndexedDB,
 * Cache Storage, cookies, the console messages and every WebSocket frame the page RECEIVED are
 * searched for the password, the wrong password and their Basic auth headers: 0 hits. (The page
 * sends the password once, in the `profiles:add` frame: that is the one way it enters main.)
 * A second account sits behind a backend that echoes the credentials in its error bodies: the
 * errors it causes are shown (scrubbed) and the same search finds nothing.
 */
import { randomUUID } from 'node:crypto';
import type { Page } from '@playwright/test';
import { createLocalApi, type LocalApi } from '../../src-main/local-api';
import { startEchoBackend, type EchoBackend } from '../support/reliability/echo-backend';
import { ProfilesPage } from './pages/profiles-page';
import { SessionsPage } from './pages/sessions-page';
import { expect, test } from './support/fixtures';

const PASSWORD = `Ui-Hyg1ene-${randomUUID()}`;
const WRONG = `Ui-Wr0ng-${randomUUID()}`;
const USERNAME = 'ui-hygiene-user';
const basic = (pass: string): string => Buffer.from(`${USERNAME}:${pass}`).toString('base64');
const NEEDLES: Record<string, string> = {
  password: PASSWORD,
  'Basic header': basic(PASSWORD),
  'wrong password': WRONG,
  'wrong Basic header': basic(WRONG),
};

/** Everything the page keeps or shows, as text. */
async function pageContents(page: Page): Promise<Record<string, string>> {
  const inPage = await page.evaluate(async () => {
    const fields = [...document.querySelectorAll('input, textarea, select')].map(
      (el) => (el as HTMLInputElement).value,
    );
    const dump = (storage: Storage): string =>
      JSON.stringify(Object.fromEntries(Object.keys(storage).map((k) => [k, storage.getItem(k)])));
    const databases = await (indexedDB.databases?.() ?? Promise.resolve([]));
    const idb: unknown[] = [];
    for (const info of databases) {
      if (!info.name) continue;
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const open = indexedDB.open(info.name as string);
        open.onsuccess = () => resolve(open.result);
        open.onerror = () => reject(open.error);
      });
      for (const store of [...db.objectStoreNames]) {
        const all = await new Promise<unknown[]>((resolve) => {
          const req = db.transaction(store).objectStore(store).getAll();
          req.onsuccess = () => resolve(req.result as unknown[]);
          req.onerror = () => resolve([]);
        });
        idb.push({ db: info.name, store, all });
      }
      db.close();
    }
    const cached: string[] = [];
    for (const name of await caches.keys()) {
      const cache = await caches.open(name);
      for (const request of await cache.keys()) {
        cached.push(request.url, await ((await cache.match(request))?.text() ?? ''));
      }
    }
    return {
      dom: document.documentElement.outerHTML,
      fields: JSON.stringify(fields),
      title: document.title,
      localStorage: dump(localStorage),
      sessionStorage: dump(sessionStorage),
      indexedDB: JSON.stringify(idb),
      cacheStorage: JSON.stringify(cached),
      cookie: document.cookie,
    };
  });
  const cookies = JSON.stringify(await page.context().cookies());
  return { ...inPage, cookies };
}

function hits(where: string, text: string, needles = NEEDLES): string[] {
  return Object.entries(needles)
    .filter(([, needle]) => text.includes(needle))
    .map(([what]) => `${what} in ${where}`);
}

let cloud: LocalApi | undefined;
let echo: EchoBackend | undefined;
test.afterEach(async () => {
  await echo?.close();
  echo = undefined;
  await cloud?.close();
  cloud = undefined;
});

test('the password never stays in the page: DOM, fields, storage, cookies, console, frames', async ({
  console: app,
}) => {
  cloud = await createLocalApi({ accountId: '5558000', username: USERNAME, password: PASSWORD });
  const page = app.page;
  const received: string[] = [];
  const sent: string[] = [];
  const consoleLines: string[] = [];
  page.on('console', (m) => consoleLines.push(m.text()));
  page.on('websocket', (ws) => {
    ws.on('framereceived', (f) => received.push(String(f.payload)));
    ws.on('framesent', (f) => sent.push(String(f.payload)));
  });
  // The page opened its bridge before the listener existed: reload so every frame is seen.
  await page.reload();

  const found: string[] = [];
  const checkpoint = async (step: string): Promise<void> => {
    for (const [where, text] of Object.entries(await pageContents(page))) {
      found.push(...hits(`${where} after ${step}`, text));
    }
  };
  const account = {
    name: 'Hygiene',
    accountId: cloud.accountId,
    username: USERNAME,
    baseUrl: cloud.baseUrl,
  };
  const profiles = new ProfilesPage(page);
  await profiles.open();

  await profiles.addAccount({ ...account, password: WRONG });
  await expect(profiles.formError).toBeVisible();
  // A refused password stays in its field for the supervisor to correct (issue 15), and nowhere
  // else: with the field emptied, the page holds no trace of it.
  await expect(profiles.passwordField).toHaveValue(WRONG);
  await profiles.passwordField.fill('');
  await checkpoint('a refused password');

  await profiles.addAccount({ ...account, password: PASSWORD });
  await expect(profiles.notifications).toContainText('Added profile “Hygiene”');
  await expect(profiles.passwordField).toHaveValue('');
  await checkpoint('adding the account');

  await profiles.use('Hygiene');
  await expect(profiles.activeProfile).toHaveText('Hygiene');
  const sessions = new SessionsPage(page);
  await sessions.open();
  await sessions.createSession('call-hygiene');
  await expect(sessions.session('call-hygiene')).toBeVisible();
  expect((await cloud.control.state()).sessions.map((s) => s.tag)).toContain('call-hygiene');
  await checkpoint('using the account');

  await profiles.open();
  await profiles.remove('Hygiene');
  await profiles.confirm.confirmButton('Remove profile').click();
  await expect(profiles.profile('Hygiene')).toHaveCount(0);
  await checkpoint('removing the account');

  for (const frame of received) found.push(...hits('a WebSocket frame received', frame));
  for (const line of consoleLines) found.push(...hits('the page console', line));
  const adds = sent.filter((f) => f.includes('"profiles:add"'));
  console.log(
    `[reliability] secret hygiene (renderer): 4 checkpoints of DOM, form fields, title, ` +
      `localStorage, sessionStorage, IndexedDB, Cache Storage and cookies; ${received.length} ` +
      `frames received, ${consoleLines.length} console messages: ${found.length} hits; the ` +
      `password left the page in ${adds.length} profiles:add frames only`,
  );
  expect(found).toEqual([]);
  expect(received.length).toBeGreaterThan(0);
  const carrying = sent.filter((f) => f.includes(PASSWORD));
  expect(carrying.every((f) => f.includes('"profiles:add"'))).toBe(true);
});

test('errors from a backend that echoes the credentials reach the page scrubbed', async ({
  console: app,
}) => {
  const password = `Ui-Ech0-${randomUUID()}`;
  const needles: Record<string, string> = {
    password,
    'first 12 characters of the password': password.slice(0, 12),
    'Basic header': Buffer.from(`${USERNAME}:${password}`).toString('base64'),
  };
  cloud = await createLocalApi({ accountId: '5558100', username: USERNAME, password });
  const backend = (echo = await startEchoBackend(cloud));
  const page = app.page;
  const received: string[] = [];
  page.on('websocket', (ws) => ws.on('framereceived', (f) => received.push(String(f.payload))));
  await page.reload();
  const found: string[] = [];
  const checkpoint = async (step: string): Promise<void> => {
    for (const [where, text] of Object.entries(await pageContents(page))) {
      found.push(...hits(`${where} after ${step}`, text, needles));
    }
  };

  const profiles = new ProfilesPage(page);
  await profiles.open();
  await profiles.addAccount({
    name: 'Echoing',
    accountId: cloud.accountId,
    username: USERNAME,
    password,
    baseUrl: backend.baseUrl,
  });
  await expect(profiles.notifications).toContainText('Added profile “Echoing”');
  await profiles.use('Echoing');
  await expect(profiles.activeProfile).toHaveText('Echoing');

  const sessions = new SessionsPage(page);
  await sessions.open();
  backend.echo({ method: 'POST', path: /\/sessions$/, status: 500, shape: 'json-error' });
  await sessions.createSession('echo-refused');
  const alert = sessions.createForm.getByRole('alert');
  await expect(alert).toContainText(
    `Create session failed: Credentials ${USERNAME}:[redacted] refused`,
  );
  await expect(alert).toContainText('[redacted]');
  await checkpoint('a create answered with the credentials');

  backend.clear();
  await sessions.createSession('echo-call');
  const item = sessions.session('echo-call');
  await expect(item).toBeVisible();
  backend.echo({ method: 'GET', path: /\/participants$/, status: 500, shape: 'json-message' });
  await expect(item).toContainText('Unreachable', { timeout: 20_000 });
  await expect(item).toContainText('[redacted]');
  await checkpoint('polls answered with the credentials');
  backend.clear();

  for (const frame of received) found.push(...hits('a WebSocket frame received', frame, needles));
  console.log(
    `[reliability] secret hygiene (renderer): backend echoing credentials: ` +
      `${backend.echoed} echoed answers, 2 checkpoints, ${received.length} frames received: ` +
      `${found.length} hits`,
  );
  expect(found).toEqual([]);
  expect(backend.echoed).toBeGreaterThanOrEqual(2);
});
