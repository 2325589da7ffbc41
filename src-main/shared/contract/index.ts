/**
 * The IPC contract: every capability the renderer may call, named `domain:verb`, each taking one
 * object argument and answering a Result; and every event main sends. Names and types only: the
 * preload and the web host build the same bridge from these tables (see ./bridge.ts), and main
 * checks every input against its own schemas (`src-main/ipc/schemas.ts`, which must agree).
 */
import type { CreateParticipantResponse } from '../bandwidth-api';
import type { AlertsEvent, AlertsState, OutsideChangeDecision } from '../dto/alerts';
import type { AuditEntry } from '../dto/audit';
import type { FloorState } from '../dto/floor';
import type { MeAudioGrant, MeMode, MeOutcome, MeView } from '../dto/me';
import type { ApplyResult, HistoryState, PreviewResult } from '../dto/routing';
import type { SessionUpdateEvent, SessionView } from '../dto/session-view';
import type { ProfilesState, ProfileView, SettingsView } from '../dto/settings';
import type { AppliedChange, TimedRouteEvent, TimedRouteView, TimerOutcome } from '../dto/timers';
import type { Intent, Role } from '../routing';
import { capability as request, event, type Bridge } from './bridge';
import type {
  ApplyInput,
  AuditQuery,
  ForProfile,
  InSession,
  NewParticipantInput,
  NewProfileInput,
  NoInput,
  PreferencesInput,
} from './inputs';

export type { ProfilesState, ProfileView, SettingsView } from '../dto/settings';

export interface CreatedParticipant extends CreateParticipantResponse {
  /** BXML that transfers a phone call into the session as this participant (needs the call id). */
  bxmlTemplate: string;
}

type Change<T = unknown> = ForProfile & T;
type ProfileRef = { profileId: string };
type Member = InSession & { participantId: string };

export const requests = {
  'profiles:list': request<NoInput, ProfilesState>(),
  'profiles:add': request<NewProfileInput, ProfileView>(),
  'profiles:rename': request<ProfileRef & { name: string }, ProfileView>(),
  'profiles:remove': request<ProfileRef, ProfilesState>(),
  'profiles:select': request<ProfileRef, ProfilesState>(),
  /** The supervisor who joins calls as "me" on this profile (null clears it). */
  'profiles:setSupervisor': request<ProfileRef & { displayName: string | null }, ProfilesState>(),
  /** Where my own audio connects on this (Bandwidth) profile; null: Bandwidth's own gateway. */
  'profiles:setDeviceGateway': request<ProfileRef & { url: string | null }, ProfilesState>(),

  /** The active profile's floor: its directory's live calls, recently ended ones, the budget. */
  'floor:get': request<NoInput, FloorState>(),

  'sessions:list': request<NoInput, SessionView[]>(),
  'sessions:create': request<Change<{ tag?: string }>, SessionView>(),
  'sessions:watch': request<Change<InSession & { label?: string }>, SessionView>(),
  'sessions:discover': request<Change<{ participantId: string }>, SessionView>(),
  'sessions:unwatch': request<Change<InSession>, null>(),
  'sessions:delete': request<Change<InSession>, null>(),
  'sessions:focus': request<Change<{ sessionId: string | null }>, null>(),
  'sessions:refresh': request<InSession, SessionView>(),

  'participants:create': request<NewParticipantInput, CreatedParticipant>(),
  'participants:add': request<Change<Member>, SessionView>(),
  'participants:remove': request<Change<Member>, SessionView>(),
  'participants:delete': request<Change<{ participantId: string }>, null>(),
  'participants:setRole': request<Change<{ participantId: string; role: Role | null }>, null>(),

  'routing:preview': request<InSession & { intent: Intent }, PreviewResult>(),
  'routing:apply': request<ApplyInput, AppliedChange>(),
  'routing:undo': request<Change<InSession & { confirmedViolations?: boolean }>, ApplyResult>(),
  /** `confirmedViolations`: the user confirmed the roles the change relies on (only guessed). */
  'routing:redo': request<Change<InSession & { confirmedViolations?: boolean }>, ApplyResult>(),
  'routing:history': request<InSession, HistoryState>(),
  'routing:timers': request<NoInput, TimedRouteView[]>(),
  'routing:stopTimer': request<Change<{ timerId: string }>, TimerOutcome>(),

  /** Where I am on the active profile (null: in no call). */
  'me:state': request<NoInput, MeView | null>(),
  /** Monitor, Coach or Barge as me; `confirmed` answers the question a first call returned. */
  'me:act': request<Change<InSession & { mode: MeMode; confirmed?: boolean }>, MeOutcome>(),
  'me:leave': request<ForProfile, MeOutcome>(),
  /**
   * My own audio connection while I am on a call: the gateway and my participant's device token
   * (for the renderer's media connection only; error `me-absent` when I am on no call).
   */
  'me:audio': request<ForProfile, MeAudioGrant>(),
  'alerts:list': request<NoInput, AlertsState>(),
  'alerts:acknowledge': request<Change<{ alertId: string }>, AlertsState>(),
  /** The supervisor's decision about an outside change of what `participantId` hears (audited). */
  'alerts:decide': request<Change<Member & { decision: OutsideChangeDecision }>, AlertsState>(),

  'audit:query': request<{ filter: AuditQuery }, AuditEntry[]>(),
  'audit:export': request<{ format: 'csv' | 'json'; filter: AuditQuery }, string>(),

  'settings:get': request<NoInput, SettingsView>(),
  'settings:update': request<PreferencesInput, SettingsView>(),
};

export const events = {
  'sessions:update': event<SessionUpdateEvent>(),
  'floor:update': event<FloorState>(),
  'profiles:changed': event<ProfilesState>(),
  'routing:timer': event<TimedRouteEvent>(),
  'me:changed': event<{ profileId: string; me: MeView | null }>(),
  'alerts:changed': event<AlertsEvent>(),
};

export type Requests = typeof requests;
export type Events = typeof events;
export type RequestName = keyof Requests;
export type EventName = keyof Events;
/** What `window.patchbay` is, in Electron and in the web host alike. */
export type PatchbayBridge = Bridge<Requests, Events>;
