/**
 * The routing domain's public surface: model, effective delivery, intents, guardrails, planner,
 * previews, rebase and undo. Pure; imported by the main process and the renderer.
 */
export type { Role, RoutingParticipant, RoutingSession, StreamSelection } from './model';
export {
  ROLES,
  isSupervised,
  normalizeSubscriptions,
  sameStreams,
  sessionFromApi,
  streamsWithin,
  withSubscriptions,
} from './model';
export { currentDelivery, deliveryOf, effective, sameDelivery, whoHears } from './effective';
export type { CellSetting, Intent, IntentErrorCode } from './intents';
export { INTENT_LIMITS, IntentError, validateIntent } from './intents';
export { asIntent } from './intent-guard';
export type { Move } from './apply-intent';
export { applyIntent } from './apply-intent';
export type { GuardrailContext, GuardrailRule, GuardrailViolation } from './guardrails';
export {
  EMPTY_GUARDRAIL_CONTEXT,
  checkGuardrails,
  newViolations,
  targetSession,
} from './guardrails';
export type { CellChange, Plan, PlannedWrite } from './planner';
export { applyPlan, invert, planTarget, planWrite, writeRank } from './planner';
export type { PlanPreview } from './preview';
export { describeIntent, groupedLines, previewPlan } from './preview';
export { participantLabel, sessionLabels } from './labels';
export { ROLE_GUESS_RULE, roleAssumption, withRoleAssumption } from './assumptions';
export type { RebasedChange, UndoConflict } from './rebase';
export { mergeContexts, planUndo, rebase } from './rebase';
export type { HealthInput } from './health';
export { checkHealth } from './health';
export type { Supervision, SupervisionMode } from './supervision';
export { supervisionOf, supervisorsOf } from './supervision';
export { routingOf } from './from-view';
export { revertRisks, riskSentences, risksOf, uniqueMessages, withRisks } from './risk';
