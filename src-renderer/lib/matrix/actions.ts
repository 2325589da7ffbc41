/**
 * Every gesture of the matrix — drag and drop, keys, menus — becomes one of these actions, and
 * one dispatcher (MatrixStore.run) carries them out, so the three paths of a gesture always call
 * the same intent. Drag payloads are validated here too. Pure.
 */
import type { Intent, Role } from '$shared/routing';
import { isId } from '$shared/ids';
import type { DurationId, PresetId } from './presets';
import { isPresetId } from './presets';

export type ChangeSource = 'toggle' | 'aliases' | 'preset' | 'selection' | 'drift' | 'connect';

export type MatrixAction =
  /** A routing change made of these intents, sent as one change. */
  | { readonly type: 'change'; readonly intents: readonly Intent[]; readonly source: ChangeSource }
  | {
      readonly type: 'preset';
      readonly preset: PresetId;
      readonly participantId: string;
      /** Timer for whisper and monitor; the preset bar's choice when missing. */
      readonly duration?: DurationId;
    }
  /** Add a participant from the tray to the session, with its role's default routing. */
  | { readonly type: 'add'; readonly participantId: string }
  /** Remove a participant from the session (asks for confirmation first). */
  | { readonly type: 'remove'; readonly participantId: string }
  /** Open the stream alias editor of a cell. */
  | { readonly type: 'aliases'; readonly receiverId: string; readonly publisherId: string }
  | { readonly type: 'role'; readonly participantId: string; readonly role: Role | null }
  | { readonly type: 'select'; readonly keys: readonly string[]; readonly extend: boolean }
  /** Turn every selected cell on or off, as one change. */
  | { readonly type: 'applySelection'; readonly on: boolean }
  | {
      readonly type: 'drift';
      readonly receiverId: string;
      readonly keep: 'console' | 'server';
    };

export const DRAG_MIME = 'application/x-patchbay';

export type DragPayload =
  /** A row or column header: a participant of this session. */
  | { readonly kind: 'member'; readonly participantId: string }
  /** A participant in the tray (not in this session). */
  | { readonly kind: 'tray'; readonly participantId: string }
  | { readonly kind: 'preset'; readonly preset: PresetId };

export type DropTarget =
  /** A row (its header or any of its cells): the receiver. */
  | { readonly kind: 'row'; readonly receiverId: string }
  /** A header of either axis: the participant. */
  | { readonly kind: 'participant'; readonly participantId: string }
  /** Anywhere on the matrix. */
  | { readonly kind: 'matrix' }
  | { readonly kind: 'tray' };

export function encodeDrag(payload: DragPayload): string {
  return JSON.stringify(payload);
}

/** The payload of a drag, or null for anything that is not one of ours. */
export function decodeDrag(text: string | undefined | null): DragPayload | null {
  if (!text) return null;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  const record = value as Record<string, unknown>;
  if (record['kind'] === 'preset') {
    return isPresetId(record['preset']) ? { kind: 'preset', preset: record['preset'] } : null;
  }
  const id = record['participantId'];
  if (!isId(id)) return null;
  if (record['kind'] === 'member') return { kind: 'member', participantId: id };
  if (record['kind'] === 'tray') return { kind: 'tray', participantId: id };
  return null;
}

/**
 * What dropping `payload` on `target` does, or null when that drop means nothing (the matching
 * keyboard and menu paths produce the very same action):
 * - a column header onto a row: that receiver subscribes to that publisher;
 * - a tray participant onto the matrix: it joins the session;
 * - a header onto the tray: it leaves the session (after confirmation);
 * - a preset onto a participant's header: the preset, applied to that participant.
 */
export function dropAction(payload: DragPayload, target: DropTarget): MatrixAction | null {
  switch (payload.kind) {
    case 'member':
      if (target.kind === 'tray') return { type: 'remove', participantId: payload.participantId };
      if (target.kind === 'row' && target.receiverId !== payload.participantId) {
        return {
          type: 'change',
          source: 'connect',
          intents: [
            {
              type: 'subscribe',
              receiverId: target.receiverId,
              publisherId: payload.participantId,
            },
          ],
        };
      }
      return null;
    case 'tray':
      return target.kind === 'tray' ? null : { type: 'add', participantId: payload.participantId };
    case 'preset':
      if (target.kind === 'participant') {
        return { type: 'preset', preset: payload.preset, participantId: target.participantId };
      }
      if (target.kind === 'row') {
        return { type: 'preset', preset: payload.preset, participantId: target.receiverId };
      }
      return null;
  }
}
