/**
 * The directory feed's parser: the wire format of docs/directory-feed.schema.json (version 1) checked
 * with zod into a `DirectorySnapshot`. Every refusal is a `DirectoryFeedError` that names the field
 * (`calls[3].participants[0].role`) and says what is wrong in plain words; the caller keeps its last
 * good snapshot. Members the format does not define are dropped, never kept.
 */
import { z } from 'zod';
import {
  DIRECTORY_FEED_VERSION,
  DIRECTORY_LIMITS,
  DIRECTORY_ROLES,
  type DirectorySnapshot,
} from '../shared/dto/directory';

/** A feed that could not be used; `field` is where (undefined: the document as a whole). */
export class DirectoryFeedError extends Error {
  override readonly name = 'DirectoryFeedError';
  constructor(
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

const L = DIRECTORY_LIMITS;
// eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
const UNSAFE_TEXT = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

const id = z
  .string({ error: 'must be a string' })
  .min(1, 'must not be empty')
  .max(L.maxIdLength, `must be at most ${L.maxIdLength} characters`)
  .regex(/^[\x21-\x7e]+$/, 'must be printable ASCII without spaces');

const text = (max: number): z.ZodString =>
  z
    .string({ error: 'must be a string' })
    .max(max, `must be at most ${max} characters`)
    .refine((s) => s.trim().length > 0, 'must not be blank')
    .refine(
      (s) => !UNSAFE_TEXT.test(s),
      'must not contain control or bidirectional-override characters',
    );

const dateTime = z.iso.datetime({
  offset: true,
  error: 'must be an RFC 3339 date-time with an offset, e.g. 2026-11-24T09:41:07Z',
});

const participant = z.object(
  {
    participantId: id,
    displayName: text(L.maxDisplayNameLength),
    role: z.enum(DIRECTORY_ROLES, {
      error: (issue) =>
        issue.input === undefined
          ? 'is required'
          : `must be customer, agent, supervisor or other (got ${JSON.stringify(issue.input).slice(0, 40)})`,
    }),
  },
  { error: 'must be an object' },
);

const call = z.object(
  {
    sessionId: id,
    label: text(L.maxLabelLength),
    queue: text(L.maxQueueLength),
    startedAt: dateTime,
    participants: z
      .array(participant, { error: 'must be an array' })
      .max(
        L.maxParticipantsPerCall,
        `has more than ${L.maxParticipantsPerCall} participants (Bandwidth's limit per session)`,
      ),
  },
  { error: 'must be an object' },
);

const feed = z.object(
  {
    version: z.literal(DIRECTORY_FEED_VERSION, {
      error: (issue) =>
        issue.input === undefined
          ? 'is required'
          : `must be ${DIRECTORY_FEED_VERSION}: this Patchbay reads version ${DIRECTORY_FEED_VERSION} of the directory feed (got ${JSON.stringify(issue.input).slice(0, 20)})`,
    }),
    generatedAt: dateTime,
    events: z.string({ error: 'must be a string' }).min(1).max(2048).optional(),
    calls: z
      .array(call, { error: 'must be an array' })
      .max(L.maxCalls, `has more than ${L.maxCalls} calls, the most a snapshot may hold`),
  },
  { error: 'the directory feed must be a JSON object' },
);

function fieldName(path: readonly PropertyKey[]): string {
  return path
    .map((key, i) => (typeof key === 'number' ? `[${key}]` : `${i === 0 ? '' : '.'}${String(key)}`))
    .join('');
}

function duplicates(snapshot: z.infer<typeof feed>): DirectoryFeedError | undefined {
  const sessions = new Map<string, number>();
  const people = new Map<string, string>();
  for (const [c, entry] of snapshot.calls.entries()) {
    const first = sessions.get(entry.sessionId);
    if (first !== undefined) {
      return new DirectoryFeedError(
        `calls[${c}].sessionId repeats the session of calls[${first}]: each call is listed once`,
        `calls[${c}].sessionId`,
      );
    }
    sessions.set(entry.sessionId, c);
    for (const [p, person] of entry.participants.entries()) {
      const where = `calls[${c}].participants[${p}].participantId`;
      const seen = people.get(person.participantId);
      if (seen !== undefined) {
        return new DirectoryFeedError(
          `${where} repeats ${seen}: a participant is in one call, once`,
          where,
        );
      }
      people.set(person.participantId, where);
    }
  }
  return undefined;
}

function resolveEvents(events: string, feedUrl: string | undefined): string {
  let url: URL;
  try {
    url = new URL(events, feedUrl);
  } catch {
    throw new DirectoryFeedError('events is not a valid URL', 'events');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new DirectoryFeedError('events must be an http(s) URL', 'events');
  }
  if (feedUrl !== undefined && url.origin !== new URL(feedUrl).origin) {
    throw new DirectoryFeedError(
      `events must be on the feed's own origin (${new URL(feedUrl).origin}): the token is sent nowhere else`,
      'events',
    );
  }
  return url.href;
}

/**
 * Checks a parsed JSON value against the feed format. `feedUrl` resolves a relative `events` URL
 * and keeps it on the feed's origin. Throws DirectoryFeedError.
 */
export function parseDirectoryFeed(value: unknown, feedUrl?: string): DirectorySnapshot {
  const result = feed.safeParse(value);
  if (!result.success) {
    const [issue, ...rest] = result.error.issues;
    const field = issue === undefined ? '' : fieldName(issue.path);
    const more =
      rest.length > 0 ? ` (and ${rest.length} more problem${rest.length > 1 ? 's' : ''})` : '';
    const message = field === '' ? (issue?.message ?? 'is invalid') : `${field} ${issue?.message}`;
    throw new DirectoryFeedError(`${message}${more}`, field === '' ? undefined : field);
  }
  const duplicate = duplicates(result.data);
  if (duplicate) throw duplicate;
  const { events, ...rest } = result.data;
  return events === undefined ? rest : { ...rest, events: resolveEvents(events, feedUrl) };
}

/** Parses the feed's body text: JSON first, then the format. Throws DirectoryFeedError. */
export function parseDirectoryFeedText(text: string, feedUrl?: string): DirectorySnapshot {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new DirectoryFeedError(`the directory feed is not valid JSON (${reason.slice(0, 120)})`);
  }
  return parseDirectoryFeed(value, feedUrl);
}
