/**
 * Presets: the named routings a supervisor reaches for, applied to one participant (dropped on it,
 * picked from the preset bar while it is focused, or by its shortcut key), and the timer choices
 * for whisper and monitor. Pure: each preset becomes one `Intent` or a plain-words refusal.
 */
import type { Intent, RoutingSession } from '$shared/routing';
import { participantLabel } from '$shared/routing';

export const PRESET_IDS = [
  'monitor',
  'whisper',
  'barge',
  'muteAll',
  'isolate',
  'hold',
  'fullyWire',
  'endSupervision',
] as const;
export type PresetId = (typeof PRESET_IDS)[number];

export interface PresetInfo {
  readonly id: PresetId;
  readonly label: string;
  /** The shortcut on a focused participant (lower case; shown upper case). */
  readonly key: string;
  /** One sentence: what it does to the participant it is applied to. */
  readonly description: string;
  /** Offers the timer choices. */
  readonly timed: boolean;
}

export const PRESETS: readonly PresetInfo[] = [
  {
    id: 'monitor',
    label: 'Monitor',
    key: 'm',
    description: 'The supervisor silently hears the call (or the participant it is dropped on).',
    timed: true,
  },
  {
    id: 'whisper',
    label: 'Whisper',
    key: 'w',
    description: 'Only the agents (or the agent it is dropped on) hear the supervisor.',
    timed: true,
  },
  {
    id: 'barge',
    label: 'Barge',
    key: 'b',
    description: 'Everyone in the call hears the supervisor, customers too.',
    timed: false,
  },
  {
    id: 'muteAll',
    label: 'Mute for everyone',
    key: 'u',
    description: 'Nobody hears this participant.',
    timed: false,
  },
  {
    id: 'isolate',
    label: 'Isolate',
    key: 'i',
    description: 'Cut off from everyone but supervisors, both ways.',
    timed: false,
  },
  {
    id: 'hold',
    label: 'Hold',
    key: 'h',
    description: 'Hears nobody and nobody hears it.',
    timed: false,
  },
  {
    id: 'fullyWire',
    label: 'Fully wire',
    key: 'f',
    description: 'Everyone hears everyone (customers hear supervisors: a barge).',
    timed: false,
  },
  {
    id: 'endSupervision',
    label: 'End supervision',
    key: 'e',
    description: 'Every route to and from the supervisor is removed.',
    timed: false,
  },
];

export function presetInfo(id: PresetId): PresetInfo {
  return PRESETS.find((p) => p.id === id) ?? (PRESETS[0] as PresetInfo);
}

export function isPresetId(value: unknown): value is PresetId {
  return typeof value === 'string' && (PRESET_IDS as readonly string[]).includes(value);
}

/** The preset a shortcut key stands for (no modifiers), if any. */
export function presetForKey(key: string): PresetId | undefined {
  return PRESETS.find((p) => p.key === key.toLowerCase())?.id;
}

export const DURATION_IDS = ['none', '30s', '60s', '5min', 'untilStopped'] as const;
export type DurationId = (typeof DURATION_IDS)[number];

export interface DurationInfo {
  readonly id: DurationId;
  readonly label: string;
  /** ms for a timed route; null: until stopped; undefined: not timed. */
  readonly ms: number | null | undefined;
}

export const DURATIONS: readonly DurationInfo[] = [
  { id: 'none', label: 'No timer', ms: undefined },
  { id: '30s', label: '30 s', ms: 30_000 },
  { id: '60s', label: '60 s', ms: 60_000 },
  { id: '5min', label: '5 min', ms: 300_000 },
  { id: 'untilStopped', label: 'Until stopped', ms: null },
];

export function durationInfo(id: DurationId): DurationInfo {
  return DURATIONS.find((d) => d.id === id) ?? (DURATIONS[0] as DurationInfo);
}

/** The `routing:apply` fields of a duration (none for an untimed change). */
export function durationFields(
  id: DurationId,
): { durationMs: number } | { untilStopped: true } | Record<string, never> {
  const ms = durationInfo(id).ms;
  if (ms === undefined) return {};
  return ms === null ? { untilStopped: true } : { durationMs: ms };
}

export type PresetOutcome =
  { readonly ok: true; readonly intent: Intent } | { readonly ok: false; readonly message: string };

const SUPERVISOR_PRESETS: ReadonlySet<PresetId> = new Set([
  'monitor',
  'whisper',
  'barge',
  'endSupervision',
]);

function supervisorFor(
  session: RoutingSession,
  participantId: string,
  preset: PresetInfo,
): { ok: true; supervisorId: string; isTarget: boolean } | { ok: false; message: string } {
  const target = session.participants.find((p) => p.id === participantId);
  if (target?.role === 'supervisor') return { ok: true, supervisorId: target.id, isTarget: true };
  const supervisors = session.participants.filter((p) => p.role === 'supervisor');
  const only = supervisors[0];
  if (supervisors.length === 1 && only) return { ok: true, supervisorId: only.id, isTarget: false };
  if (supervisors.length === 0) {
    return {
      ok: false,
      message: `${preset.label} needs a supervisor, and nobody in this session has that role. Assign the supervisor role first (participant menu → Role).`,
    };
  }
  return {
    ok: false,
    message: `There are ${supervisors.length} supervisors: apply ${preset.label} to the supervisor it is for.`,
  };
}

/** The intent of a preset applied to one participant, or why it does not apply. */
export function presetIntent(
  session: RoutingSession,
  preset: PresetId,
  participantId: string,
): PresetOutcome {
  const info = presetInfo(preset);
  const target = session.participants.find((p) => p.id === participantId);
  if (!target) return { ok: false, message: 'That participant is no longer in the session.' };
  if (SUPERVISOR_PRESETS.has(preset)) {
    const found = supervisorFor(session, participantId, info);
    if (!found.ok) return found;
    const supervisorId = found.supervisorId;
    switch (preset) {
      case 'monitor':
        return {
          ok: true,
          intent: found.isTarget
            ? { type: 'monitor', supervisorId }
            : { type: 'monitor', supervisorId, participantIds: [participantId] },
        };
      case 'whisper':
        if (found.isTarget) return { ok: true, intent: { type: 'whisper', supervisorId } };
        if (target.role === 'customer') {
          return {
            ok: false,
            message: `${participantLabel(session, participantId)} is a customer: a whisper never reaches customers. Apply Whisper to an agent or to the supervisor, or use Barge.`,
          };
        }
        return {
          ok: true,
          intent: { type: 'whisper', supervisorId, agentIds: [participantId] },
        };
      case 'barge':
        return { ok: true, intent: { type: 'barge', supervisorId } };
      default:
        return { ok: true, intent: { type: 'endSupervision', supervisorId } };
    }
  }
  switch (preset) {
    case 'muteAll':
      return { ok: true, intent: { type: 'mute', publisherId: participantId } };
    case 'isolate':
      return { ok: true, intent: { type: 'isolate', participantId } };
    case 'hold':
      return { ok: true, intent: { type: 'hold', participantId } };
    default:
      return { ok: true, intent: { type: 'fullyWire' } };
  }
}
