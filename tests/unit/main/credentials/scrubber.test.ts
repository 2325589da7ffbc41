import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ActiveSecrets,
  apiSecrets,
  basicToken,
  fixedSecrets,
  REDACTED,
  Scrubber,
} from '../../../../src-main/credentials';

const PASSWORD = 'Sw0rd"fish/&9';
const USER = 'api-user';

function scrubberWith(password = PASSWORD, mode: 'outgoing' | 'log' = 'outgoing'): Scrubber {
  const secrets = new ActiveSecrets();
  secrets.register('profile-1', apiSecrets(USER, password));
  return new Scrubber({ secrets, mode });
}

describe('the active secrets of an account', () => {
  it('are replaced as they are, inside JSON text and URL-encoded', () => {
    const s = scrubberWith();
    const json = JSON.stringify({ error: `bad password ${PASSWORD}` });
    expect(s.text(`echo: ${PASSWORD}!`)).toBe(`echo: ${REDACTED}!`);
    expect(s.text(json)).toBe(JSON.stringify({ error: `bad password ${REDACTED}` }));
    expect(s.text(`?p=${encodeURIComponent(PASSWORD)}`)).toBe(`?p=${REDACTED}`);
    expect(s.text(`token ${basicToken(USER, PASSWORD)} seen`)).toBe(`token ${REDACTED} seen`);
  });

  it('note which kind of secret they were, never the secret', () => {
    const { value, redactions } = scrubberWith().inspect({
      a: `x ${PASSWORD}`,
      b: [`Basic ${basicToken(USER, PASSWORD)}`],
    });
    expect(value).toEqual({ a: `x ${REDACTED}`, b: [`Basic ${REDACTED}`] });
    expect(redactions).toEqual([
      { field: 'a', rule: "the account's API password" },
      { field: 'b.0', rule: "the account's Basic auth token" },
    ]);
    expect(JSON.stringify(redactions)).not.toContain('Sw0rd');
  });

  it('a very short secret is taken only as a whole word', () => {
    const s = scrubberWith('ab1');
    expect(s.text('about ab1 lab1 ab1.')).toBe(`about ${REDACTED} lab1 ${REDACTED}.`);
  });

  it('are forgotten with their profile and replaced when registered again', () => {
    const secrets = new ActiveSecrets();
    const s = new Scrubber({ secrets });
    secrets.register('p1', apiSecrets(USER, 'first-password'));
    secrets.register('p1', apiSecrets(USER, 'second-password'));
    expect(s.text('first-password second-password')).toBe(`first-password ${REDACTED}`);
    secrets.forget('p1');
    expect(s.text('second-password')).toBe('second-password');
    expect(secrets.secrets()).toEqual([]);
  });

  it('never survive scrubbing, wherever they stand (property)', () => {
    const secret = fc
      .string({ minLength: 4, maxLength: 30 })
      .filter((x) => !REDACTED.includes(x) && x.trim() === x && x.trim().length >= 4);
    fc.assert(
      fc.property(fc.string(), secret, fc.string(), (before, password, after) => {
        const s = new Scrubber({ secrets: fixedSecrets(apiSecrets(USER, password)) });
        const once = s.text(`${before}${password}${after}`);
        expect(once).not.toContain(password);
        expect(s.text(once)).toBe(once);
      }),
    );
  });
});

describe('credential patterns (no secret known)', () => {
  const s = new Scrubber();
  const basic = basicToken('someone', 'pw-123');

  it.each([
    ['Authorization: Basic abc', 'Authorization: [redacted]'],
    ['{"Authorization":"Bearer abc.def"}', '{"Authorization":"[redacted]"}'],
    ['Proxy-Authorization: Digest x', 'Proxy-Authorization: [redacted]'],
    ['GET /?authorization=xyz&a=b', 'GET /?authorization=[redacted]&a=b'],
    ['authorization: per lead', 'authorization: [redacted] lead'],
    [`sent Basic ${basic}`, 'sent Basic [redacted]'],
    ['Bearer eyJhbGciOi.eyJzdWIi.sig', 'Bearer [redacted]'],
    ['login failed password=hunter2 user=x', 'login failed password=[redacted] user=x'],
    ['{"apiKey": "k-123"}', '{"apiKey": "[redacted]"}'],
    ['client_secret: abc', 'client_secret: [redacted]'],
  ])('%s', (text, expected) => {
    expect(s.text(text)).toBe(expected);
    expect(s.text(expected)).toBe(expected);
  });

  it('leave ordinary words alone', () => {
    for (const text of [
      'Basic routing for new authorization flow',
      'The API password must be 1 to 1024 characters.',
      'Bearer of good news',
      'the API username or password is wrong',
    ]) {
      expect(s.text(text)).toBe(text);
    }
  });

  it('redact the value of a password-like field and any credential in keys', () => {
    const { value, redactions } = s.inspect({
      password: 'hunter2',
      nested: [{ apiPassword: 42, Secret: null }],
      'authorization: abc': 1,
      fine: 'ok',
      missing: undefined,
    });
    expect(value).toEqual({
      password: REDACTED,
      nested: [{ apiPassword: REDACTED, Secret: null }],
      'authorization: [redacted]': 1,
      fine: 'ok',
      missing: undefined,
    });
    expect(redactions.map((r) => r.field)).toEqual([
      'password',
      'nested.0.apiPassword',
      'authorization: [redacted]',
    ]);
  });

  it('keep device tokens in results and events, but not in logs', () => {
    const token = 'eyJhbGciOiJIUzI1NiJ9.eyJwaWQiOiJ4In0.c2lnbmF0dXJl';
    const view = { token, bxml: `uui="${token};encoding=jwt"`, log: `GET /x?token=${token}` };
    expect(new Scrubber().value(view)).toEqual(view);
    expect(new Scrubber({ mode: 'log' }).value(view)).toEqual({
      token: REDACTED,
      bxml: `uui="${REDACTED};encoding=jwt"`,
      log: `GET /x?token=${REDACTED}`,
    });
  });

  it('leave values that are not plain data as they are', () => {
    const date = new Date(0);
    expect(s.value({ at: date, n: 1, ok: true }).at).toBe(date);
  });
});
