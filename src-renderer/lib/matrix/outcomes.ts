/**
 * What main answered to a routing call, flattened (the bridge's Result around the applier's own
 * success-or-failure), and the words the screen uses for each outcome. Pure.
 */
import type { ApplyFailure, ApplyResult, ApplySuccess, FailedStep } from '$shared/dto/routing';
import type { TimedApplyResult, TimedRouteView } from '$shared/dto/timers';
import type { Result } from '$shared/result';
import type { GuardrailViolation, Intent, PlanPreview } from '$shared/routing';
import type { PatchbayBridge } from '../api';

/** The bridge itself refused (invalid input, lost connection): nothing was sent to the API. */
export interface BridgeFailure {
  readonly ok: false;
  readonly code: 'bridge';
  readonly message: string;
  readonly rolledBack: false;
}

export type Success = ApplySuccess & { readonly timer?: TimedRouteView };
export type Failure = ApplyFailure | BridgeFailure;
export type Outcome = Success | Failure;

export function outcomeOf(result: Result<ApplyResult | TimedApplyResult>): Outcome {
  if (!result.ok) {
    return { ok: false, code: 'bridge', message: result.error.message, rolledBack: false };
  }
  return result.value;
}

export function failedStepOf(failure: Failure): FailedStep | undefined {
  return failure.code === 'write-failed' ? failure.failedStep : undefined;
}

export function violationsOf(failure: Failure): readonly GuardrailViolation[] {
  return failure.code === 'guardrail' ? failure.violations : [];
}

export function previewOf(failure: Failure): PlanPreview | undefined {
  return failure.code === 'guardrail' ? failure.preview : undefined;
}

/** A heading for the failure banner. */
export function failureTitle(
  failure: Failure,
  what: 'change' | 'undo' | 'redo' = 'change',
): string {
  const verb = what === 'change' ? 'The change' : what === 'undo' ? 'Undo' : 'Redo';
  switch (failure.code) {
    case 'write-failed':
      return failure.rolledBack
        ? `${verb} failed and was rolled back`
        : `${verb} failed and could not be fully rolled back`;
    case 'guardrail':
      return `${verb} needs your confirmation`;
    case 'read-failed':
      return `${verb} was not made: the session could not be read`;
    case 'undo-conflict':
      return `${verb} refused: the call changed since`;
    case 'nothing-to-undo':
    case 'nothing-to-redo':
      return `Nothing to ${what === 'redo' ? 'redo' : 'undo'}`;
    case 'audit-failed':
      return failure.changed
        ? `${verb} was made, but the audit log could not record it`
        : `${verb} was not kept: the audit log could not record it`;
    case 'bridge':
      return `${verb} was not sent`;
    default:
      return `${verb} was not made`;
  }
}

/** "Step 2 of 3 failed: Could not update Agent 7f3a's subscriptions …". */
export function failedStepText(step: FailedStep | undefined): string | undefined {
  if (!step) return undefined;
  return `Step ${step.step} of ${step.of} failed: ${step.message}`;
}

/** The intent as the bridge's input type (mutable arrays; the same JSON). */
export type WireIntent = Parameters<PatchbayBridge['routing']['apply']>[0]['intent'];

export function wireIntent(intent: Intent): WireIntent {
  switch (intent.type) {
    case 'setStreams':
      return { ...intent, streams: intent.streams === 'all' ? 'all' : [...intent.streams] };
    case 'setCells':
      return {
        type: 'setCells',
        cells: intent.cells.map((c) => ({
          ...c,
          streams: c.streams === null || c.streams === 'all' ? c.streams : [...c.streams],
        })),
      };
    case 'monitor': {
      const { participantIds, ...rest } = intent;
      return participantIds ? { ...rest, participantIds: [...participantIds] } : rest;
    }
    case 'whisper': {
      const { agentIds, ...rest } = intent;
      return agentIds ? { ...rest, agentIds: [...agentIds] } : rest;
    }
    default:
      return intent;
  }
}
