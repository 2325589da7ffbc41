/** The words of "me": what each action does, the barge question, the audit reasons. */
import type { MeMode } from '../shared/dto/me';
import type { Intent } from '../shared/routing';

/** What my participant does in each mode, as a routing intent. */
export function intentFor(mode: MeMode, participantId: string): Intent {
  switch (mode) {
    case 'monitor':
      return { type: 'monitor', supervisorId: participantId };
    case 'coach':
      return { type: 'whisper', supervisorId: participantId };
    case 'barge':
      return { type: 'barge', supervisorId: participantId };
  }
}

export const MODE_WORDS: Readonly<Record<MeMode, string>> = Object.freeze({
  monitor: 'listening to the call (nobody hears you)',
  coach: 'coaching the agent (only the agent hears you)',
  barge: 'barged in (everyone on the call hears you)',
});

/** The one-sentence confirmation a barge needs (the customer will hear the supervisor). */
export function bargeQuestion(displayName: string): string {
  return `Everyone on the call, the customer too, will hear you (${displayName}): barge in?`;
}
