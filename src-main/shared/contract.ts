/**
 * The IPC contract: every capability the renderer may call, named `domain:verb`, each taking one
 * object argument (validated at runtime in main) and answering a Result; and every event main sends.
 * The preload and the web host build the same bridge from this one table (see ./bridge.ts).
 */
import { z } from 'zod';
import type { AuditEntry } from '../audit/types';
import type {
  AppliedChange,
  ApplyResult,
  HistoryState,
  PreviewResult,
  TimedRouteEvent,
  TimedRouteView,
  TimerOutcome,
} from '../routing/types';
import type { Preferences, Profile } from '../settings/schema';
import {
  MAX_TAG_LENGTH,
  PUBLISH_PERMISSIONS,
  type CreateParticipantResponse,
} from './bandwidth-api';
import { event, request, type Bridge } from './bridge';
import { idSchema } from './ids';
import { intentSchema } from './routing/intent-schema';
import { ROLES } from './routing/model';
import type { SessionUpdateEvent, SessionView } from './session-view';

const id = idSchema;
const tag = z
  .string()
  .max(MAX_TAG_LENGTH, `A tag is at most ${MAX_TAG_LENGTH} characters`)
  .optional();
const none = z.strictObject({});
/**
 * Every request that changes something names the profile (account) the screen showed when it was
 * made; main refuses it, changing nothing, when another profile is active by then.
 */
const profileId = id('Profile id');

/** A profile as the renderer sees it: never a password. */
export type ProfileView = Profile;

export interface ProfilesState {
  profiles: ProfileView[];
  activeId: string;
}

export interface CreatedParticipant extends CreateParticipantResponse {
  /** BXML that transfers a phone call into the session as this participant (needs the call id). */
  bxmlTemplate: string;
}

export interface SettingsView {
  preferences: Preferences;
}

export const auditFilterSchema = z.strictObject({
  sessionId: id('Session id').optional(),
  profileId: id('Profile id').optional(),
  outcome: z.enum(['applied', 'failed', 'rolled-back', 'refused']).optional(),
  from: z.iso.datetime({ error: 'from must be an ISO date-time' }).optional(),
  to: z.iso.datetime({ error: 'to must be an ISO date-time' }).optional(),
});

export const requests = {
  'profiles:list': request<ProfilesState>()(none),
  'profiles:add': request<ProfileView>()(
    z.strictObject({
      name: z.string().max(80),
      accountId: z.string().max(64),
      username: z.string().max(256),
      password: z.string().max(1024),
      baseUrl: z.string().max(2048).optional(),
    }),
  ),
  'profiles:rename': request<ProfileView>()(
    z.strictObject({ profileId: id('Profile id'), name: z.string().max(80) }),
  ),
  'profiles:remove': request<ProfilesState>()(z.strictObject({ profileId: id('Profile id') })),
  'profiles:select': request<ProfilesState>()(z.strictObject({ profileId: id('Profile id') })),

  'sessions:list': request<SessionView[]>()(none),
  'sessions:create': request<SessionView>()(z.strictObject({ profileId, tag })),
  'sessions:watch': request<SessionView>()(
    z.strictObject({
      profileId,
      sessionId: id('Session id'),
      label: z.string().max(80).optional(),
    }),
  ),
  'sessions:discover': request<SessionView>()(
    z.strictObject({ profileId, participantId: id('Participant id') }),
  ),
  'sessions:unwatch': request<null>()(z.strictObject({ profileId, sessionId: id('Session id') })),
  'sessions:delete': request<null>()(z.strictObject({ profileId, sessionId: id('Session id') })),
  'sessions:focus': request<null>()(
    z.strictObject({ profileId, sessionId: id('Session id').nullable() }),
  ),
  'sessions:refresh': request<SessionView>()(z.strictObject({ sessionId: id('Session id') })),

  'participants:create': request<CreatedParticipant>()(
    z.strictObject({
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
  ),
  'participants:add': request<SessionView>()(
    z.strictObject({
      profileId,
      sessionId: id('Session id'),
      participantId: id('Participant id'),
    }),
  ),
  'participants:remove': request<SessionView>()(
    z.strictObject({
      profileId,
      sessionId: id('Session id'),
      participantId: id('Participant id'),
    }),
  ),
  'participants:delete': request<null>()(
    z.strictObject({ profileId, participantId: id('Participant id') }),
  ),
  'participants:setRole': request<null>()(
    z.strictObject({
      profileId,
      participantId: id('Participant id'),
      role: z.enum(ROLES).nullable(),
    }),
  ),

  'routing:preview': request<PreviewResult>()(
    z.strictObject({ sessionId: id('Session id'), intent: intentSchema }),
  ),
  'routing:apply': request<AppliedChange>()(
    z
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
      .refine(
        (v) => !(v.durationMs && v.untilStopped),
        'Give durationMs or untilStopped, not both',
      ),
  ),
  'routing:undo': request<ApplyResult>()(
    z.strictObject({ profileId, sessionId: id('Session id') }),
  ),
  'routing:redo': request<ApplyResult>()(
    z.strictObject({
      profileId,
      sessionId: id('Session id'),
      /** The user confirmed the roles the change relies on (only guessed from tags). */
      confirmedViolations: z.boolean().optional(),
    }),
  ),
  'routing:history': request<HistoryState>()(z.strictObject({ sessionId: id('Session id') })),
  'routing:timers': request<TimedRouteView[]>()(none),
  'routing:stopTimer': request<TimerOutcome>()(
    z.strictObject({ profileId, timerId: id('Timer id') }),
  ),

  'audit:query': request<AuditEntry[]>()(z.strictObject({ filter: auditFilterSchema })),
  'audit:export': request<string>()(
    z.strictObject({ format: z.enum(['csv', 'json']), filter: auditFilterSchema }),
  ),

  'settings:get': request<SettingsView>()(none),
  'settings:update': request<SettingsView>()(
    z.strictObject({
      preferences: z.strictObject({
        pollFastMs: z.number().int().optional(),
        pollSlowMs: z.number().int().optional(),
        confirmations: z.boolean().optional(),
        theme: z.enum(['system', 'light', 'dark']).optional(),
      }),
    }),
  ),
};

export const events = {
  'sessions:update': event<SessionUpdateEvent>(),
  'profiles:changed': event<ProfilesState>(),
  'routing:timer': event<TimedRouteEvent>(),
};

export type Requests = typeof requests;
export type Events = typeof events;
export type RequestName = keyof Requests;
export type EventName = keyof Events;
/** What `window.patchbay` is, in Electron and in the web host alike. */
export type PatchbayBridge = Bridge<Requests, Events>;
