/**
 * The schemas main checks every request's one object argument against before its handler runs
 * (the renderer is untrusted), keyed like the contract (`shared/contract`). Main and tests only: no
 * zod reaches the preload or the renderer. Each schema must describe exactly the input type the
 * contract declares, or this file does not compile.
 */
import { z } from 'zod';
import { MAX_TAG_LENGTH, PUBLISH_PERMISSIONS } from '../shared/bandwidth-api';
import type { Requests as Contract, RequestName } from '../shared/contract';
import type { InputOf, OutputOf } from '../shared/contract/bridge';
import { MAX_DEVICE_GATEWAY_URL_LENGTH } from '../shared/device-gateway';
import { OUTSIDE_CHANGE_DECISIONS } from '../shared/dto/alerts';
import { AUDIT_ACTIONS, AUDIT_OUTCOMES } from '../shared/dto/audit';
import { DIRECTORY_LIMITS } from '../shared/dto/directory';
import { ME_MODES } from '../shared/dto/me';
import { THEMES } from '../shared/dto/settings';
import { ROLES } from '../shared/routing/model';
import type { Same } from '../shared/type-checks';
import { idSchema } from './id-schema';
import { intentSchema } from './intent-schema';
import type { RequestSpec } from './request-spec';

const id = idSchema;
const tag = z
  .string()
  .max(MAX_TAG_LENGTH, `A tag is at most ${MAX_TAG_LENGTH} characters`)
  .optional();
const none = z.strictObject({});
/** Checked in full (and normalised) by the profile service, which says exactly what is wrong. */
const deviceGatewayUrl = z
  .string()
  .max(
    MAX_DEVICE_GATEWAY_URL_LENGTH,
    `The device gateway URL must be at most ${MAX_DEVICE_GATEWAY_URL_LENGTH} characters.`,
  );
/**
 * Every request that changes something names the profile (account) the screen showed when it was
 * made; main refuses it, changing nothing, when another profile is active by then.
 */
const profileId = id('Profile id');

/** The longest person a filter names (a directory name, a participant id or a supervisor). */
const MAX_AUDIT_PERSON = 200;

const auditFilterSchema = z
  .strictObject({
    sessionId: id('Call (session id)').optional(),
    profileId: id('Profile id').optional(),
    outcome: z
      .enum(AUDIT_OUTCOMES, { error: `outcome must be one of: ${AUDIT_OUTCOMES.join(', ')}` })
      .optional(),
    person: z
      .string({ error: 'person must be a name or a participant id' })
      .trim()
      .min(1, 'person is empty: give a name or a participant id')
      .max(MAX_AUDIT_PERSON, `person is longer than ${MAX_AUDIT_PERSON} characters`)
      .optional(),
    action: z
      .enum(AUDIT_ACTIONS, { error: `action must be one of: ${AUDIT_ACTIONS.join(', ')}` })
      .optional(),
    from: z.iso.datetime({ error: 'from must be an ISO date-time' }).optional(),
    to: z.iso.datetime({ error: 'to must be an ISO date-time' }).optional(),
  })
  .refine(
    (f) => f.from === undefined || f.to === undefined || Date.parse(f.from) < Date.parse(f.to),
    {
      message: 'from must be before to (the "until" time)',
      path: ['to'],
    },
  );

type Agreeing<T> = {
  [K in keyof T]: K extends RequestName
    ? T[K] extends z.ZodType
      ? Same<z.input<T[K]>, InputOf<Contract[K]>> extends true
        ? T[K]
        : { schemaInputDiffersFromTheContract: InputOf<Contract[K]> }
      : never
    : { notInTheContract: K };
};

type Checked<T extends Record<RequestName, z.ZodType>> = {
  [K in RequestName]: RequestSpec<T[K], OutputOf<Contract[K]>>;
};

/** Pairs each schema with the contract's output type; a disagreeing schema does not compile. */
function checkedAgainstContract<const T extends Record<RequestName, z.ZodType>>(
  schemas: T & Agreeing<T>,
): Checked<T> {
  const specs: Record<string, RequestSpec> = {};
  for (const [name, input] of Object.entries<z.ZodType>(schemas)) specs[name] = { input };
  return specs as Checked<T>;
}

export const requests = checkedAgainstContract({
  'profiles:list': none,
  'profiles:add': z.strictObject({
    name: z.string().max(80),
    accountId: z.string().max(64),
    username: z.string().max(256),
    password: z.string().max(1024),
    baseUrl: z.string().max(2048).optional(),
    deviceGatewayUrl: deviceGatewayUrl.optional(),
  }),
  'profiles:rename': z.strictObject({ profileId: id('Profile id'), name: z.string().max(80) }),
  'profiles:remove': z.strictObject({ profileId: id('Profile id') }),
  'profiles:select': z.strictObject({ profileId: id('Profile id') }),
  'profiles:setSupervisor': z.strictObject({
    profileId: id('Profile id'),
    displayName: z.string().max(200, 'A display name is at most 200 characters').nullable(),
  }),
  'profiles:setDeviceGateway': z.strictObject({
    profileId: id('Profile id'),
    url: deviceGatewayUrl.nullable(),
  }),

  'floor:get': none,
  'sessions:list': none,
  'sessions:create': z.strictObject({ profileId, tag }),
  'sessions:watch': z.strictObject({
    profileId,
    sessionId: id('Session id'),
    // A directory label, as the floor opens a call under it.
    label: z.string().max(DIRECTORY_LIMITS.maxLabelLength).optional(),
  }),
  'sessions:discover': z.strictObject({ profileId, participantId: id('Participant id') }),
  'sessions:unwatch': z.strictObject({ profileId, sessionId: id('Session id') }),
  'sessions:delete': z.strictObject({ profileId, sessionId: id('Session id') }),
  'sessions:focus': z.strictObject({ profileId, sessionId: id('Session id').nullable() }),
  'sessions:refresh': z.strictObject({ sessionId: id('Session id') }),

  'participants:create': z.strictObject({
    profileId,
    publishPermissions: z
      .array(z.enum(PUBLISH_PERMISSIONS))
      .max(2)
      .refine((p) => new Set(p).size === p.length, 'publishPermissions must not repeat'),
    tag,
    callbackUrl: z
      .url({ protocol: /^https?$/, error: 'callbackUrl must be an http(s) URL' })
      .optional(),
  }),
  'participants:add': z.strictObject({
    profileId,
    sessionId: id('Session id'),
    participantId: id('Participant id'),
  }),
  'participants:remove': z.strictObject({
    profileId,
    sessionId: id('Session id'),
    participantId: id('Participant id'),
  }),
  'participants:delete': z.strictObject({ profileId, participantId: id('Participant id') }),
  'participants:setRole': z.strictObject({
    profileId,
    participantId: id('Participant id'),
    role: z.enum(ROLES).nullable(),
  }),

  'routing:preview': z.strictObject({ sessionId: id('Session id'), intent: intentSchema }),
  'routing:apply': z
    .strictObject({
      profileId,
      sessionId: id('Session id'),
      intent: intentSchema,
      confirmedViolations: z.boolean().optional(),
      reason: z.string().max(500, 'A reason is at most 500 characters').optional(),
      /** A timed route: reverted automatically after this long (ms), or when stopped. */
      durationMs: z
        .number()
        .int()
        .min(1_000)
        .max(12 * 3600_000)
        .optional(),
      untilStopped: z.literal(true).optional(),
    })
    .refine((v) => !(v.durationMs && v.untilStopped), 'Give durationMs or untilStopped, not both'),
  'routing:undo': z.strictObject({
    profileId,
    sessionId: id('Session id'),
    /** The user saw what the undo risks (it gives a barge back, it cuts an agent off) and confirmed. */
    confirmedViolations: z.boolean().optional(),
  }),
  'routing:redo': z.strictObject({
    profileId,
    sessionId: id('Session id'),
    /** The user confirmed what the redo risks, or the roles it relies on (only guessed from tags). */
    confirmedViolations: z.boolean().optional(),
  }),
  'routing:history': z.strictObject({ sessionId: id('Session id') }),
  'routing:timers': none,
  'routing:stopTimer': z.strictObject({ profileId, timerId: id('Timer id') }),

  'me:state': none,
  'me:act': z.strictObject({
    profileId,
    sessionId: id('Session id'),
    mode: z.enum(ME_MODES, { error: 'mode must be monitor, coach or barge' }),
    confirmed: z.boolean().optional(),
  }),
  'me:leave': z.strictObject({ profileId }),
  'me:audio': z.strictObject({ profileId }),
  'alerts:list': none,
  'alerts:acknowledge': z.strictObject({
    profileId,
    alertId: z.string().min(1).max(600, 'An alert id is at most 600 characters'),
  }),
  'alerts:decide': z.strictObject({
    profileId,
    sessionId: id('Session id'),
    participantId: id('Participant id'),
    decision: z.enum(OUTSIDE_CHANGE_DECISIONS),
  }),

  'audit:query': z.strictObject({ filter: auditFilterSchema }),
  'audit:export': z.strictObject({ format: z.enum(['csv', 'json']), filter: auditFilterSchema }),

  'settings:get': none,
  'settings:update': z.strictObject({
    preferences: z.strictObject({
      pollFastMs: z.number().int().optional(),
      pollSlowMs: z.number().int().optional(),
      confirmations: z.boolean().optional(),
      theme: z.enum(THEMES).optional(),
      recentlyEndedMinutes: z
        .number()
        .int('Recently ended: a whole number of minutes')
        .min(1, 'Recently ended: at least 1 minute')
        .max(240, 'Recently ended: at most 240 minutes')
        .optional(),
      compactMatrix: z.boolean('Compact matrix: on (true) or off (false)').optional(),
    }),
  }),
});

export type Requests = typeof requests;
