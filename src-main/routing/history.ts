/**
 * Undo and redo stacks per session. An entry holds the plan that was APPLIED (for undo: the
 * original change; for redo: the undo that took it back), so the next step is always
 * `planUndo(entry.plan, fresh)` against fresh state, never a stale snapshot. Entries made from one
 * original change share a `routeId`, so a timed route can forget them once it has reverted.
 */
import type { Intent, Plan } from '../shared/routing';
import type { HistoryState } from './types';

export interface HistoryEntry {
  /** Identifies the original change across its undo and redo. */
  readonly routeId: string;
  readonly intent: Intent;
  /** `describeIntent` of the original change. */
  readonly label: string;
  /** The plan that was applied last for this entry. */
  readonly plan: Plan;
}

interface Stacks {
  undo: HistoryEntry[];
  redo: HistoryEntry[];
}

export class SessionHistory {
  private readonly sessions = new Map<string, Stacks>();

  constructor(private readonly depth = 50) {}

  private stacks(sessionId: string): Stacks {
    let stacks = this.sessions.get(sessionId);
    if (stacks === undefined) {
      stacks = { undo: [], redo: [] };
      this.sessions.set(sessionId, stacks);
    }
    return stacks;
  }

  /** A new change: pushed for undo; the redo stack is cleared. */
  recordApplied(sessionId: string, entry: HistoryEntry): void {
    const stacks = this.stacks(sessionId);
    stacks.undo.push(entry);
    if (stacks.undo.length > this.depth) stacks.undo.shift();
    stacks.redo = [];
  }

  peekUndo(sessionId: string): HistoryEntry | undefined {
    return this.sessions.get(sessionId)?.undo.at(-1);
  }

  peekRedo(sessionId: string): HistoryEntry | undefined {
    return this.sessions.get(sessionId)?.redo.at(-1);
  }

  /** Undo of `entry` was applied as `undoPlan`: it moves to the redo stack. */
  recordUndone(sessionId: string, entry: HistoryEntry, undoPlan: Plan): void {
    const stacks = this.stacks(sessionId);
    if (stacks.undo.at(-1) === entry) stacks.undo.pop();
    stacks.redo.push({ ...entry, plan: undoPlan });
  }

  /** Redo of `entry` was applied as `redoPlan`: it moves back to the undo stack. */
  recordRedone(sessionId: string, entry: HistoryEntry, redoPlan: Plan): void {
    const stacks = this.stacks(sessionId);
    if (stacks.redo.at(-1) === entry) stacks.redo.pop();
    stacks.undo.push({ ...entry, plan: redoPlan });
  }

  /** Drops every entry of one original change (a timed route that reverted). */
  forgetRoute(sessionId: string, routeId: string): void {
    const stacks = this.sessions.get(sessionId);
    if (stacks === undefined) return;
    stacks.undo = stacks.undo.filter((e) => e.routeId !== routeId);
    stacks.redo = stacks.redo.filter((e) => e.routeId !== routeId);
  }

  /** Drops a session's history (e.g. the session was unwatched or ended). */
  forgetSession(sessionId: string): void {
    this.sessions.delete(sessionId);
  }

  state(sessionId: string): HistoryState {
    const undo = this.peekUndo(sessionId);
    const redo = this.peekRedo(sessionId);
    return {
      canUndo: undo !== undefined,
      canRedo: redo !== undefined,
      ...(undo === undefined ? {} : { undoLabel: undo.label }),
      ...(redo === undefined ? {} : { redoLabel: redo.label }),
    };
  }
}
