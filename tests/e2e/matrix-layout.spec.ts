/**
 * Issue 15, the grid: a 20-party call in the compact matrix at 1280 × 720 (headers of two text
 * rows at most, at least ten rows in view, a whisper to 15 agents summarised), a change confirmed
 * by the apply's own result rather than by the next poll, and the silent cells told apart: muted
 * on purpose (by whom) versus not connected, with the call-health alert on its cell.
 */
import type { Locator, Page } from '@playwright/test';
import type { Subscriptions } from '../../src-main/shared/bandwidth-api';
import { LOCAL_DEMO_PROFILE_ID } from '../../src-main/settings';
import { invoke, invokeAll } from './helpers/bridge';
import { MatrixPage, ServerState, look } from './pages/matrix-page';
import { expect, test as consoleTest } from './support/fixtures';
import { test as supervisedTest } from './support/supervised-call';

/** Distinct text rows inside each header of the grid (from the laid-out text, not its boxes). */
async function headerTextRows(page: Page): Promise<{ label: string; rows: number }[]> {
  return page.getByTestId('routing-matrix').evaluate((table) =>
    [...table.querySelectorAll('th')].map((th) => {
      const tops: number[] = [];
      const walker = document.createTreeWalker(th, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node !== null; node = walker.nextNode()) {
        if ((node.textContent ?? '').trim() === '') continue;
        const range = document.createRange();
        range.selectNodeContents(node);
        for (const rect of range.getClientRects()) {
          // Visually hidden words (sr-only) are clipped to a pixel: not a row anyone reads.
          if (rect.height < 4 || rect.width < 2) continue;
          tops.push(rect.top);
        }
      }
      // Text boxes on one line start within a few pixels of each other (different sizes).
      const rows = tops
        .sort((x, y) => x - y)
        .filter((top, i, all) => i === 0 || top - (all[i - 1] ?? top) > 6).length;
      return { label: th.getAttribute('title')?.split('\n')[0] ?? th.textContent ?? '', rows };
    }),
  );
}

/** Body rows of the grid wholly inside both the window and the grid's scrolling box. */
async function rowsInView(page: Page): Promise<number> {
  return page.getByTestId('routing-matrix').evaluate((table) => {
    const box = (table.parentElement ?? table).getBoundingClientRect();
    const top = Math.max(0, box.top);
    const bottom = Math.min(window.innerHeight, box.bottom);
    const head = table.querySelector('thead')?.getBoundingClientRect().bottom ?? top;
    return [...table.querySelectorAll('tbody tr')].filter((tr) => {
      const r = tr.getBoundingClientRect();
      return r.top >= Math.max(top, head) - 1 && r.bottom <= bottom + 1;
    }).length;
  });
}

consoleTest.describe('the compact matrix', () => {
  consoleTest.use({ viewport: { width: 1280, height: 720 } });

  consoleTest(
    'a 20-party call fits at 1280 × 720: headers of two rows, ten rows or more in view',
    async ({ console: app }) => {
      consoleTest.setTimeout(90_000);
      const server = new ServerState(app.localApi);
      const { session, ids } = await server.api.sessionWith(20, 'grid-layout');
      const [supervisor = '', ...rest] = ids;
      const customers = rest.slice(0, 4);
      const agents = rest.slice(4);
      expect(agents).toHaveLength(15);
      const roles = [
        [supervisor, 'supervisor'],
        ...customers.map((id) => [id, 'customer']),
        ...agents.map((id) => [id, 'agent']),
      ];
      const set = await invokeAll(
        app.page,
        roles.map(([participantId, role]) => ({
          name: 'participants:setRole',
          input: { profileId: LOCAL_DEMO_PROFILE_ID, participantId, role },
        })),
      );
      expect(set.every((r) => r.ok)).toBe(true);
      // A whisper to all 15 agents: they hear the supervisor, the customers do not; the
      // supervisor hears the call.
      const list = (them: readonly string[]): Subscriptions => ({
        sessionId: session.id,
        participants: them.map((participantId) => ({ participantId })),
      });
      const others = (id: string): string[] => ids.filter((p) => p !== id);
      await server.api.subscribe(session.id, supervisor, list(others(supervisor)));
      for (const c of customers) {
        await server.api.subscribe(session.id, c, list(others(c).filter((p) => p !== supervisor)));
      }
      for (const a of agents) await server.api.subscribe(session.id, a, list(others(a)));

      const m = new MatrixPage(app.page);
      await m.sessions.watch(session.id);
      await expect(m.grid.locator('tbody tr')).toHaveCount(20);
      const toggle = m.region.getByRole('checkbox', { name: 'Compact matrix' });
      await toggle.check();
      await expect(m.grid).toHaveAttribute('data-compact', 'true');

      // The supervisor's header counts the agents; the whole list is in its title.
      const mode = m.columnHeader(supervisor).locator('.mode');
      await expect(mode).toHaveText('Whispering to 15 agents');
      await expect(mode).toHaveAttribute('title', /^Whispering to .+, .+ and .+$/);

      await m.grid.evaluate((grid) => grid.scrollIntoView({ block: 'start' }));
      const rows = await headerTextRows(app.page);
      expect(rows.length).toBe(41);
      expect(rows.filter((h) => h.rows > 2)).toEqual([]);
      expect(await rowsInView(app.page)).toBeGreaterThanOrEqual(10);
      // No column of the call is cut off at the window's width.
      const box = await m.grid.boundingBox();
      expect((box?.x ?? 0) + (box?.width ?? Infinity)).toBeLessThanOrEqual(1280);

      // The choice is a preference: a new page of the same console opens compact.
      await app.page.reload();
      await app.page
        .getByRole('navigation', { name: 'Screens' })
        .getByRole('button', { name: 'Sessions' })
        .click();
      await m.sessions.select('grid-layout');
      await expect(m.grid).toHaveAttribute('data-compact', 'true');
      await expect(toggle).toBeChecked();
    },
  );
});

/**
 * Records, in the page, every bridge frame (in and out) and the moment a watched cell shows
 * `state` and `applied`: installed before the console's own scripts (its socket is wrapped).
 */
const RECORDER = String.raw`(() => {
  const log = [];
  window.__gridLog = log;
  const Native = window.WebSocket;
  const head = (data) => {
    const text = typeof data === 'string' ? data : '';
    const type = /"type":"(\w+)"/.exec(text.slice(0, 200));
    const name = /"name":"([\w:]+)"/.exec(text.slice(0, 200));
    const id = /"id":(\d+)/.exec(text.slice(0, 200));
    return { type: type && type[1], name: name && name[1], id: id ? Number(id[1]) : null, text: text.slice(0, 4000) };
  };
  class Recorded extends Native {
    constructor(url, protocols) {
      super(url, protocols);
      this.addEventListener('message', (event) => log.push(Object.assign({ dir: 'in' }, head(event.data))));
    }
    send(data) {
      log.push(Object.assign({ dir: 'out' }, head(data)));
      return super.send(data);
    }
  }
  window.WebSocket = Recorded;
  window.__watchCell = (selector, state) => {
    const seen = () => {
      const cell = document.querySelector(selector);
      const words = (cell?.dataset.look ?? '').split(' ');
      return words.includes(state) && words.includes('applied');
    };
    const observer = new MutationObserver(() => {
      if (!seen()) return;
      log.push({ dir: 'dom', type: 'confirmed' });
      observer.disconnect();
    });
    observer.observe(document.body, { subtree: true, attributes: true, childList: true });
  };
})();`;

interface Logged {
  dir: 'in' | 'out' | 'dom';
  type: string | null;
  name?: string | null;
  id?: number | null;
  text?: string;
}

supervisedTest(
  'a change shows as confirmed from the apply’s own result, not from the next poll',
  async ({
    console: app,
    supervised: { server, m, sessionId, label, customerId: c, supervisorId: s },
  }) => {
    supervisedTest.setTimeout(90_000);
    // Polls are slow and every read of the call takes 1.5 s: the poll that follows an apply
    // arrives long after the apply's result.
    const slow = await invoke(app.page, 'settings:update', {
      preferences: { pollFastMs: 10_000, pollSlowMs: 300_000 },
    });
    expect(slow.ok).toBe(true);
    await app.page.addInitScript(RECORDER);
    await app.page.reload();
    await app.page
      .getByRole('navigation', { name: 'Screens' })
      .getByRole('button', { name: 'Sessions' })
      .click();
    await m.open(label, 3);
    // The demo's supervisor monitors: it hears the customer. Ending that is the change.
    await m.expectCell(s, c, 'all');
    await server.api.latency({ ms: 1_500, operation: 'listSessionParticipants' });

    await app.page.evaluate(
      ([selector]) =>
        (window as unknown as { __watchCell: (s: string, v: string) => void }).__watchCell(
          selector ?? '',
          'off',
        ),
      [`[data-testid="routing-matrix"] [data-cell="${s} ${c}"]`],
    );
    await m.cell(s, c).click();
    await expect(m.cell(s, c)).toHaveAttribute('data-look', look('pending'));
    await expect(m.cell(s, c)).toHaveAttribute('data-look', look('off'));
    await expect(m.cell(s, c)).toHaveAttribute('data-look', look('applied'));
    await server.api.clearFaults();

    const log = await app.page.evaluate(
      () => (window as unknown as { __gridLog: Logged[] }).__gridLog,
    );
    const sent = log.findLast((e) => e.dir === 'out' && e.name === 'routing:apply');
    expect(typeof sent?.id).toBe('number');
    const confirmedAt = log.findIndex((e) => e.dir === 'dom' && e.type === 'confirmed');
    expect(confirmedAt).toBeGreaterThan(0);
    // The frame the confirmation came with: the apply's result, not a session update.
    const trigger = log.slice(0, confirmedAt).findLast((e) => e.dir === 'in');
    expect(trigger).toMatchObject({ type: 'result', id: sent?.id });
    // And no update of this call had arrived since the apply was sent.
    const since = log.slice(log.indexOf(sent as Logged), confirmedAt);
    expect(
      since.filter((e) => e.name === 'sessions:update' && (e.text ?? '').includes(sessionId)),
    ).toEqual([]);
    await server.expect(sessionId, (d) => d.get(s)?.has(c) !== true, 'the supervisor stopped');
  },
);

supervisedTest(
  'muted on purpose and not connected look and read differently; the alert has its own mark',
  async ({
    console: app,
    supervised: { server, m, sessionId, customerId: c, agentId: a, supervisorId: s },
  }) => {
    supervisedTest.setTimeout(90_000);
    // Muted on purpose, in Patchbay: the agent's "Mute for everyone" (nobody hears the agent).
    await m.columnHeader(a).focus();
    await app.page.keyboard.press('u');
    const muted = m.cell(c, a);
    // Sent at once, or after the review when the console asks for one.
    await expect(m.preview.or(muted.and(app.page.locator('[data-look~="off"]')))).toBeVisible();
    if (await m.preview.isVisible()) await m.send();
    await expect(muted).toHaveAttribute('data-look', look('off'));
    await expect(muted).toHaveAttribute('data-look', look('muted'));
    await expect(muted).toHaveAccessibleName(/muted on purpose in Patchbay by .+ \(muted, /);

    // Not connected: the agent stops hearing the customer, changed outside Patchbay.
    const subscriptions: Subscriptions = {
      sessionId,
      participants: [{ participantId: s }],
    };
    await server.api.subscribe(sessionId, a, subscriptions);
    const gap = m.cell(a, c);
    await expect(gap).toHaveAttribute('data-look', look('missing'));
    await expect(gap).toHaveAccessibleName(/not connected: this leg of the call is missing/);
    // The floor's health alert about it is on the same cell, with its own mark and words.
    await expect(gap).toHaveAttribute('data-alert', 'true');
    await expect(gap).toHaveAccessibleName(/alert: .+cannot hear/);
    await expect(muted).not.toHaveAttribute('data-alert');
    // The same words are the title of the cell under the pointer (a tooltip).
    await gap.hover();
    await expect(gap).toHaveAttribute('title', /not connected: .+; alert: .+cannot hear/);

    // Each has its own mark and word, not only a colour (drawn by CSS from its attributes).
    const drawn = (part: Locator): Promise<string> =>
      part.evaluate((e) => getComputedStyle(e, '::before').content);
    await expect.poll(() => drawn(muted.locator('.mark'))).toBe('"⊘"');
    await expect.poll(() => drawn(muted.locator('.word'))).toBe('"muted"');
    await expect.poll(() => drawn(gap.locator('.mark'))).toBe('"✕"');
    await expect.poll(() => drawn(gap.locator('.word'))).toBe('"not connected"');
    await expect(gap.locator('.alert-mark')).toHaveText('⚠');
    await expect(gap.locator('.alert-mark')).toBeVisible();
    // A connected cell is neither.
    await expect(m.cell(s, c)).not.toHaveAttribute('data-look', look('muted|missing'));

    // The legend says what each mark means.
    await m.region.getByText('How to read and use the matrix').click();
    const legend = m.region.getByRole('list', { name: 'Marks' });
    await expect(legend).toContainText('muted on purpose in Patchbay');
    await expect(legend).toContainText('not connected');
    await expect(legend).toContainText('call-health alert');
  },
);
