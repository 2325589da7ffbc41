import { describe, expect, it } from 'vitest';
import {
  fullReason,
  isFull,
  listWords,
  permissionsText,
  plural,
  sessionSummary,
  shortId,
  stateText,
  timeText,
} from '../../../src-renderer/lib/format';
import { member, sessionView } from './support/views';

const manyMembers = (n: number) =>
  Array.from({ length: n }, (_, i) => member(`p${String(i).padStart(4, '0')}`, null));

describe('format', () => {
  it('counts with the right noun', () => {
    expect(plural(0, 'participant')).toBe('0 participants');
    expect(plural(1, 'participant')).toBe('1 participant');
    expect(plural(2, 'person', 'people')).toBe('2 people');
  });

  it('lists words the way people say them', () => {
    expect(listWords([])).toBe('');
    expect(listWords(['A'])).toBe('A');
    expect(listWords(['A', 'B'])).toBe('A and B');
    expect(listWords(['A', 'B', 'C'])).toBe('A, B and C');
  });

  it('describes each session state for the sidebar', () => {
    expect(stateText('starting')).toBe('Starting');
    expect(sessionSummary(sessionView(manyMembers(3)))).toBe('Live · 3 participants');
    expect(sessionSummary(sessionView([], { state: 'starting' }))).toBe(
      'Starting: first look pending',
    );
    expect(
      sessionSummary(
        sessionView([], {
          state: 'ended',
          error: 'The session no longer exists (ended or deleted).',
        }),
      ),
    ).toBe('Ended: The session no longer exists (ended or deleted).');
    expect(sessionSummary(sessionView([], { state: 'unreachable', error: 'timeout' }))).toBe(
      'Unreachable: timeout',
    );
    expect(sessionSummary(sessionView([], { state: 'unreachable' }))).toBe('Unreachable');
  });

  it('explains the 20-participant limit before the API refuses', () => {
    expect(isFull(sessionView(manyMembers(19)))).toBe(false);
    expect(fullReason(sessionView(manyMembers(19)))).toBeNull();
    expect(isFull(sessionView(manyMembers(20)))).toBe(true);
    expect(fullReason(sessionView(manyMembers(20)))).toBe(
      'This session has 20 participants, the most Bandwidth allows in one session. Remove someone before adding another.',
    );
  });

  it('words publish permissions, missing meaning both', () => {
    expect(permissionsText(['AUDIO'])).toBe('Audio');
    expect(permissionsText(['VIDEO', 'AUDIO'])).toBe('Audio and video');
    expect(permissionsText([])).toBe('Nothing (receives only)');
    expect(permissionsText(undefined)).toBe('Audio and video');
  });

  it('shortens long ids only', () => {
    expect(shortId('7f3a0000-0000-4000-8000-000000000001')).toBe('7f3a0000…');
    expect(shortId('short-id')).toBe('short-id');
  });

  it('prints times, and "not yet" before the first observation', () => {
    expect(timeText(null)).toBe('not yet');
    expect(timeText(Date.UTC(2024, 0, 1, 10, 31, 5), 'en-GB')).toMatch(/^\d{2}:\d{2}:\d{2}$/);
  });
});
