/**
 * The Bandwidth WebRTC API's objects and operations, as plain types shared by every layer: the local
 * API serves them, the ky client sends and parses them, the routing model reads them. Field names are
 * exactly the API's (see src-main/local-api/openapi.yaml, our description of it).
 * Runs anywhere: no node:*, no electron.
 */

export const PUBLISH_PERMISSIONS = ['AUDIO', 'VIDEO'] as const;
export type PublishPermission = (typeof PUBLISH_PERMISSIONS)[number];

export const DEVICE_API_VERSIONS = ['V3'] as const;
export type DeviceApiVersion = (typeof DEVICE_API_VERSIONS)[number];

/** One entry of a participant-level subscription: a publisher, optionally narrowed to named streams. */
export interface ParticipantSubscription {
  participantId: string;
  /** Missing or empty: all of that publisher's streams. */
  streamAliases?: string[];
}

/**
 * A receiver's subscriptions. `{}`: none. `{sessionId}` (participants missing or empty): everyone in
 * the session, including later arrivals. Non-empty `participants`: exactly those publishers.
 */
export interface Subscriptions {
  sessionId?: string;
  participants?: ParticipantSubscription[];
}

export interface Participant {
  id: string;
  callbackUrl?: string | null;
  publishPermissions?: PublishPermission[];
  /** Session ids; capped to one. */
  sessions?: string[];
  subscriptions?: Subscriptions;
  tag?: string;
  deviceApiVersion?: DeviceApiVersion;
}

export interface Session {
  id: string;
  tag?: string;
}

export interface CreateParticipantRequest {
  callbackUrl?: string | null;
  publishPermissions?: PublishPermission[];
  tag?: string;
  deviceApiVersion?: DeviceApiVersion;
}

export interface CreateParticipantResponse {
  participant: Participant;
  token: string;
}

export interface CreateSessionRequest {
  tag?: string;
}

/** The eleven operations, named by the official spec's operationId. There are no others. */
export const OPERATION_IDS = [
  'createParticipant',
  'getParticipant',
  'deleteParticipant',
  'createSession',
  'getSession',
  'deleteSession',
  'listSessionParticipants',
  'addParticipantToSession',
  'removeParticipantFromSession',
  'getParticipantSubscriptions',
  'updateParticipantSubscriptions',
] as const;
export type OperationId = (typeof OPERATION_IDS)[number];

/** Limits the platform enforces or documents. */
export const MAX_PARTICIPANTS_PER_SESSION = 20;
export const MAX_TAG_LENGTH = 50;

/** Production base URL; every path continues with `/accounts/{accountId}`. */
export const BANDWIDTH_BASE_URL = 'https://api.webrtc.bandwidth.com/v1';
