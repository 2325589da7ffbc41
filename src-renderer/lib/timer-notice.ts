/**
 * The notice a timed route's end gets, whichever call it is on and whichever call is open: the
 * call's name, what ended and after how long ("Time is up on “Billing — Ana”: “Dana Whitfield
 * whispers to Sam Lee” ended after 30 s. The routing is back as it was."). Pure.
 */
import type { TimedRouteEvent } from '$shared/dto/timers';
import { formatRemaining } from './matrix/countdown';

export interface TimerNotice {
  /** An error stays until dismissed; a note goes by itself. */
  readonly kind: 'info' | 'error';
  readonly text: string;
}

/** "30 s", "5 min", "1:30": how long a timed route was set for. */
export function durationWords(ms: number): string {
  if (ms > 0 && ms % 60_000 === 0) return `${ms / 60_000} min`;
  if (ms > 0 && ms < 60_000 && ms % 1000 === 0) return `${ms / 1000} s`;
  return formatRemaining(ms);
}

/** What to tell about a timed route's event on the call named `call`; null: nothing to tell. */
export function timerNotice(event: TimedRouteEvent, call: string): TimerNotice | null {
  const { route } = event;
  const what = `“${route.label}”`;
  const on = `“${call}”`;
  switch (event.type) {
    case 'added':
      return null;
    case 'failed':
      return event.willRetry
        ? null
        : {
            kind: 'error',
            text: `The timed route ${what} on ${on} could not be reverted: ${event.message}`,
          };
    case 'reverted': {
      // Stopping one is the supervisor's own act, answered where it was done (the matrix).
      if (event.stopped) return null;
      if (event.how === 'session-ended') {
        return { kind: 'info', text: `${what} ended with the call ${on}.` };
      }
      const after =
        route.endsAt === null ? '' : ` after ${durationWords(route.endsAt - route.startedAt)}`;
      const head = `Time is up on ${on}: ${what} ended${after}.`;
      const tail =
        event.how === 'ended-supervision'
          ? ' The call had changed since, so the supervisor was disconnected instead.'
          : ' The routing is back as it was.';
      return { kind: 'info', text: `${head}${tail}` };
    }
  }
}
