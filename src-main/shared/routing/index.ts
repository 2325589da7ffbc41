/**
 * The routing domain's public surface: model, effective delivery, intents, guardrails, planner,
 * previews, rebase and undo. Pure; imported by the main process and the renderer.
 */
export type {
  Cell,
  NormalizedSubscriptions,
  Role,
  RoutingParticipant,
  RoutingSession,
  StreamSelection,
} from './model';
export {
  ROLES,
  findParticipant,
  isSupervised,
  normalizeStreams,
  normalizeSubscriptions,
  roleOf,
  sameStreams,
  sessionFromApi,
  streamsWithin,
  subscriptionsOf,
  withSubscriptions,
} from './model';
export type {
  Delivery,
  DeliveryMap,
  EffectiveRouting,
  Listener,
  ReceiverRouting,
} from './effective';
export {
  currentDelivery,
  deliveryOf,
  effective,
  hearsStreams,
  sameDelivery,
  whoHears,
} from './effective';
export type { CellSetting, Intent, IntentErrorCode, IntentProblem, IntentType } from './intents';
export { INTENT_LIMITS, IntentError, validateIntent } from './intents';
export { asIntent } from './intent-guard';
export type { Move, TargetState } from './apply-intent';
export { applyIntent, contextForIntent } from './apply-intent';
export type {
  DeliberateCut,
  GuardrailContext,
  GuardrailFinding,
  GuardrailRule,
  GuardrailViolation,
  TargetLike,
} from './guardrails';
export {
  BUILT_IN_GUARDRAILS,
  EMPTY_GUARDRAIL_CONTEXT,
  agentHearsCustomer,
  checkGuardrails,
  customerHearsNoSupervisor,
  newViolations,
  noSessionLevelWhenSupervised,
  targetSession,
} from './guardrails';
export type { CellChange, Edge, Plan, PlannedWrite, PlanTarget } from './planner';
export { applyPlan, invert, orderWrites, planTarget, planWrite, writeRank } from './planner';
export type { PlanPreview } from './preview';
export { describeIntent, previewPlan } from './preview';
export { participantLabel, sessionLabels } from './labels';
export { ROLE_GUESS_RULE, roleAssumption, withRoleAssumption } from './assumptions';
export type { RebasedChange, UndoConflict, UndoDecision } from './rebase';
export { mergeContexts, planUndo, rebase } from './rebase';
