/**
 * Whom a preset applies to when nobody is focused, and which preset chip is the active mode. A
 * supervisor preset needs no focused participant when the call has exactly one supervisor (and,
 * for a whisper, exactly one agent); otherwise the supervisor is asked which, in words that name
 * the people. Pure.
 */
import type { RoutingSession } from '$shared/routing';
import { participantLabel } from '$shared/routing';
import type { SupervisionMode } from '$shared/routing';
import { presetInfo, type PresetId } from './presets';

export type TargetOutcome =
  | { readonly ok: true; readonly participantId: string }
  | { readonly ok: false; readonly message: string };

const SUPERVISOR_PRESETS: ReadonlySet<PresetId> = new Set([
  'monitor',
  'whisper',
  'barge',
  'endSupervision',
]);

/** "A", "A or B", "A, B or C". */
function orWords(words: readonly string[]): string {
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(', ')} or ${words[words.length - 1] ?? ''}`;
}

/** The people to choose from by name; a long list as its count ("one of the 12 agents"). */
function namesOf(session: RoutingSession, ids: readonly string[], noun: string): string {
  if (ids.length > 4) return `one of the ${ids.length} ${noun}`;
  return orWords(ids.map((id) => participantLabel(session, id)));
}

/** The supervisor the session's supervisor presets mean without a focus: its only one. */
export function onlySupervisor(session: RoutingSession): string | null {
  const supervisors = session.participants.filter((p) => p.role === 'supervisor');
  return supervisors.length === 1 ? (supervisors[0]?.id ?? null) : null;
}

/**
 * The participant a preset applies to when none is focused, or the question that asks which.
 * Monitor, barge and end supervision go to the only supervisor; a whisper to the only agent (from
 * the only supervisor); everyone-hears-everyone needs nobody in particular. Mute, isolate and hold
 * are about one participant, so they always ask.
 */
export function inferPresetTarget(session: RoutingSession, preset: PresetId): TargetOutcome {
  const info = presetInfo(preset);
  const key = info.key.toUpperCase();
  const again = `Focus one in the matrix (or drop the ${info.label} chip on them), then press ${key}.`;
  const withRole = (role: string): string[] =>
    session.participants.filter((p) => p.role === role).map((p) => p.id);
  if (session.participants.length === 0) {
    return { ok: false, message: `${info.label}: nobody is in this call yet.` };
  }
  if (preset === 'fullyWire') {
    return { ok: true, participantId: session.participants[0]?.id ?? '' };
  }
  if (!SUPERVISOR_PRESETS.has(preset)) {
    const ids = session.participants.map((p) => p.id);
    return {
      ok: false,
      message: `${info.label}: which participant — ${namesOf(session, ids, 'participants')}? ${again}`,
    };
  }
  const supervisors = withRole('supervisor');
  const supervisor = supervisors[0];
  if (supervisor === undefined) {
    return {
      ok: false,
      message: `${info.label} needs a supervisor, and nobody in this call has that role. Assign the supervisor role first (participant menu → Role).`,
    };
  }
  if (supervisors.length > 1) {
    return {
      ok: false,
      message: `${info.label} for which supervisor — ${namesOf(session, supervisors, 'supervisors')}? ${again}`,
    };
  }
  if (preset !== 'whisper') return { ok: true, participantId: supervisor };
  const agents = withRole('agent');
  const agent = agents[0];
  if (agent === undefined) {
    return {
      ok: false,
      message: `Whisper needs an agent to whisper to, and nobody in this call has the agent role. Assign it first (participant menu → Role).`,
    };
  }
  if (agents.length > 1) {
    return {
      ok: false,
      message: `Whisper to which agent — ${namesOf(session, agents, 'agents')}? ${again}`,
    };
  }
  return { ok: true, participantId: agent };
}

/** The preset chip that shows a supervisor's current mode (none while idle). */
export function activePreset(mode: SupervisionMode | undefined): PresetId | null {
  return mode === 'monitor' || mode === 'whisper' || mode === 'barge' ? mode : null;
}
