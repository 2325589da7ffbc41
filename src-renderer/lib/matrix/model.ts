/**
 * The matrix's cell model, derived once per snapshot from the shared routing model (`effective`),
 * with the live state of each cell laid over it. Unchanged cells and rows keep their previous
 * objects, so a keyed `#each` re-renders only what changed. Pure: no DOM, no Svelte.
 */
import type { PublishPermission } from '$shared/bandwidth-api';
import type {
  Role,
  RoutingSession,
  StreamSelection,
  Supervision,
  SupervisionMode,
} from '$shared/routing';
import { effective, sessionLabels, supervisionOf } from '$shared/routing';

export type { Supervision } from '$shared/routing';
import type { CellNotes, MuteNote } from './gaps';
import { NO_NOTES } from './gaps';
import { cellKey } from './grid';
import { cellWords, streamsShort } from './words';

/** The live state of a cell. */
export type CellStatus =
  | { readonly kind: 'applied' }
  | { readonly kind: 'pending' }
  | { readonly kind: 'failed'; readonly reason: string }
  | {
      readonly kind: 'drift';
      /** What this console last saw (and would restore). */
      readonly console: StreamSelection | null;
      /** What the server holds now. */
      readonly server: StreamSelection | null;
    };

export const APPLIED: CellStatus = { kind: 'applied' };
const NO_MEDIA: readonly PublishPermission[] = [];

/**
 * How a cell relates to supervision, for colour and words: hearing a supervisor who coaches
 * (`coach`: whisper) or who barged in (`barge`), a supervisor listening (`ear`), or someone in the
 * call kept from hearing an active supervisor (`private`).
 */
export type CellTone = 'plain' | 'coach' | 'barge' | 'ear' | 'private';

/**
 * Why a silent cell is silent: `muted` on purpose (a Patchbay change, or a supervisor kept private),
 * `missing`: a leg of the normal call (between two people who are not supervisors) that is absent
 * and that no Patchbay change explains. null: connected, or a route nobody expects (a supervisor's).
 */
export type CellSilence = 'muted' | 'missing' | null;

/** What a cell is, before it is put into words. */
export interface CellFacts {
  readonly key: string;
  readonly receiverId: string;
  readonly publisherId: string;
  /** null: not subscribed; 'all'; or only these aliases. */
  readonly value: StreamSelection | null;
  readonly viaSession: boolean;
  /** Media that can flow: the publisher's permissions (none when not subscribed). */
  readonly media: readonly PublishPermission[];
  readonly tone: CellTone;
  readonly status: CellStatus;
  readonly silence: CellSilence;
  /** The Patchbay change that muted it (for `muted` cells the audit log explains). */
  readonly mutedBy: MuteNote | null;
  /** An open call-health alert about this cell (receiver, other side), in words. */
  readonly alert: string | null;
}

/** A cell as the grid draws it: the facts, and their display forms computed once per change. */
export interface CellModel extends CellFacts {
  readonly state: 'off' | 'all' | 'some';
  /**
   * What the publisher publishes: 'A', 'V', 'AV' or ''. The media that can flow are these when the
   * cell hears all streams (the face shows them then): a rewire leaves this as it was.
   */
  readonly publishes: string;
  /** "microphone +1" for some aliases, else ''. */
  readonly aliasText: string;
  /**
   * The accessible name: who hears whom, what, and the live state. The face draws the same facts
   * from the cell's data attributes (its mark, word, media, badge and alert mark are CSS), so a
   * changed cell writes a few attributes and no text.
   */
  readonly words: string;
}

export interface HeaderModel {
  readonly id: string;
  readonly label: string;
  readonly role: Role;
  readonly tag: string | undefined;
  readonly permissions: readonly PublishPermission[];
  readonly sessionLevel: boolean;
  /** Only for supervisors. */
  readonly supervision: Supervision | null;
  /** Open call-health alerts about this participant alone (no other side), in words. */
  readonly alert: string | null;
}

export interface RowModel {
  readonly header: HeaderModel;
  /** One per publisher in column order; null on the diagonal. */
  readonly cells: readonly (CellModel | null)[];
}

export interface MatrixModel {
  readonly sessionId: string;
  readonly ids: readonly string[];
  readonly headers: readonly HeaderModel[];
  readonly rows: readonly RowModel[];
  /** Cell key → cell, for lookups. */
  readonly cells: ReadonlyMap<string, CellModel>;
  readonly labels: ReadonlyMap<string, string>;
}

/** Everyone who hears `publisherId` and everyone `receiverId` hears, from the model. */
export function neighbours(
  model: MatrixModel,
  participantId: string,
): { hearsIt: ReadonlySet<string>; itHears: ReadonlySet<string> } {
  const hearsIt = new Set<string>();
  const itHears = new Set<string>();
  for (const cell of model.cells.values()) {
    if (cell.value === null) continue;
    if (cell.publisherId === participantId) hearsIt.add(cell.receiverId);
    if (cell.receiverId === participantId) itHears.add(cell.publisherId);
  }
  return { hearsIt, itHears };
}

function toneOf(
  receiverRole: Role,
  publisherRole: Role,
  value: StreamSelection | null,
  publisherMode: SupervisionMode | undefined,
): CellTone {
  if (value !== null && publisherRole === 'supervisor' && receiverRole !== 'supervisor') {
    return publisherMode === 'barge' ? 'barge' : 'coach';
  }
  if (value !== null && receiverRole === 'supervisor' && publisherRole !== 'supervisor') {
    return 'ear';
  }
  if (value === null && publisherRole === 'supervisor' && receiverRole !== 'supervisor') {
    return publisherMode !== undefined && publisherMode !== 'idle' ? 'private' : 'plain';
  }
  return 'plain';
}

function sameSelection(a: StreamSelection | null, b: StreamSelection | null): boolean {
  if (a === null || b === null || a === 'all' || b === 'all') return a === b;
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

function sameStatus(a: CellStatus, b: CellStatus): boolean {
  if (a.kind !== b.kind) return false;
  if (a.kind === 'failed' && b.kind === 'failed') return a.reason === b.reason;
  if (a.kind === 'drift' && b.kind === 'drift') {
    return sameSelection(a.console, b.console) && sameSelection(a.server, b.server);
  }
  return true;
}

function sameKinds(a: readonly string[], b: readonly string[]): boolean {
  return a === b || (a.length === b.length && a.every((x, i) => x === b[i]));
}

function sameMute(a: MuteNote | null, b: MuteNote | null): boolean {
  return (
    a === b || (a !== null && b !== null && a.by === b.by && a.what === b.what && a.at === b.at)
  );
}

function sameCell(a: CellFacts, b: CellFacts): boolean {
  return (
    a.silence === b.silence &&
    a.alert === b.alert &&
    sameMute(a.mutedBy, b.mutedBy) &&
    sameSelection(a.value, b.value) &&
    a.viaSession === b.viaSession &&
    a.tone === b.tone &&
    sameKinds(a.media, b.media) &&
    sameStatus(a.status, b.status)
  );
}

function sameHeader(a: HeaderModel, b: HeaderModel): boolean {
  return (
    a.label === b.label &&
    a.role === b.role &&
    a.tag === b.tag &&
    a.sessionLevel === b.sessionLevel &&
    a.alert === b.alert &&
    sameKinds(a.permissions, b.permissions) &&
    JSON.stringify(a.supervision) === JSON.stringify(b.supervision)
  );
}

/** 'A', 'V', 'AV'… for the media a participant publishes, in its order. */
function mediaCode(media: readonly PublishPermission[]): string {
  return media.map((m) => (m === 'AUDIO' ? 'A' : 'V')).join('');
}

/**
 * A cell as drawn: its facts and their display forms. Its words are put together when first read,
 * once: a whole rewire draws its 380 cells from their attributes in the frame it arrives, and
 * their accessible names follow after that paint.
 */
class PresentedCell implements CellModel {
  readonly key: string;
  readonly receiverId: string;
  readonly publisherId: string;
  readonly value: StreamSelection | null;
  readonly viaSession: boolean;
  readonly media: readonly PublishPermission[];
  readonly tone: CellTone;
  readonly status: CellStatus;
  readonly silence: CellSilence;
  readonly mutedBy: MuteNote | null;
  readonly alert: string | null;
  readonly state: 'off' | 'all' | 'some';
  readonly publishes: string;
  readonly aliasText: string;
  readonly #labels: ReadonlyMap<string, string>;
  #words: string | undefined;

  constructor(facts: CellFacts, labels: ReadonlyMap<string, string>, publishes: string) {
    this.key = facts.key;
    this.receiverId = facts.receiverId;
    this.publisherId = facts.publisherId;
    this.value = facts.value;
    this.viaSession = facts.viaSession;
    this.media = facts.media;
    this.tone = facts.tone;
    this.status = facts.status;
    this.silence = facts.silence;
    this.mutedBy = facts.mutedBy;
    this.alert = facts.alert;
    const value = facts.value;
    this.state = value === null ? 'off' : Array.isArray(value) ? 'some' : 'all';
    this.publishes = publishes;
    this.aliasText = Array.isArray(value) ? streamsShort(value) : '';
    this.#labels = labels;
  }

  get words(): string {
    this.#words ??= cellWords(this.#labels, this);
    return this.#words;
  }
}

function present(
  facts: CellFacts,
  labels: ReadonlyMap<string, string>,
  publishes: string,
): CellModel {
  return new PresentedCell(facts, labels, publishes);
}

interface Routes {
  readonly routes: ReturnType<typeof effective>['receivers'];
  readonly values: ReadonlyMap<string, { value: StreamSelection; viaSession: boolean }>;
}

/**
 * Who hears whom, once per routing state: a gesture or a status change rebuilds the model on the
 * same state (only the cells' live states differ), so the routes are not worked out again.
 */
const ROUTES = new WeakMap<RoutingSession, Routes>();

function routesOf(routing: RoutingSession): Routes {
  const known = ROUTES.get(routing);
  if (known !== undefined) return known;
  const routes = effective(routing).receivers;
  const values = new Map<string, { value: StreamSelection; viaSession: boolean }>();
  for (const receiver of Object.values(routes)) {
    for (const d of receiver.hears) {
      values.set(cellKey(receiver.receiverId, d.publisherId), {
        value: d.streams,
        viaSession: d.viaSession,
      });
    }
  }
  const found = { routes, values };
  ROUTES.set(routing, found);
  return found;
}

/**
 * Builds the model of `routing` with `status(key)` laid over each cell. With `previous`, every cell,
 * header and row that did not change is the previous object (identity = unchanged).
 */
export function buildMatrix(
  routing: RoutingSession,
  status: (key: string) => CellStatus = () => APPLIED,
  previous?: MatrixModel,
  notes: CellNotes = NO_NOTES,
): MatrixModel {
  const { routes, values } = routesOf(routing);
  const fresh = sessionLabels(routing);
  const oldLabels = previous?.labels;
  const sameLabels =
    oldLabels !== undefined &&
    oldLabels.size === fresh.size &&
    [...fresh].every(([id, l]) => oldLabels.get(id) === l);
  const labels = sameLabels ? oldLabels : fresh;
  const heard = (r: string, p: string): boolean => values.has(cellKey(r, p));
  const freshIds = routing.participants.map((p) => p.id);
  // The same members keep the same array, so what follows only the member list is not redone.
  const oldIds = previous?.ids;
  const ids =
    oldIds !== undefined &&
    oldIds.length === freshIds.length &&
    oldIds.every((id, i) => id === freshIds[i])
      ? oldIds
      : freshIds;
  const headers = routing.participants.map((p): HeaderModel => {
    const header: HeaderModel = {
      id: p.id,
      label: labels.get(p.id) ?? p.id,
      role: p.role,
      tag: p.tag,
      permissions: p.publishPermissions,
      sessionLevel: routes[p.id]?.sessionLevel ?? false,
      supervision: p.role === 'supervisor' ? supervisionOf(routing, p.id, heard) : null,
      alert: notes.participantAlerts.get(p.id) ?? null,
    };
    const old = previous?.headers.find((h) => h.id === p.id);
    return old && sameHeader(old, header) ? old : header;
  });
  const modes = new Map(headers.map((h) => [h.id, h.supervision?.mode]));
  const codes = headers.map((h) => mediaCode(h.permissions));
  const cells = new Map<string, CellModel>();
  const rows = headers.map((header, r): RowModel => {
    const rowCells = headers.map((publisher, c): CellModel | null => {
      if (r === c) return null;
      const key = cellKey(header.id, publisher.id);
      const found = values.get(key);
      const value = found?.value ?? null;
      const tone = toneOf(header.role, publisher.role, value, modes.get(publisher.id));
      const mutedBy = value === null ? (notes.mutes.get(key) ?? null) : null;
      const expected = header.role !== 'supervisor' && publisher.role !== 'supervisor';
      const silence: CellSilence =
        value !== null
          ? null
          : mutedBy !== null || tone === 'private'
            ? 'muted'
            : expected
              ? 'missing'
              : null;
      const facts: CellFacts = {
        key,
        receiverId: header.id,
        publisherId: publisher.id,
        value,
        viaSession: found?.viaSession ?? false,
        media: value === null ? NO_MEDIA : publisher.permissions,
        tone,
        status: status(key),
        silence,
        mutedBy,
        alert: notes.alerts.get(key) ?? null,
      };
      const old = previous?.cells.get(key);
      const kept =
        old && sameLabels && sameCell(old, facts) && old.publishes === codes[c]
          ? old
          : present(facts, labels, codes[c] ?? '');
      cells.set(key, kept);
      return kept;
    });
    const oldRow = previous?.rows[r];
    const unchanged =
      oldRow !== undefined &&
      oldRow.header === header &&
      oldRow.cells.length === rowCells.length &&
      oldRow.cells.every((c, i) => c === rowCells[i]);
    return unchanged ? oldRow : { header, cells: rowCells };
  });
  return { sessionId: routing.sessionId, ids, headers, rows, cells, labels };
}

/**
 * `previous` with only the cells' live states (pending, failed, drift) laid over again, for a model
 * of the same routing state and notes: a press, a click or an apply result changes one cell's
 * status, so only that cell (and its row) is a new object and nothing else is worked out again.
 * Returns `previous` itself when no status changed.
 */
export function withStatus(
  previous: MatrixModel,
  status: (key: string) => CellStatus,
): MatrixModel {
  let cells: Map<string, CellModel> | null = null;
  const rows = previous.rows.map((row): RowModel => {
    let rowCells: (CellModel | null)[] | null = null;
    for (let i = 0; i < row.cells.length; i += 1) {
      const cell = row.cells[i];
      if (cell === null || cell === undefined) continue;
      const next = status(cell.key);
      if (sameStatus(cell.status, next)) continue;
      const facts: CellFacts = {
        key: cell.key,
        receiverId: cell.receiverId,
        publisherId: cell.publisherId,
        value: cell.value,
        viaSession: cell.viaSession,
        media: cell.media,
        tone: cell.tone,
        status: next,
        silence: cell.silence,
        mutedBy: cell.mutedBy,
        alert: cell.alert,
      };
      const fresh = present(facts, previous.labels, cell.publishes);
      rowCells ??= [...row.cells];
      rowCells[i] = fresh;
      cells ??= new Map(previous.cells);
      cells.set(cell.key, fresh);
    }
    return rowCells === null ? row : { header: row.header, cells: rowCells };
  });
  return cells === null ? previous : { ...previous, rows, cells };
}
