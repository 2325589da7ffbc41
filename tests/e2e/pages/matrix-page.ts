/**
 * The subscription matrix on the session page, and the server's own view of the same session (read
 * over HTTP from the local API, normalised with the shared routing model), so a test can check what
 * the call really does after each gesture.
 */
import { expect, type Locator, type Page } from '@playwright/test';
import type { Participant } from '../../../src-main/shared/bandwidth-api';
import type { Role, StreamSelection } from '../../../src-main/shared/routing';
import { effective, sessionFromApi } from '../../../src-main/shared/routing';
import { LocalApiClient, type LocalApiInfo } from '../../support/local-api-client';
import type { DemoDirectory } from '../support/directory';
import { SessionsPage } from './sessions-page';

/**
 * Matches a cell's `data-look` (its state, status and silence as words, e.g. "off drift missing")
 * holding `token`, one word; `token` may be an alternation ("muted|missing").
 */
export function look(token: string): RegExp {
  return new RegExp(`(^| )(${token})( |$)`);
}

export class MatrixPage {
  readonly region: Locator;
  readonly grid: Locator;
  readonly tray: Locator;
  readonly presets: Locator;
  readonly menu: Locator;
  readonly preview: Locator;
  readonly aliasEditor: Locator;
  readonly banner: Locator;
  readonly announcer: Locator;
  readonly inlinePreview: Locator;
  readonly timers: Locator;
  /** The preset bar's timer choice (for the next whisper or monitor only). */
  readonly timerChoice: Locator;
  readonly drift: Locator;
  readonly supervision: Locator;
  readonly undoButton: Locator;
  readonly redoButton: Locator;
  readonly audit: Locator;
  readonly sessions: SessionsPage;

  constructor(readonly page: Page) {
    this.region = page.getByRole('region', { name: 'Who hears whom' });
    this.grid = page.getByRole('grid', { name: /^Who hears whom/ });
    this.tray = page.getByTestId('participant-tray');
    this.presets = page.getByRole('group', { name: /^Presets for/ });
    this.menu = page.getByRole('menu');
    this.preview = page.getByTestId('change-preview');
    this.aliasEditor = page.getByTestId('alias-editor');
    this.banner = page.getByTestId('routing-banner');
    this.announcer = page.getByTestId('matrix-announcer');
    this.inlinePreview = page.getByTestId('inline-preview');
    this.timers = page.getByTestId('timed-routes');
    this.timerChoice = this.presets.getByLabel(/^Timer for/);
    this.drift = page.getByTestId('drift-notice');
    this.supervision = page.getByTestId('supervision-summary');
    // The history's own buttons (the drift notice has an "Undo their change" of its own).
    const history = this.region.getByRole('group', { name: 'Undo and redo' });
    this.undoButton = history.getByRole('button', { name: /^Undo/ });
    this.redoButton = history.getByRole('button', { name: /^Redo/ });
    this.audit = page.getByTestId('audit-view');
    this.sessions = new SessionsPage(page);
  }

  /** Selects a watched session by its label and waits until its matrix shows `size` rows. */
  async open(label: string, size: number): Promise<void> {
    await this.sessions.select(label);
    await expect(this.grid.locator('tbody tr')).toHaveCount(size);
  }

  /**
   * A native drag and drop with the mouse (`dragTo`). The matrix is brought into view first, so the
   * page does not scroll between the press and the release (which would cancel a real drag too).
   */
  async drag(source: Locator, target: Locator): Promise<void> {
    await target.scrollIntoViewIfNeeded();
    await source.scrollIntoViewIfNeeded();
    await source.dragTo(target);
  }

  cell(receiverId: string, publisherId: string): Locator {
    return this.grid.locator(`[data-cell="${receiverId} ${publisherId}"]`);
  }

  columnHeader(participantId: string): Locator {
    return this.grid.locator(`th[data-axis="column"][data-participant="${participantId}"]`);
  }

  rowHeader(participantId: string): Locator {
    return this.grid.locator(`th[data-axis="row"][data-participant="${participantId}"]`);
  }

  trayItem(participantId: string): Locator {
    return this.tray
      .locator(`[data-tray="${participantId}"]`)
      .getByRole('button', { name: /^Add / });
  }

  trayMenuButton(participantId: string): Locator {
    return this.tray
      .locator(`[data-tray="${participantId}"]`)
      .getByRole('button', { name: /^Menu of / });
  }

  preset(id: string): Locator {
    return this.presets.locator(`[data-preset="${id}"]`);
  }

  /** A menu item (plain or radio, like the roles) by its name; exact for a string. */
  menuItem(name: string | RegExp): Locator {
    const options = typeof name === 'string' ? { name, exact: true } : { name };
    return this.menu
      .getByRole('menuitem', options)
      .or(this.menu.getByRole('menuitemradio', options));
  }

  /** Opens a header's or cell's menu with a right-click and picks an item. */
  async pick(target: Locator, item: string | RegExp): Promise<void> {
    await target.click({ button: 'right' });
    await this.menuItem(item).click();
  }

  /** Sends the change shown in the preview dialog (confirming its violations when asked). */
  async send(options: { confirm?: boolean; reason?: string } = {}): Promise<void> {
    await expect(this.preview).toBeVisible();
    if (options.reason) await this.preview.getByLabel(/^Reason/).fill(options.reason);
    if (options.confirm) await this.preview.getByRole('checkbox').check();
    await this.preview.getByRole('button', { name: /^(Send|Confirm and send)$/ }).click();
    await expect(this.preview).toBeHidden();
  }

  /** Waits until no cell is pending any more. */
  async settled(): Promise<void> {
    await expect(this.grid.locator('[data-look~="pending"]')).toHaveCount(0);
  }

  async expectCell(
    receiverId: string,
    publisherId: string,
    state: 'on' | 'off' | 'all' | 'some',
  ): Promise<void> {
    const cell = this.cell(receiverId, publisherId);
    if (state === 'on') await expect(cell).not.toHaveAttribute('data-look', look('off'));
    else await expect(cell).toHaveAttribute('data-look', look(state));
  }

  /** Focuses a cell without toggling it (keyboard tests start from here). */
  async focusCell(receiverId: string, publisherId: string): Promise<void> {
    await this.cell(receiverId, publisherId).focus();
  }
}

/** What the server delivers: receiver → publisher → streams, from `GET …/participants`. */
export type Delivery = Map<string, Map<string, StreamSelection>>;

export class ServerState {
  readonly api: LocalApiClient;

  constructor(info: LocalApiInfo) {
    this.api = new LocalApiClient(info);
  }

  async members(sessionId: string): Promise<Participant[]> {
    return this.api.members(sessionId);
  }

  async delivery(sessionId: string): Promise<Delivery> {
    const members = await this.api.members(sessionId);
    const routing = effective(sessionFromApi(sessionId, members, {}));
    const result: Delivery = new Map();
    for (const [receiverId, receiver] of Object.entries(routing.receivers)) {
      result.set(receiverId, new Map(receiver.hears.map((d) => [d.publisherId, d.streams])));
    }
    return result;
  }

  /** Who `receiverId` hears on the server, sorted. */
  async hears(sessionId: string, receiverId: string): Promise<string[]> {
    return [...((await this.delivery(sessionId)).get(receiverId)?.keys() ?? [])].sort();
  }

  async streams(
    sessionId: string,
    receiverId: string,
    publisherId: string,
  ): Promise<StreamSelection | null> {
    return (await this.delivery(sessionId)).get(receiverId)?.get(publisherId) ?? null;
  }

  /** Polls until `check` holds for the server's delivery. */
  async expect(
    sessionId: string,
    check: (delivery: Delivery) => boolean,
    what: string,
    timeout = 10_000,
  ): Promise<void> {
    await expect
      .poll(async () => check(await this.delivery(sessionId)), { message: what, timeout })
      .toBe(true);
  }
}

export interface DemoCall {
  sessionId: string;
  /** What the sessions list shows: the directory's call label (a new call's tag). */
  label: string;
  customerId: string;
  agentId: string;
  supervisorId?: string;
  sessionLevel: boolean;
}

/**
 * The demo seed's calls, read from the server, each labelled as the call directory lists it (the
 * console shows that label). Who is customer, agent and supervisor is read from the directory's
 * roles, which the console counts as assigned.
 */
export async function demoCalls(
  api: LocalApiClient,
  directory: DemoDirectory,
): Promise<DemoCall[]> {
  const [state, listed] = await Promise.all([api.state(), directory.calls()]);
  const byId = new Map(state.participants.map((p) => [p.id, p]));
  return listed.map((call) => {
    const session = state.sessions.find((s) => s.id === call.sessionId);
    if (session === undefined) throw new Error(`the directory lists ${call.sessionId}, not stored`);
    const members = session.participantIds.map((id) => byId.get(id)).filter((p) => p !== undefined);
    const find = (role: Role): string | undefined =>
      call.participants.find((p) => p.role === role)?.participantId;
    const supervisorId = find('supervisor');
    return {
      sessionId: session.id,
      label: call.label,
      customerId: find('customer') ?? '',
      agentId: find('agent') ?? '',
      ...(supervisorId === undefined ? {} : { supervisorId }),
      sessionLevel: members.some(
        (p) =>
          p.subscriptions.participants === undefined && p.subscriptions.sessionId !== undefined,
      ),
    };
  });
}

/** A supervised demo call with participant-level wiring. */
export async function supervisedCall(
  api: LocalApiClient,
  directory: DemoDirectory,
): Promise<Required<DemoCall>> {
  const call = (await demoCalls(api, directory)).find((c) => c.supervisorId && !c.sessionLevel);
  if (!call?.supervisorId) throw new Error('the demo seed has no supervised call');
  return { ...call, supervisorId: call.supervisorId };
}

/**
 * A new call made the way a contact-center backend makes one (tags `customer-<uuid>` etc., the
 * normal-call wiring and a silent supervisor), outside the demo seed and so outside the simulation.
 */
export async function newCall(
  api: LocalApiClient,
  options: { supervisor?: boolean } = {},
): Promise<Required<DemoCall>> {
  const session = await api.createSession(`call-${crypto.randomUUID()}`);
  const make = async (role: string, media: ('AUDIO' | 'VIDEO')[]): Promise<string> =>
    (
      await api.createParticipant({
        tag: `${role}-${crypto.randomUUID()}`,
        publishPermissions: media,
      })
    ).participant.id;
  const customerId = await make('customer', ['AUDIO']);
  const agentId = await make('agent', ['AUDIO', 'VIDEO']);
  const sessionId = session.id;
  await api.add(sessionId, customerId);
  await api.add(sessionId, agentId, { sessionId, participants: [{ participantId: customerId }] });
  // Already a member: the body now only replaces the customer's subscriptions.
  await api.add(sessionId, customerId, { sessionId, participants: [{ participantId: agentId }] });
  let supervisorId = '';
  if (options.supervisor !== false) {
    supervisorId = await make('supervisor', ['AUDIO']);
    await api.add(sessionId, supervisorId, {
      sessionId,
      participants: [{ participantId: customerId }, { participantId: agentId }],
    });
  }
  return {
    sessionId,
    label: session.tag ?? sessionId,
    customerId,
    agentId,
    supervisorId,
    sessionLevel: false,
  };
}
