import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import {
  DirectoryFeedError,
  parseDirectoryFeed,
  parseDirectoryFeedText,
} from '../../../../src-main/directory';
import { REPO_ROOT } from '../../../support/openapi';

const schema = JSON.parse(
  readFileSync(resolve(REPO_ROOT, 'docs/directory-feed.schema.json'), 'utf8'),
) as object;
const example = JSON.parse(
  readFileSync(resolve(REPO_ROOT, 'docs/directory-feed.example.json'), 'utf8'),
) as Record<string, unknown>;
const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;
const validate = addFormats(new Ajv({ allErrors: true, strict: false })).compile(schema);

const FEED_URL = 'https://cc.example.test/directory/v1/calls';

type Json = Record<string, unknown>;
const clone = (): Json => structuredClone(example);
const call = (feed: Json, i = 0): Json => (feed['calls'] as Json[])[i] as Json;
const person = (feed: Json, c = 0, p = 0): Json =>
  (call(feed, c)['participants'] as Json[])[p] as Json;

function refusal(value: unknown): DirectoryFeedError {
  try {
    parseDirectoryFeed(value, FEED_URL);
  } catch (error) {
    if (error instanceof DirectoryFeedError) return error;
    throw error;
  }
  throw new Error('the feed was accepted');
}

describe('the directory feed format', () => {
  it('accepts the documented example, which the JSON schema accepts too', () => {
    expect(validate(example)).toBe(true);
    const snapshot = parseDirectoryFeed(example, FEED_URL);
    expect(snapshot.calls).toHaveLength(2);
    expect(snapshot.calls[0]?.participants.map((p) => p.role)).toEqual([
      'customer',
      'agent',
      'supervisor',
    ]);
    // A relative events URL is resolved against the feed's own URL.
    expect(snapshot.events).toBe('https://cc.example.test/directory/v1/calls/events');
  });

  it('drops members the format does not define (a phone number never gets kept)', () => {
    const feed = clone();
    person(feed)['phone'] = '+1 555 0100';
    call(feed)['crmId'] = 'x';
    const snapshot = parseDirectoryFeed(feed, FEED_URL);
    expect(JSON.stringify(snapshot)).not.toContain('555');
    expect(JSON.stringify(snapshot)).not.toContain('crmId');
  });

  const cases: [string, (feed: Json) => unknown, string, RegExp][] = [
    ['not an object', () => [], '', /the directory feed must be a JSON object/],
    ['version 2', (f) => ((f['version'] = 2), f), 'version', /version must be 1.*\(got 2\)/],
    ['no version', (f) => (delete f['version'], f), 'version', /version is required/],
    [
      'generatedAt without an offset',
      (f) => ((f['generatedAt'] = '2026-11-24T09:41:07'), f),
      'generatedAt',
      /generatedAt must be an RFC 3339 date-time with an offset/,
    ],
    ['calls not an array', (f) => ((f['calls'] = {}), f), 'calls', /calls must be an array/],
    [
      'too many calls',
      (f) => (
        (f['calls'] = Array.from({ length: 1001 }, (_, i) => ({
          ...call(f),
          sessionId: `s${i}`,
          participants: [],
        }))),
        f
      ),
      'calls',
      /calls has more than 1000 calls/,
    ],
    [
      'a blank label',
      (f) => ((call(f, 1)['label'] = '   '), f),
      'calls[1].label',
      /calls\[1\]\.label must not be blank/,
    ],
    [
      'a long queue',
      (f) => ((call(f)['queue'] = 'q'.repeat(61)), f),
      'calls[0].queue',
      /at most 60 characters/,
    ],
    [
      'a session id with a space',
      (f) => ((call(f)['sessionId'] = 'a b'), f),
      'calls[0].sessionId',
      /printable ASCII without spaces/,
    ],
    [
      'a bad start time',
      (f) => ((call(f)['startedAt'] = 'yesterday'), f),
      'calls[0].startedAt',
      /calls\[0\]\.startedAt must be an RFC 3339 date-time/,
    ],
    [
      '21 participants',
      (f) => {
        const one = person(f);
        call(f)['participants'] = Array.from({ length: 21 }, (_, i) => ({
          ...one,
          participantId: `p${i}`,
        }));
        return f;
      },
      'calls[0].participants',
      /has more than 20 participants/,
    ],
    [
      'an unknown role',
      (f) => ((person(f, 0, 2)['role'] = 'boss'), f),
      'calls[0].participants[2].role',
      /role must be customer, agent, supervisor or other \(got "boss"\)/,
    ],
    [
      'a display name with a bidi override',
      (f) => ((person(f)['displayName'] = 'Ada \u202eevil'), f),
      'calls[0].participants[0].displayName',
      /control or bidirectional-override characters/,
    ],
    [
      'a long display name',
      (f) => ((person(f)['displayName'] = 'n'.repeat(81)), f),
      'calls[0].participants[0].displayName',
      /at most 80 characters/,
    ],
    [
      'a missing participant id',
      (f) => (delete person(f, 1, 1)['participantId'], f),
      'calls[1].participants[1].participantId',
      /participantId must be a string/,
    ],
    [
      'the same session twice',
      (f) => ((call(f, 1)['sessionId'] = call(f)['sessionId']), f),
      'calls[1].sessionId',
      /repeats the session of calls\[0\]/,
    ],
    [
      'a participant in two calls',
      (f) => ((person(f, 1, 0)['participantId'] = person(f, 0, 1)['participantId']), f),
      'calls[1].participants[0].participantId',
      /repeats calls\[0\]\.participants\[1\]\.participantId/,
    ],
    [
      'an events URL on another origin',
      (f) => ((f['events'] = 'https://elsewhere.example.test/events'), f),
      'events',
      /events must be on the feed's own origin/,
    ],
  ];

  it.each(cases)('refuses %s, naming the field', (_name, spoil, field, message) => {
    const feed = spoil(clone());
    const error = refusal(feed);
    expect(error.message).toMatch(message);
    expect(error.field).toBe(field === '' ? undefined : field);
    // The JSON schema agrees (but for the cross-member rules it cannot state).
    if (!/repeats|origin/.test(error.message)) expect(validate(feed)).toBe(false);
  });

  it('says when there is more than one problem', () => {
    const feed = clone();
    person(feed)['role'] = 'boss';
    call(feed, 1)['queue'] = '';
    expect(refusal(feed).message).toMatch(/\(and 1 more problem\)$/);
  });

  it('refuses a body that is not JSON, without echoing much of it', () => {
    expect(() => parseDirectoryFeedText('<html>login</html>')).toThrow(
      /the directory feed is not valid JSON/,
    );
  });
});
