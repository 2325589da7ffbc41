/**
 * The shapes a routing change takes on its way out: the request (one or more intents, said in
 * words), the proposal shown before sending, and the banner that reports an outcome. Types only.
 */
import type { GuardrailViolation, Intent } from '$shared/routing';
import type { ChangeSource } from './actions';
import type { LocalPlan } from './changes';
import type { DurationId } from './presets';

export interface ChangeRequest {
  readonly intents: readonly Intent[];
  /** Plain words: "Supervisor 9c1d whispers to the agents". */
  readonly label: string;
  readonly source: ChangeSource | 'add';
  /** Only for a change of one intent. */
  readonly duration: DurationId;
  /** Lines and calls before the routing (a participant joining). */
  readonly extraLines?: readonly string[];
  readonly extraCalls?: number;
  /** Runs before the routing (add to the session); a failure stops the change. */
  readonly prepare?: () => Promise<{ ok: true } | { ok: false; message: string }>;
  /** Takes `prepare` back when the routing failed. Resolves with what it did, in words. */
  readonly unprepare?: () => Promise<string>;
}

export interface Proposal {
  readonly request: ChangeRequest;
  readonly local: LocalPlan;
  /** main's preview of the same change, once it answered (single intents only). */
  readonly server: { apiCalls: number; lines: readonly string[] } | null;
  /** What the change risks (said first) and the guardrails it breaks: sending needs a confirmation. */
  readonly violations: readonly GuardrailViolation[];
}

export interface Banner {
  readonly kind: 'error' | 'warning' | 'info';
  readonly title: string;
  readonly message: string;
  readonly step?: string;
}
