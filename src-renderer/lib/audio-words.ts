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

/** "Reconnecting… (lost 12 s ago)"; `now` and `lostAt` in epoch ms. */
export function audioStatusText(status: AudioStatus, lostAt: number | null, now: number): string {
  if (status !== 'reconnecting' || lostAt === null) return WORDS[status];
  const seconds = Math.max(0, Math.floor((now - lostAt) / 1000));
  const since = seconds < 60 ? `${seconds} s` : `${Math.floor(seconds / 60)} min ${seconds % 60} s`;
  return `Reconnecting… (connection lost ${since} ago)`;
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
