/**
 * "Me": the supervisor joining a call as their own participant (audio only), one action each —
 * Monitor, Coach (whisper to the agent), Barge, Leave. What crosses the bridge: never the token
 * (it stays in main for the supervisor's audio endpoint).
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
