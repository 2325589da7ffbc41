/**
 * Why a cell is silent, so the grid can tell the cases apart: muted on purpose (by whom, through
 * which Patchbay change), not connected (a leg of the normal call that is absent and that no
 * Patchbay change explains), and the call-health alerts of the floor. Pure: the audit entries and
 * the alerts come in as values.
 */
import type { Subscriptions } from '$shared/bandwidth-api';
import type { AlertView } from '$shared/dto/alerts';
import type { AuditEntry } from '$shared/dto/audit';
import { cellKey } from './grid';

/** A cell a Patchbay change turned off on purpose. */
export interface MuteNote {
  /** Who made the change (the supervisor's name where the log has it, else the computer's user). */
  readonly by: string;
  /** What the change was, in words: "muted", "put on hold". */
  readonly what: string;
  /** ISO 8601. */
  readonly at: string;
}

/** What the grid knows beyond the routing itself. */
export interface CellNotes {
  /** Cell key → the Patchbay change that silenced it (only cells still silent matter). */
  readonly mutes: ReadonlyMap<string, MuteNote>;
  /** Cell key (receiver, other) → the open alert's sentence. */
  readonly alerts: ReadonlyMap<string, string>;
  /** Participant → open alerts about them alone (no other side), as sentences. */
  readonly participantAlerts: ReadonlyMap<string, string>;
}

export const NO_NOTES: CellNotes = {
  mutes: new Map(),
  alerts: new Map(),
  participantAlerts: new Map(),
};

const INTENT_WORDS: Readonly<Record<string, string>> = {
  mute: 'muted',
  hold: 'put on hold',
  isolate: 'isolated',
  unsubscribe: 'disconnected',
  setCells: 'disconnected',
  setStreams: 'disconnected',
  whisper: 'kept private for a whisper',
  monitor: 'kept private for a monitor',
  barge: 'changed for a barge',
  endSupervision: 'ended supervision',
  restoreCall: 'restored the normal call',
  fullyWire: 'wired everyone',
  move: 'moved someone out',
};

function intentType(intent: unknown): string {
  if (typeof intent !== 'object' || intent === null) return '';
  const type = (intent as { type?: unknown }).type;
  if (type === 'revert') return 'revert';
  return typeof type === 'string' ? type : '';
}

/**
 * Who the subscriptions name, or null when they do not say (session level: everyone, including
 * people who join later — which cells that covers depends on the session, so nothing is claimed).
 */
function heard(subscriptions: Subscriptions | null): ReadonlySet<string> | null {
  if (subscriptions === null) return null;
  const list = subscriptions.participants ?? [];
  if (list.length === 0 && subscriptions.sessionId !== undefined) return null;
  return new Set(list.map((p) => p.participantId));
}

/**
 * The cells that Patchbay changes (the applied entries of the audit log, oldest first) turned off
 * and that no later change turned on again.
 */
export function mutesFrom(entries: readonly AuditEntry[]): Map<string, MuteNote> {
  const mutes = new Map<string, MuteNote>();
  const applied = entries.filter((e) => e.outcome === 'applied').sort((a, b) => a.seq - b.seq);
  for (const entry of applied) {
    const type = intentType(entry.intent);
    const what = INTENT_WORDS[type] ?? 'changed';
    for (const change of entry.receivers) {
      const before = heard(change.before);
      const after = heard(change.after);
      if (before === null || after === null) continue;
      for (const publisherId of before) {
        if (!after.has(publisherId)) {
          mutes.set(cellKey(change.receiverId, publisherId), {
            by: entry.supervisor?.trim() || entry.osUser,
            what,
            at: entry.time,
          });
        }
      }
      for (const publisherId of after) mutes.delete(cellKey(change.receiverId, publisherId));
    }
  }
  return mutes;
}

/** The open alerts of one call, by cell (receiver, other side) and by participant. */
export function alertNotes(
  alerts: readonly AlertView[],
): Pick<CellNotes, 'alerts' | 'participantAlerts'> {
  const byCell = new Map<string, string>();
  const byParticipant = new Map<string, string>();
  for (const alert of alerts) {
    if (alert.otherId === undefined) {
      const before = byParticipant.get(alert.participantId);
      byParticipant.set(alert.participantId, before ? `${before} ${alert.message}` : alert.message);
      continue;
    }
    const key = cellKey(alert.participantId, alert.otherId);
    const before = byCell.get(key);
    byCell.set(key, before ? `${before} ${alert.message}` : alert.message);
  }
  return { alerts: byCell, participantAlerts: byParticipant };
}

/** True when two sets of mutes say the same (a reload of the log that changed nothing). */
export function sameMutes(
  a: ReadonlyMap<string, MuteNote>,
  b: ReadonlyMap<string, MuteNote>,
): boolean {
  if (a === b) return true;
  if (a.size !== b.size) return false;
  for (const [key, p] of a) {
    const q = b.get(key);
    if (q === undefined || p.by !== q.by || p.what !== q.what || p.at !== q.at) return false;
  }
  return true;
}
