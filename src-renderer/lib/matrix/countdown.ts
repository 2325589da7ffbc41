/** Countdowns of timed routes ("0:27", "4:59", "1:00:00", "until stopped"). Pure. */

/** Whole seconds left, rounded up, as m:ss (or h:mm:ss from an hour). Never negative. */
export function formatRemaining(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  const ss = String(seconds).padStart(2, '0');
  if (hours > 0) return `${hours}:${String(minutes).padStart(2, '0')}:${ss}`;
  return `${minutes}:${ss}`;
}

/** The countdown of a route ending at `endsAt` (epoch ms; null: until stopped). */
export function countdownText(endsAt: number | null, now: number): string {
  return endsAt === null ? 'until stopped' : formatRemaining(endsAt - now);
}

/** The same in words for screen readers: "27 seconds left", "4 minutes 59 seconds left". */
export function countdownWords(endsAt: number | null, now: number): string {
  if (endsAt === null) return 'runs until stopped';
  const total = Math.max(0, Math.ceil((endsAt - now) / 1000));
  const minutes = Math.floor(total / 60);
  const seconds = total % 60;
  const parts: string[] = [];
  if (minutes > 0) parts.push(`${minutes} minute${minutes === 1 ? '' : 's'}`);
  if (seconds > 0 || minutes === 0) parts.push(`${seconds} second${seconds === 1 ? '' : 's'}`);
  return `${parts.join(' ')} left`;
}

/** How often the countdown needs redrawing: every second while one runs, else never. */
export function tickNeeded(endsAt: readonly (number | null)[], now: number): boolean {
  return endsAt.some((t) => t !== null && t > now - 1000);
}
