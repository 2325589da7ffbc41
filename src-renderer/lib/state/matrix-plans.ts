/**
 * What a gesture asks for, planned on what the screen shows: a change for MatrixChanges to
 * propose, or the banner that says why not. Pure: MatrixStore reads its state and hands the result
 * on.
 */
import type { Intent, RoutingSession } from '$shared/routing';
import { revertRisks, withSubscriptions } from '$shared/routing';
import type { ChangeSource } from '../matrix/actions';
import type { LocalPlan, LocalPlanResult } from '../matrix/changes';
import { planLocally, selectionIntents } from '../matrix/changes';
import type { CellModel } from '../matrix/model';
import type { DurationId, PresetId } from '../matrix/presets';
import { durationInfo, presetInfo, presetIntent } from '../matrix/presets';
import { inferPresetTarget } from '../matrix/preset-target';
import type { Banner, ChangeRequest } from '../matrix/requests';

export type Planned =
  | { readonly ok: true; readonly request: ChangeRequest; readonly plan: LocalPlan }
  | { readonly ok: false; readonly banner: Banner };

function notPossible(message: string, title = 'Not possible'): Planned {
  return { ok: false, banner: { kind: 'warning', title, message } };
}

/** `intents` as one change from `source`, named by `label` or by what the plan does. */
export function plannedChange(
  planned: LocalPlanResult,
  intents: readonly Intent[],
  source: ChangeSource,
  label?: string,
): Planned {
  if (!planned.ok) return notPossible(planned.message);
  const plan = planned.plan;
  const words =
    label ??
    (plan.labels.length === 1
      ? (plan.labels[0] ?? '')
      : `${plan.labels.length} changes: ${plan.labels.join('; ')}`);
  return { ok: true, request: { intents, label: words, source, duration: 'none' }, plan };
}

/**
 * A preset on participant `id` (null: nobody focused, so the one it can mean, or a question), timed
 * for `duration` when it can be.
 */
export function presetChange(
  display: RoutingSession,
  preset: PresetId,
  id: string | null,
  duration: DurationId,
): Planned {
  const info = presetInfo(preset);
  const target = id ? { ok: true as const, participantId: id } : inferPresetTarget(display, preset);
  if (!target.ok) {
    return {
      ok: false,
      banner: { kind: 'info', title: `${info.label}: choose whom`, message: target.message },
    };
  }
  const outcome = presetIntent(display, preset, target.participantId);
  if (!outcome.ok) return notPossible(outcome.message, `${info.label} does not apply`);
  const planned = planLocally(display, [outcome.intent]);
  if (!planned.ok) return notPossible(planned.message, `${info.label} does not apply`);
  const timer = info.timed ? duration : 'none';
  const words = planned.plan.labels[0] ?? info.label;
  const label =
    timer === 'none' ? words : `${words} for ${durationInfo(timer).label.toLowerCase()}`;
  const request = { intents: [outcome.intent], label, source: 'preset' as const, duration: timer };
  return {
    ok: true,
    request,
    plan: timer === 'none' ? planned.plan : withEnd(display, planned.plan),
  };
}

/**
 * A timed change asks, when it starts, about what its end will do too (the end runs unattended;
 * main asks the same): e.g. a timed "stop supervising" during a barge gives the barge back.
 */
function withEnd(display: RoutingSession, plan: LocalPlan): LocalPlan {
  const after = withSubscriptions(display, plan.subscriptions);
  const end = revertRisks(display, after);
  return end.length === 0 ? plan : { ...plan, violations: [...plan.violations, ...end] };
}

/**
 * The selected cells connected (`on`) or disconnected as one change; a string when every one
 * already is (said, not shown).
 */
export function selectionChange(
  display: RoutingSession,
  cells: readonly CellModel[],
  on: boolean,
): Planned | string {
  const intents = selectionIntents(cells, on);
  if (intents.length === 0) {
    return `Every selected cell is already ${on ? 'connected' : 'disconnected'}.`;
  }
  const label = `${on ? 'Connect' : 'Disconnect'} ${intents.length} cell${intents.length === 1 ? '' : 's'}`;
  return plannedChange(planLocally(display, intents), intents, 'selection', label);
}

/** The inline preview of a cell's toggle: what it does and what it costs, or why not. */
export function togglePreview(planned: LocalPlanResult): { text: string; confirm: boolean } {
  if (!planned.ok) return { text: planned.message, confirm: false };
  const plan = planned.plan;
  const lines = plan.lines.length > 0 ? plan.lines.join('; ') : 'no change needed';
  const confirm = plan.violations.length > 0;
  return { text: confirm ? `Asks first: ${lines}` : lines, confirm };
}
