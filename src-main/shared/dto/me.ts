/**
 * "Me": the supervisor joining a call as their own participant (audio only), one action each —
 * Monitor, Coach (whisper to the agent), Barge, Leave. What crosses the bridge: where I am, and my
 * device token only in `MeAudioGrant`, for the console's own audio connection.
 */

export const ME_MODES = ['monitor', 'coach', 'barge'] as const;
export type MeMode = (typeof ME_MODES)[number];

/** Where "me" is on the active profile. */
export interface MeView {
  profileId: string;
  /** The profile's supervisor, as settings name them. */
  displayName: string;
  sessionId: string;
  participantId: string;
  mode: MeMode;
}

/**
 * The answer to an action: done (with where "me" is now, null after Leave), or a question the
 * supervisor must answer first (one sentence); the same action sent again with `confirmed` goes
 * ahead. Failures are errors with a clear message, and change nothing (or say what they undid).
 */
export type MeOutcome =
  { status: 'done'; me: MeView | null; message: string } | { status: 'confirm'; question: string };

/**
 * What the console's own audio connection needs while I am on a call — the one exception to
 * "nothing secret in the renderer": my participant's device token (never the account's secrets),
 * handed over for that connection only, never logged, stored or shown. A new grant after Leave or
 * a re-join (new participant, new token).
 */
export interface MeAudioGrant {
  sessionId: string;
  participantId: string;
  /** The device gateway's base URL (ws: or wss:, no path): the SDK appends `/v3/` itself. */
  websocketUrl: string;
  /** My participant's device token. */
  deviceToken: string;
}
