/**
 * The settings file's shape (current version), validated with zod on load and before every write.
 * No secrets, ever: every object is strict, so a `password` field (or any unknown field) is refused.
 */
import * as z from 'zod';
import {
  PROFILE_KINDS,
  THEMES,
  type Preferences,
  type Profile,
  type ProfileDirectory,
  type ProfileSupervisor,
} from '../shared/dto/settings';
import { checkDeviceGatewayUrl } from '../shared/device-gateway';
import type { Same } from '../shared/type-checks';

export {
  type Preferences,
  type Profile,
  type ProfileDirectory,
  type ProfileSupervisor,
} from '../shared/dto/settings';

export const SETTINGS_SCHEMA_VERSION = 5;

export const LOCAL_DEMO_PROFILE_ID = 'local-demo';
/** The production Bandwidth WebRTC API. */
export const BANDWIDTH_PRODUCTION_BASE_URL = 'https://api.webrtc.bandwidth.com/v1';
/**
 * The built-in profile. Its accountId/username/baseUrl are placeholders: the embedded local API's
 * real values come from the local credentials provider at call time.
 */
export const LOCAL_DEMO_PROFILE: Profile = Object.freeze({
  id: LOCAL_DEMO_PROFILE_ID,
  name: 'Local demo',
  kind: 'local',
  accountId: 'local',
  username: 'local',
  baseUrl: 'http://127.0.0.1/v1',
});

export const POLL_FAST_BOUNDS = { min: 500, max: 10_000 } as const;
export const POLL_SLOW_BOUNDS = { min: 1_000, max: 300_000 } as const;
/** How long the floor keeps an ended call in "recently ended", in minutes. */
export const RECENTLY_ENDED_BOUNDS = { min: 1, max: 240 } as const;

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** An id used as a record key: printable, no spaces, never a prototype key. */
export const idSchema = z
  .string()
  .min(1, 'must not be empty')
  .max(128, 'must be at most 128 characters')
  .regex(/^[\x21-\x7e]+$/, 'must be printable ASCII without spaces')
  .refine((id) => !FORBIDDEN_KEYS.has(id), 'is a reserved name');

/** A profile's call directory feed (its bearer token lives in the keychain, never here). */
const profileDirectorySchema = z.strictObject({
  url: z.url({ protocol: /^https?$/ }).max(2048),
});

/** A device gateway base URL, as the profile service normalised it (`wss://host[:port]`). */
const deviceGatewayUrlSchema = z.string().superRefine((url, ctx) => {
  const checked = checkDeviceGatewayUrl(url);
  if (!checked.ok) ctx.addIssue({ code: 'custom', message: checked.message });
  else if (checked.url !== url) ctx.addIssue({ code: 'custom', message: 'is not normalised' });
});

/** The longest supervisor display name (the directory's display-name limit). */
export const MAX_SUPERVISOR_NAME_LENGTH = 80;

/** The supervisor who joins calls as "me": a display name, kept on this machine only. */
export const profileSupervisorSchema = z.strictObject({
  displayName: z
    .string()
    .trim()
    .min(1, 'must not be empty')
    .max(MAX_SUPERVISOR_NAME_LENGTH, `must be at most ${MAX_SUPERVISOR_NAME_LENGTH} characters`)
    .regex(/^[^\p{Cc}]+$/u, 'must not contain control characters'),
});

const profileSchema = z
  .strictObject({
    id: idSchema,
    name: z.string().trim().min(1).max(60),
    kind: z.enum(PROFILE_KINDS),
    accountId: z.string().min(1).max(64),
    username: z.string().min(1).max(128),
    baseUrl: z.url({ protocol: /^https?$/ }),
    /** Since settings version 3. The Local demo's directory is built in: never set here. */
    directory: profileDirectorySchema.optional(),
    /** Since settings version 4. */
    supervisor: profileSupervisorSchema.optional(),
    /** Since settings version 5. The Local demo's gateway is the local API's: never set here. */
    deviceGatewayUrl: deviceGatewayUrlSchema.optional(),
  })
  .refine((p) => p.kind !== 'local' || p.directory === undefined, {
    message: "the Local demo's directory is built in",
    path: ['directory'],
  })
  .refine((p) => p.kind !== 'local' || p.deviceGatewayUrl === undefined, {
    message: "the Local demo's device gateway is the embedded local API's own",
    path: ['deviceGatewayUrl'],
  });

const watchedSessionSchema = z.strictObject({
  id: idSchema,
  label: z.string().max(100),
  addedAt: z.iso.datetime(),
});
export type WatchedSession = z.infer<typeof watchedSessionSchema>;

const PARTICIPANT_ROLES = ['customer', 'agent', 'supervisor', 'other'] as const;
const participantRoleSchema = z.enum(PARTICIPANT_ROLES);
export type ParticipantRole = z.infer<typeof participantRoleSchema>;

const preferencesSchema = z
  .strictObject({
    pollFastMs: z.int().min(POLL_FAST_BOUNDS.min).max(POLL_FAST_BOUNDS.max),
    pollSlowMs: z.int().min(POLL_SLOW_BOUNDS.min).max(POLL_SLOW_BOUNDS.max),
    confirmations: z.boolean(),
    theme: z.enum(THEMES),
    recentlyEndedMinutes: z
      .int()
      .min(RECENTLY_ENDED_BOUNDS.min)
      .max(RECENTLY_ENDED_BOUNDS.max)
      .optional(),
    compactMatrix: z.boolean().optional(),
  })
  .refine((p) => p.pollFastMs <= p.pollSlowMs, {
    message: 'the fast poll interval must not be longer than the slow one',
    path: ['pollFastMs'],
  });

const windowStateSchema = z.strictObject({
  bounds: z
    .strictObject({
      x: z.int().optional(),
      y: z.int().optional(),
      width: z.int().min(200).max(100_000),
      height: z.int().min(200).max(100_000),
    })
    .nullable(),
  maximized: z.boolean(),
});
export type WindowState = z.infer<typeof windowStateSchema>;

export const settingsSchema = z
  .strictObject({
    schemaVersion: z.literal(SETTINGS_SCHEMA_VERSION),
    profiles: z.array(profileSchema),
    /** Per profile id. */
    watchedSessions: z.record(idSchema, z.array(watchedSessionSchema)),
    /** Per profile id, then per participant id. */
    participantRoles: z.record(idSchema, z.record(idSchema, participantRoleSchema)),
    preferences: preferencesSchema,
    window: windowStateSchema,
  })
  .superRefine((s, ctx) => {
    const ids = new Set<string>();
    for (const [i, p] of s.profiles.entries()) {
      if (ids.has(p.id))
        ctx.addIssue({
          code: 'custom',
          message: 'duplicate profile id',
          path: ['profiles', i, 'id'],
        });
      ids.add(p.id);
    }
    if (!ids.has(LOCAL_DEMO_PROFILE_ID)) {
      ctx.addIssue({
        code: 'custom',
        message: 'the built-in Local demo profile is missing',
        path: ['profiles'],
      });
    }
    for (const [profileId, sessions] of Object.entries(s.watchedSessions)) {
      const seen = new Set<string>();
      for (const [i, w] of sessions.entries()) {
        if (seen.has(w.id)) {
          ctx.addIssue({
            code: 'custom',
            message: 'duplicate watched session',
            path: ['watchedSessions', profileId, i],
          });
        }
        seen.add(w.id);
      }
    }
  });
export type Settings = z.infer<typeof settingsSchema>;

// The schemas describe exactly the types the renderer sees (shared/dto/settings.ts).
const agreements: [
  Same<z.infer<typeof profileDirectorySchema>, ProfileDirectory>,
  Same<z.infer<typeof profileSupervisorSchema>, ProfileSupervisor>,
  Same<z.infer<typeof profileSchema>, Profile>,
  Same<z.infer<typeof preferencesSchema>, Preferences>,
] = [true, true, true, true];
void agreements;

export const DEFAULT_PREFERENCES: Readonly<Preferences> = Object.freeze({
  pollFastMs: 1_000,
  pollSlowMs: 10_000,
  confirmations: true,
  theme: 'system',
});

export function defaultSettings(): Settings {
  return {
    schemaVersion: SETTINGS_SCHEMA_VERSION,
    profiles: [{ ...LOCAL_DEMO_PROFILE }],
    watchedSessions: {},
    participantRoles: {},
    preferences: { ...DEFAULT_PREFERENCES },
    window: { bounds: null, maximized: false },
  };
}

/** A readable one-line-per-issue summary of a zod error (no values are echoed). */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => `${issue.path.length ? issue.path.join('.') : '(root)'}: ${issue.message}`)
    .join('; ');
}
