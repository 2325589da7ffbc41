/**
 * A web page in real Chromium cannot drive the local API's control surface: the no-cors requests
 * any page may send (no preflight, no answer needed) change nothing. The page comes from another
 * loopback port, like any local web server a supervisor might have open.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test } from '@playwright/test';
import { createLocalApi, type LocalApi } from '../../src-main/local-api';

let api: LocalApi;
let page: Server;
let pageUrl: string;

test.beforeAll(async () => {
  api = await createLocalApi({ seed: 'demo' });
  page = createServer((_request, response) =>
    response.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>x</title>'),
  );
  await new Promise<void>((done) => page.listen(0, '127.0.0.1', done));
  pageUrl = `http://127.0.0.1:${(page.address() as AddressInfo).port}/`;
});

test.afterAll(async () => {
  await api?.close();
  await new Promise((done) => page?.close(done));
});

test('no-cors requests from another page change nothing on the control surface', async ({
  page: tab,
}) => {
  const before = api.control.state();
  expect(before.sessions.length).toBeGreaterThan(0);
  await tab.goto(pageUrl);
  const sent = await tab.evaluate(async (target) => {
    const attempts: Promise<unknown>[] = [
      fetch(`${target}/_local/reset`, { method: 'POST', mode: 'no-cors' }),
      fetch(`${target}/_local/reset`, { method: 'POST', mode: 'no-cors', body: '{}' }),
      fetch(`${target}/_local/faults/failures`, {
        method: 'POST',
        mode: 'no-cors',
        body: JSON.stringify({ kind: 'reset' }),
      }),
      fetch(`${target}/_local/stats`, { method: 'DELETE', mode: 'no-cors' }).catch(() => null),
    ];
    await Promise.allSettled(attempts);
    return attempts.length;
  }, api.url);
  expect(sent).toBe(4);
  expect(api.control.state()).toEqual(before);
  expect(api.control.faults().failures).toEqual([]);
});
