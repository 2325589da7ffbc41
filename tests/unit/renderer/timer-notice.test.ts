/** The notice a timed route's end gets: the call, what ended and after how long, in words. */
import { describe, expect, it } from 'vitest';
import { durationWords, timerNotice } from '../../../src-renderer/lib/timer-notice';
import type { TimedRouteView } from '../../../src-main/shared/dto/timers';

const route: TimedRouteView = {
  id: 't1',
  sessionId: 's1',
  intent: { type: 'whisper', supervisorId: 'sup', agentIds: ['a'] },
  label: 'Dana Whitfield whispers to Sam Lee',
  startedAt: 1_000,
  endsAt: 31_000,
};

describe('timerNotice', () => {
  it('names the call, what ended and how long it ran', () => {
    expect(timerNotice({ type: 'reverted', route, how: 'undone' }, 'Billing — Ana')).toEqual({
      kind: 'info',
      text: 'Time is up on “Billing — Ana”: “Dana Whitfield whispers to Sam Lee” ended after 30 s. The routing is back as it was.',
    });
  });

  it('says when the supervisor was disconnected instead, or the call itself ended', () => {
    expect(
      timerNotice({ type: 'reverted', route, how: 'ended-supervision' }, 'Billing')?.text,
    ).toContain('The call had changed since, so the supervisor was disconnected instead.');
    expect(timerNotice({ type: 'reverted', route, how: 'session-ended' }, 'Billing')?.text).toBe(
      '“Dana Whitfield whispers to Sam Lee” ended with the call “Billing”.',
    );
  });

  it('says nothing of a start, a stop or a revert that will be tried again; a final failure is an error', () => {
    expect(timerNotice({ type: 'added', route }, 'Billing')).toBeNull();
    expect(
      timerNotice({ type: 'reverted', route, how: 'undone', stopped: true }, 'Billing'),
    ).toBeNull();
    expect(
      timerNotice({ type: 'failed', route, message: 'Busy.', willRetry: true }, 'Billing'),
    ).toBeNull();
    expect(
      timerNotice({ type: 'failed', route, message: 'Gone.', willRetry: false }, 'Billing'),
    ).toEqual({
      kind: 'error',
      text: 'The timed route “Dana Whitfield whispers to Sam Lee” on “Billing” could not be reverted: Gone.',
    });
  });

  it('an until-stopped route that ends without a stop has no duration', () => {
    const open = { ...route, endsAt: null };
    expect(timerNotice({ type: 'reverted', route: open, how: 'undone' }, 'B')?.text).toBe(
      'Time is up on “B”: “Dana Whitfield whispers to Sam Lee” ended. The routing is back as it was.',
    );
  });
});

describe('durationWords', () => {
  it('reads like the timer choices', () => {
    expect(durationWords(30_000)).toBe('30 s');
    expect(durationWords(60_000)).toBe('1 min');
    expect(durationWords(300_000)).toBe('5 min');
    expect(durationWords(90_000)).toBe('1:30');
    expect(durationWords(2_500)).toBe('0:03');
  });
});
