/**
 * The audio connection's state in the supervisor's words (the call page's panel and the floor
 * row's compact state). Pure.
 */
import type { AudioStatus } from './state/audio.svelte';

const WORDS: Record<AudioStatus, string> = {
  idle: 'Not connected',
  connecting: 'Connecting your audio…',
  connected: 'Audio connected',
  reconnecting: 'Reconnecting…',
  refused: 'Audio stopped by the gateway',
  failed: 'Audio failed',
  disconnected: 'Audio disconnected',
};

/** How long a wait has lasted, "12 s" or "2 min 5 s". */
function waited(since: number, now: number): string {
  const seconds = Math.max(0, Math.floor((now - since) / 1000));
  return seconds < 60 ? `${seconds} s` : `${Math.floor(seconds / 60)} min ${seconds % 60} s`;
}

/** A first connection with no answer for this long says so. */
const SLOW_CONNECT_MS = 10_000;

/**
 * "Reconnecting… (connection lost 12 s ago)", "Connecting your audio… (no answer from the gateway
 * for 15 s)"; `waitingSince` and `now` in epoch ms.
 */
export function audioStatusText(
  status: AudioStatus,
  waitingSince: number | null,
  now: number,
): string {
  if (waitingSince === null) return WORDS[status];
  if (status === 'reconnecting') {
    return `Reconnecting… (connection lost ${waited(waitingSince, now)} ago)`;
  }
  if (status === 'connecting' && now - waitingSince >= SLOW_CONNECT_MS) {
    return `Connecting your audio… (no answer from the gateway for ${waited(waitingSince, now)})`;
  }
  return WORDS[status];
}

/** A level (0–1) as the meter's words: who is talking. */
export function levelWords(level: number): string {
  if (level >= 0.02) return 'talking';
  return 'silent';
}

/** A gateway's close (a refused token, a removed participant): said once, not retried. */
export function refusal(reason: string): string {
  const said = reason.trim() === '' ? 'it gave no reason' : `“${reason.trim()}”`;
  return `The audio gateway ended the connection (${said}); Patchbay does not retry on its own.`;
}
