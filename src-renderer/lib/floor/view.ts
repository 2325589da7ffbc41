/**
 * What the floor shows of main's FloorState: the calls the supervisor's filters and search leave,
 * in the chosen order, with the words each row needs. Pure: no DOM, no Svelte.
 */
import type { DirectoryParticipant } from '$shared/dto/directory';
import type { FloorCall } from '$shared/dto/floor';
import type { SessionState } from '$shared/dto/session-view';
import type { SupervisionMode } from '$shared/routing';

export const FLOOR_SORTS = [
  { value: 'longest', label: 'Longest first' },
  { value: 'newest', label: 'Newest first' },
  { value: 'queue', label: 'Queue' },
  { value: 'agent', label: 'Agent' },
  { value: 'alerts', label: 'Alerts first' },
] as const;
export type FloorSort = (typeof FLOOR_SORTS)[number]['value'];

/** A call's state as the floor filters it: supervised or not, or what its watcher says. */
export type FloorCallState = 'unsupervised' | 'supervised' | 'unreachable' | 'starting';

export const FLOOR_STATES: readonly { value: FloorCallState; label: string }[] = [
  { value: 'unsupervised', label: 'Not supervised' },
  { value: 'supervised', label: 'Supervised' },
  { value: 'unreachable', label: 'Unreachable' },
  { value: 'starting', label: 'Not read yet' },
];

export interface FloorFilter {
  /** '' for every queue. */
  queue: string;
  /** An agent's display name; '' for every agent. */
  agent: string;
  state: FloorCallState | '';
  /** Matched against every name on the call, its label and its queue (case and accents aside). */
  search: string;
  sort: FloorSort;
}

export const NO_FILTER: FloorFilter = {
  queue: '',
  agent: '',
  state: '',
  search: '',
  sort: 'longest',
};

export function namesOf(call: FloorCall, role: DirectoryParticipant['role']): string[] {
  return call.people.filter((p) => p.role === role).map((p) => p.displayName);
}

export function callState(call: FloorCall): FloorCallState {
  const state: SessionState = call.state;
  if (state === 'unreachable') return 'unreachable';
  if (state === 'starting') return 'starting';
  return call.supervisors.some((s) => s.mode !== 'idle') ? 'supervised' : 'unsupervised';
}

function folded(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLocaleLowerCase();
}

function matches(call: FloorCall, filter: FloorFilter): boolean {
  if (filter.queue !== '' && call.queue !== filter.queue) return false;
  if (filter.agent !== '' && !namesOf(call, 'agent').includes(filter.agent)) return false;
  if (filter.state !== '' && callState(call) !== filter.state) return false;
  const words = folded(filter.search).split(/\s+/).filter(Boolean);
  if (words.length === 0) return true;
  const haystack = folded(
    [
      call.label,
      call.queue,
      ...call.people.map((p) => p.displayName),
      ...call.supervisors.map((s) => s.name),
    ].join(' '),
  );
  return words.every((w) => haystack.includes(w));
}

const byText = (a: string, b: string): number => a.localeCompare(b);

function compare(sort: FloorSort): (a: FloorCall, b: FloorCall) => number {
  switch (sort) {
    case 'longest':
      return (a, b) => byText(a.startedAt, b.startedAt);
    case 'newest':
      return (a, b) => byText(b.startedAt, a.startedAt);
    case 'queue':
      return (a, b) => byText(a.queue, b.queue) || byText(a.startedAt, b.startedAt);
    case 'agent':
      return (a, b) =>
        byText(namesOf(a, 'agent').join(), namesOf(b, 'agent').join()) ||
        byText(a.startedAt, b.startedAt);
    case 'alerts':
      return (a, b) => b.alerts.length - a.alerts.length || byText(a.startedAt, b.startedAt);
  }
}

/** The calls left by the filter, sorted (ties: the session id, so the order never jitters). */
export function visibleCalls(calls: readonly FloorCall[], filter: FloorFilter): FloorCall[] {
  const order = compare(filter.sort);
  return calls
    .filter((c) => matches(c, filter))
    .sort((a, b) => order(a, b) || byText(a.sessionId, b.sessionId));
}

/** The choices of the queue and agent filters: every value on the floor, sorted, once. */
export function filterChoices(calls: readonly FloorCall[]): { queues: string[]; agents: string[] } {
  const queues = new Set(calls.map((c) => c.queue));
  const agents = new Set(calls.flatMap((c) => namesOf(c, 'agent')));
  return { queues: [...queues].sort(byText), agents: [...agents].sort(byText) };
}

/** "4:05", "1:02:09": how long since `startedAt` (never negative). */
export function durationText(startedAt: string, now: number): string {
  return clockText(Math.floor((now - Date.parse(startedAt)) / 1000));
}

/** "0:42": what is left until `endsAt` (never negative; rounded up, so 0:00 only at the end). */
export function countdownText(endsAt: number, now: number): string {
  return clockText(Math.ceil((endsAt - now) / 1000));
}

function clockText(total: number): string {
  const seconds = Math.max(0, total);
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = String(seconds % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

const LEAK_WORDS = 'is heard by the customer, not in a barge (privacy leak)';
const MODE_WORDS: Record<SupervisionMode, string> = {
  monitor: 'is monitoring',
  whisper: 'is coaching (whisper)',
  barge: 'is barging in',
  idle: 'is in the call, not listening',
};

/** "Cleo Cormorant is coaching (whisper)"; '' when nobody supervises. */
export function supervisionText(call: FloorCall, myParticipantId: string | null = null): string {
  return call.supervisors
    .map((s) => {
      // A customer hearing a supervisor nobody barged in from Patchbay is a leak, never a barge.
      const leaking = call.alerts.some(
        (a) => a.ruleId === 'customer-hears-supervisor' && a.otherId === s.participantId,
      );
      const words = leaking ? LEAK_WORDS : MODE_WORDS[s.mode];
      return s.participantId === myParticipantId
        ? `You ${words.replace(/^is /, 'are ')}`
        : `${s.name} ${words}`;
    })
    .join('; ');
}
