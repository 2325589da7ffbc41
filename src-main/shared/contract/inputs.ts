/**
 * The one object argument of each capability, as the renderer sends it. Main checks every input
 * against a schema that must describe exactly these types (`src-main/ipc/schemas.ts`).
 */
import type { PublishPermission } from '../bandwidth-api';
import type { AuditAction, AuditOutcome } from '../dto/audit';
import type { Preferences } from '../dto/settings';
import type { Intent } from '../routing';

/** A capability that takes nothing: `{}`. */
export type NoInput = Record<string, never>;

/**
 * Every request that changes something names the profile (account) the screen showed when it was
 * made; main refuses it, changing nothing, when another profile is active by then.
 */
export interface ForProfile {
  profileId: string;
}

export interface InSession {
  sessionId: string;
}

export interface NewProfileInput {
  name: string;
  accountId: string;
  username: string;
  /** Goes to the keychain; never stored in settings or returned. */
  password: string;
  baseUrl?: string;
  /** Absent: Bandwidth's device gateway (`BANDWIDTH_DEVICE_GATEWAY_URL`). */
  deviceGatewayUrl?: string;
}

export interface NewParticipantInput extends ForProfile {
  publishPermissions: PublishPermission[];
  tag?: string;
  callbackUrl?: string;
}

export interface ApplyInput extends ForProfile, InSession {
  intent: Intent;
  /** The user saw the new guardrail violations and confirmed them. */
  confirmedViolations?: boolean;
  reason?: string;
  /** A timed route: reverted automatically after this long (ms), or when stopped. */
  durationMs?: number;
  untilStopped?: true;
}

/** Which audit entries: every member narrows (times are ISO 8601; `to` is exclusive). */
export interface AuditQuery {
  sessionId?: string;
  profileId?: string;
  outcome?: AuditOutcome;
  /** A participant id, a name as recorded, or the supervisor who made the change. */
  person?: string;
  action?: AuditAction;
  from?: string;
  to?: string;
}

export interface PreferencesInput {
  preferences: Partial<Preferences>;
}
