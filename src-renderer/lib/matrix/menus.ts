/**
 * The menu path of every gesture: the items of a cell's, a header's and a tray participant's menu,
 * each carrying the same `MatrixAction` the pointer and keyboard paths produce. Pure.
 */
import { MAX_PARTICIPANTS_PER_SESSION } from '$shared/bandwidth-api';
import { ROLES } from '$shared/routing';
import type { MatrixAction } from './actions';
import type { CellModel, MatrixModel } from './model';
import { DURATIONS, PRESETS } from './presets';
import type { DurationId } from './presets';
import { ROLE_NAMES } from './words';

export interface MenuItem {
  readonly id: string;
  readonly label: string;
  readonly action: MatrixAction;
  /** Why it is unavailable, when it is. */
  readonly disabled?: string;
  readonly danger?: boolean;
  /** The key that does the same on the focused element. */
  readonly shortcut?: string;
  /** For radio-like items (the role). */
  readonly checked?: boolean;
}

export interface MenuGroup {
  readonly label: string;
  readonly items: readonly MenuItem[];
}

/**
 * The same menu with every item that would change the call disabled, saying why (an ended call is
 * read-only); selecting cells stays possible.
 */
export function readOnlyGroups(groups: readonly MenuGroup[], reason: string): MenuGroup[] {
  return groups.map((group) => ({
    ...group,
    items: group.items.map((item) =>
      item.action.type === 'select' ? item : { ...item, disabled: reason },
    ),
  }));
}

function name(model: MatrixModel, id: string): string {
  return model.labels.get(id) ?? id;
}

export function cellMenu(
  model: MatrixModel,
  cell: CellModel,
  selected: readonly string[],
): MenuGroup[] {
  const r = name(model, cell.receiverId);
  const p = name(model, cell.publisherId);
  const on = cell.value !== null;
  const groups: MenuGroup[] = [
    {
      label: `${r} ← ${p}`,
      items: [
        {
          id: 'toggle',
          label: on ? `Disconnect: ${r} stops hearing ${p}` : `Connect: ${r} hears ${p}`,
          shortcut: 'Space',
          action: {
            type: 'change',
            source: 'toggle',
            intents: [
              on
                ? {
                    type: 'unsubscribe',
                    receiverId: cell.receiverId,
                    publisherId: cell.publisherId,
                  }
                : { type: 'subscribe', receiverId: cell.receiverId, publisherId: cell.publisherId },
            ],
          },
        },
        {
          id: 'aliases',
          label: 'Choose streams…',
          shortcut: 'Enter',
          action: { type: 'aliases', receiverId: cell.receiverId, publisherId: cell.publisherId },
        },
      ],
    },
  ];
  if (selected.length > 1) {
    groups.push({
      label: `${selected.length} selected cells`,
      items: [
        {
          id: 'select-on',
          label: `Connect all ${selected.length} selected`,
          action: { type: 'applySelection', on: true },
        },
        {
          id: 'select-off',
          label: `Disconnect all ${selected.length} selected`,
          action: { type: 'applySelection', on: false },
        },
      ],
    });
  }
  if (cell.status.kind === 'drift') {
    groups.push({
      label: 'Changed outside Patchbay',
      items: [
        {
          id: 'keep-console',
          label: `Undo their change for ${r}`,
          action: { type: 'drift', receiverId: cell.receiverId, keep: 'console' },
        },
        {
          id: 'keep-server',
          label: `Accept their change for ${r}`,
          action: { type: 'drift', receiverId: cell.receiverId, keep: 'server' },
        },
      ],
    });
  }
  return groups;
}

function presetItems(participantId: string): MenuItem[] {
  const items: MenuItem[] = [];
  for (const preset of PRESETS) {
    items.push({
      id: `preset-${preset.id}`,
      label: preset.label,
      shortcut: preset.key.toUpperCase(),
      action: { type: 'preset', preset: preset.id, participantId, duration: 'none' },
    });
    if (!preset.timed) continue;
    for (const d of DURATIONS) {
      if (d.id === 'none') continue;
      items.push({
        id: `preset-${preset.id}-${d.id}`,
        label:
          d.id === 'untilStopped'
            ? `${preset.label} until stopped`
            : `${preset.label} for ${d.label.toLowerCase()}`,
        action: { type: 'preset', preset: preset.id, participantId, duration: d.id as DurationId },
      });
    }
  }
  return items;
}

/** The menu of a row header (`row`: what it hears) or a column header (`column`: who hears it). */
export function headerMenu(
  model: MatrixModel,
  participantId: string,
  axis: 'row' | 'column',
): MenuGroup[] {
  const me = name(model, participantId);
  const connect: MenuItem[] = [];
  for (const other of model.headers) {
    if (other.id === participantId) continue;
    const receiverId = axis === 'row' ? participantId : other.id;
    const publisherId = axis === 'row' ? other.id : participantId;
    const cell = model.cells.get(`${receiverId} ${publisherId}`);
    if (!cell || cell.value !== null) continue;
    connect.push({
      id: `connect-${other.id}`,
      label: axis === 'row' ? `${me} hears ${other.label}` : `${other.label} hears ${me}`,
      action: {
        type: 'change',
        source: 'connect',
        intents: [{ type: 'subscribe', receiverId, publisherId }],
      },
    });
  }
  const line = model.ids
    .filter((id) => id !== participantId)
    .map((id) => (axis === 'row' ? `${participantId} ${id}` : `${id} ${participantId}`));
  const groups: MenuGroup[] = [];
  if (connect.length > 0) {
    groups.push({ label: axis === 'row' ? `${me} also hears…` : `Also heard by…`, items: connect });
  }
  groups.push({ label: 'Presets', items: presetItems(participantId) });
  const role = model.headers.find((h) => h.id === participantId)?.role;
  groups.push({
    label: 'Role',
    items: ROLES.map((r) => ({
      id: `role-${r}`,
      label: ROLE_NAMES[r],
      checked: role === r,
      action: { type: 'role', participantId, role: r },
    })),
  });
  groups.push({
    label: 'Participant',
    items: [
      {
        id: 'select-line',
        label:
          axis === 'row'
            ? `Select the row (what ${me} hears)`
            : `Select the column (who hears ${me})`,
        shortcut: 'Shift+Space',
        action: { type: 'select', keys: line, extend: true },
      },
      ...(axis === 'column'
        ? [
            {
              id: 'unmute',
              label: `Unmute ${me} (its usual listeners hear it again)`,
              action: {
                type: 'change',
                source: 'preset',
                intents: [{ type: 'unmute', publisherId: participantId }],
              } satisfies MatrixAction,
            },
          ]
        : []),
      {
        id: 'remove',
        label: 'Remove from session…',
        shortcut: 'Delete',
        danger: true,
        action: { type: 'remove', participantId },
      },
    ],
  });
  return groups;
}

export function trayMenu(participantId: string, memberCount: number): MenuGroup[] {
  const full = memberCount >= MAX_PARTICIPANTS_PER_SESSION;
  return [
    {
      label: 'Tray',
      items: [
        {
          id: 'add',
          label: 'Add to this session',
          shortcut: 'Enter',
          action: { type: 'add', participantId },
          ...(full
            ? {
                disabled: `The session already has ${MAX_PARTICIPANTS_PER_SESSION} participants, the most Bandwidth allows.`,
              }
            : {}),
        },
      ],
    },
  ];
}
