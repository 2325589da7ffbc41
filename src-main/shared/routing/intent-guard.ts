/**
 * `asIntent`: the shape check of an intent that arrives already validated — an audit entry main
 * wrote, read back for display — without a schema library in the renderer. It accepts exactly what
 * main's intent schema accepts (`src-main/ipc/intent-schema.ts`; a property test holds them
 * together), so an entry from an older or damaged log is told apart rather than drawn wrongly.
 */
import { isId } from '../ids';
import { INTENT_LIMITS, type Intent, type IntentType } from './intents';

type Field = 'id' | 'id?' | 'ids?' | 'streams' | 'cells';

const FIELDS: { readonly [T in IntentType]: Readonly<Record<string, Field>> } = {
  subscribe: { receiverId: 'id', publisherId: 'id' },
  unsubscribe: { receiverId: 'id', publisherId: 'id' },
  setStreams: { receiverId: 'id', publisherId: 'id', streams: 'streams' },
  setCells: { cells: 'cells' },
  mute: { publisherId: 'id', receiverId: 'id?' },
  unmute: { publisherId: 'id', receiverId: 'id?' },
  hold: { participantId: 'id' },
  isolate: { participantId: 'id' },
  fullyWire: {},
  restoreCall: {},
  monitor: { supervisorId: 'id', participantIds: 'ids?' },
  whisper: { supervisorId: 'id', agentIds: 'ids?' },
  barge: { supervisorId: 'id' },
  endSupervision: { supervisorId: 'id' },
  move: { participantId: 'id', toSessionId: 'id' },
};

const CELL: Readonly<Record<string, Field | 'streams?'>> = {
  receiverId: 'id',
  publisherId: 'id',
  streams: 'streams?',
};

function record(value: unknown): Record<string, unknown> | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : null;
}

/** Ids are checked as the schema does: surrounding whitespace is trimmed first. */
const id = (value: unknown): boolean => typeof value === 'string' && isId(value.trim());

const list = (value: unknown, max: number, each: (item: unknown) => boolean): boolean =>
  Array.isArray(value) && value.length >= 1 && value.length <= max && value.every(each);

const alias = (value: unknown): boolean =>
  typeof value === 'string' && value.length >= 1 && value.length <= INTENT_LIMITS.streamAlias;

const streams = (value: unknown): boolean =>
  value === 'all' || list(value, INTENT_LIMITS.streams, alias);

const CHECKS: Readonly<Record<Field | 'streams?', (value: unknown) => boolean>> = {
  id,
  'id?': (value) => value === undefined || id(value),
  'ids?': (value) => value === undefined || list(value, INTENT_LIMITS.ids, id),
  streams,
  'streams?': (value) => value === null || streams(value),
  cells: (value) => list(value, INTENT_LIMITS.cells, (cell) => fits(cell, CELL, false)),
};

/** Exactly the members `fields` names (and `type`, for an intent), each passing its check. */
function fits(
  value: unknown,
  fields: Readonly<Record<string, Field | 'streams?'>>,
  typed: boolean,
): boolean {
  const members = record(value);
  if (!members) return false;
  const known = (key: string): boolean => (typed && key === 'type') || Object.hasOwn(fields, key);
  return (
    Object.keys(members).every(known) &&
    Object.entries(fields).every(([key, field]) => CHECKS[field](members[key]))
  );
}

function isIntentType(value: unknown): value is IntentType {
  return typeof value === 'string' && Object.hasOwn(FIELDS, value);
}

/** The value as an Intent when it is one, else null. */
export function asIntent(value: unknown): Intent | null {
  const kind = record(value)?.['type'];
  if (!isIntentType(kind)) return null;
  return fits(value, FIELDS[kind], true) ? (value as Intent) : null;
}
