/**
 * Request-body schemas of the Bandwidth operations (zod), with specific, human error texts. Each
 * parse function takes the parsed JSON body (`undefined` when the request had none) and returns the
 * typed request or throws a 400 `LocalApiError`. Unknown fields are ignored (the spec does not forbid
 * them); checks that need the current state (unknown participant ids, self-subscription, sessionId
 * against the path) live in the store.
 */
import { z } from 'zod';
import { DEVICE_API_VERSIONS, MAX_TAG_LENGTH, PUBLISH_PERMISSIONS } from '../shared/bandwidth-api';
import type {
  CreateParticipantRequest,
  CreateSessionRequest,
  Subscriptions,
} from '../shared/bandwidth-api';
import { hasControlCharacter } from '../shared/text';
import { badRequest } from './errors';
import { MAX_CALLBACK_URL_LENGTH, MAX_STREAM_ALIASES, MAX_STREAM_ALIAS_LENGTH } from './limits';

/** A short, safe rendering of an offending value for an error text. */
function show(value: unknown): string {
  if (value === undefined) return 'nothing';
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}

function characters(text: string): number {
  return [...text].length;
}

function isAbsoluteHttpUrl(text: string): boolean {
  if (!URL.canParse(text)) return false;
  const url = new URL(text);
  return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
}

/** Adds one issue per repeated string in an array (`what` names the items in the text). */
function noDuplicates(what: string) {
  return (items: readonly string[] | null | undefined, ctx: z.RefinementCtx): void => {
    const seen = new Set<string>();
    (items ?? []).forEach((item, index) => {
      if (seen.has(item)) {
        ctx.addIssue({ code: 'custom', path: [index], message: `repeats ${what} ${show(item)}` });
      }
      seen.add(item);
    });
  };
}

const bodyObject = { error: 'request body must be a JSON object' };

const tagSchema = z
  .string({ error: (iss) => `must be a string (got ${show(iss.input)})` })
  .refine((tag) => characters(tag) <= MAX_TAG_LENGTH, {
    error: (iss) =>
      `must be at most ${MAX_TAG_LENGTH} characters (got ${characters(String(iss.input))})`,
  })
  .refine((tag) => !hasControlCharacter(tag), {
    error: 'must not contain control characters (U+0000–U+001F, U+007F–U+009F)',
  });

const createParticipantSchema = z.object(
  {
    callbackUrl: z
      .string({
        error: (iss) => `must be an absolute http(s) URL or null (got ${show(iss.input)})`,
      })
      .refine((url) => characters(url) <= MAX_CALLBACK_URL_LENGTH, {
        error: (iss) =>
          `must be at most ${MAX_CALLBACK_URL_LENGTH} characters (got ${characters(String(iss.input))})`,
      })
      .refine(isAbsoluteHttpUrl, {
        error: (iss) => `must be an absolute http(s) URL or null (got ${show(iss.input)})`,
      })
      .nullable()
      .optional(),
    publishPermissions: z
      .array(
        z.enum(PUBLISH_PERMISSIONS, {
          error: (iss) => `must be "AUDIO" or "VIDEO" (got ${show(iss.input)})`,
        }),
        { error: (iss) => `must be an array of "AUDIO"/"VIDEO" (got ${show(iss.input)})` },
      )
      .superRefine(noDuplicates('permission'))
      .optional(),
    tag: tagSchema.optional(),
    deviceApiVersion: z
      .enum(DEVICE_API_VERSIONS, {
        error: (iss) => `must be "V3", the only device API version (got ${show(iss.input)})`,
      })
      .optional(),
  },
  bodyObject,
);

const createSessionSchema = z.object({ tag: tagSchema.optional() }, bodyObject);

const participantSubscriptionSchema = z.object(
  {
    participantId: z.string({
      error: (iss) =>
        iss.input === undefined
          ? 'is missing (each entry needs a string participantId)'
          : `must be a string (got ${show(iss.input)})`,
    }),
    streamAliases: z
      .array(
        z
          .string({ error: (iss) => `must be a string (got ${show(iss.input)})` })
          .refine((alias) => characters(alias) <= MAX_STREAM_ALIAS_LENGTH, {
            error: `must be at most ${MAX_STREAM_ALIAS_LENGTH} characters`,
          }),
        { error: (iss) => `must be an array of strings (got ${show(iss.input)})` },
      )
      .max(MAX_STREAM_ALIASES, {
        error: `must hold at most ${MAX_STREAM_ALIASES} stream aliases`,
      })
      .superRefine(noDuplicates('stream alias'))
      .nullish(),
  },
  {
    error: (iss) => `must be an object with a string participantId (got ${show(iss.input)})`,
  },
);

const subscriptionsSchema = z.object(
  {
    sessionId: z.string({ error: (iss) => `must be a string (got ${show(iss.input)})` }).nullish(),
    participants: z
      .array(participantSubscriptionSchema, {
        error: (iss) =>
          `must be an array of {participantId, streamAliases?} (got ${show(iss.input)})`,
      })
      .superRefine((entries, ctx) => {
        noDuplicates('participant')(
          entries.map((e) => e.participantId),
          ctx,
        );
      })
      .nullish(),
  },
  bodyObject,
);

function formatPath(path: readonly PropertyKey[]): string {
  return path
    .map((key, index) =>
      typeof key === 'number' ? `[${key}]` : `${index === 0 ? '' : '.'}${String(key)}`,
    )
    .join('');
}

/** Parses with a zod schema or throws a 400 whose text lists the first problems. */
export function parseOrThrow<T>(schema: z.ZodType<T>, body: unknown): T {
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  const text = result.error.issues
    .slice(0, 3)
    .map((issue) =>
      issue.path.length === 0 ? issue.message : `${formatPath(issue.path)} ${issue.message}`,
    )
    .join('; ');
  throw badRequest(text);
}

export function parseCreateParticipantBody(body: unknown): CreateParticipantRequest {
  if (body === undefined) return {};
  const parsed = parseOrThrow(createParticipantSchema, body);
  const request: CreateParticipantRequest = {};
  if (parsed.callbackUrl !== undefined) request.callbackUrl = parsed.callbackUrl;
  if (parsed.publishPermissions !== undefined)
    request.publishPermissions = parsed.publishPermissions;
  if (parsed.tag !== undefined) request.tag = parsed.tag;
  if (parsed.deviceApiVersion !== undefined) request.deviceApiVersion = parsed.deviceApiVersion;
  return request;
}

export function parseCreateSessionBody(body: unknown): CreateSessionRequest {
  if (body === undefined) return {};
  const parsed = parseOrThrow(createSessionSchema, body);
  return parsed.tag === undefined ? {} : { tag: parsed.tag };
}

/**
 * A subscriptions body as given, with `null` and `""` read as "missing" (the spec: "missing or
 * empty"). `undefined` means the request had no body at all.
 */
export function parseSubscriptionsBody(body: unknown): Subscriptions | undefined {
  if (body === undefined) return undefined;
  const parsed = parseOrThrow(subscriptionsSchema, body);
  const subs: Subscriptions = {};
  if (typeof parsed.sessionId === 'string' && parsed.sessionId !== '') {
    subs.sessionId = parsed.sessionId;
  }
  if (parsed.participants !== null && parsed.participants !== undefined) {
    subs.participants = parsed.participants.map((entry) =>
      entry.streamAliases === null || entry.streamAliases === undefined
        ? { participantId: entry.participantId }
        : { participantId: entry.participantId, streamAliases: entry.streamAliases },
    );
  }
  return subs;
}
