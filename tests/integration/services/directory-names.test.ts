/**
 * The Local demo's directory feed names the people of its calls: the session views, the routing
 * audit and its export carry those names; nothing of them is written to the API's tags.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { LOCAL_DEMO_PROFILE_ID } from '../../../src-main/settings';
import type { AuditEntry } from '../../../src-main/shared/dto/audit';
import type { DirectoryCall } from '../../../src-main/shared/dto/directory';
import type { SessionView } from '../../../src-main/shared/dto/session-view';
import { startConsole, type TestConsole } from '../../support/reliability/console';

let c: TestConsole | undefined;
afterEach(async () => {
  await c?.close();
  c = undefined;
});

/** The watched sessions the directory lists, with every member it names carrying that name. */
function namedAsInDirectory(
  views: readonly SessionView[],
  calls: readonly DirectoryCall[],
): number {
  let named = 0;
  for (const view of views) {
    const call = calls.find((entry) => entry.sessionId === view.id);
    if (call === undefined) continue;
    if (view.label !== call.label || view.queue !== call.queue) return -1;
    for (const p of view.participants) {
      const person = call.participants.find((entry) => entry.participantId === p.id);
      if (person === undefined) continue;
      if (p.displayName !== person.displayName || p.role !== person.role) return -1;
      if (p.roleSource !== 'directory') return -1;
      named += 1;
    }
  }
  return named;
}

describe('names from the Local demo directory', () => {
  it('appear in the session views, the audit entries and their export, never in tags', async () => {
    c = await startConsole({ localApi: { seed: 'demo' } });
    const console = c;
    const directory = console.composed.active.current.directory;
    const calls = (): DirectoryCall[] => directory?.snapshot?.calls ?? [];
    await expect.poll(() => calls().length, { timeout: 5000 }).toBeGreaterThan(0);
    const list = (): Promise<SessionView[]> => console.call<SessionView[]>('sessions:list', {});
    await expect
      .poll(async () => namedAsInDirectory(await list(), calls()), { timeout: 10_000 })
      .toBeGreaterThan(1);

    const views = await list();
    const view = views.find((v) => v.participants.filter((p) => p.displayName).length >= 2);
    expect(view).toBeDefined();
    if (view === undefined) return;
    // Names stay on this machine: the API's tags know nothing of them.
    for (const p of view.participants) {
      if (p.displayName) expect(p.tag ?? '').not.toContain(p.displayName);
    }

    const profileId = LOCAL_DEMO_PROFILE_ID;
    await console.call('profiles:setSupervisor', { profileId, displayName: 'Morgan Reyes' });
    await console.call('routing:apply', {
      profileId,
      sessionId: view.id,
      intent: { type: 'restoreCall' },
    });
    const filter = { sessionId: view.id };
    const [entry] = await console.call<AuditEntry[]>('audit:query', { filter });
    const expected = Object.fromEntries(
      view.participants.flatMap((p) => (p.displayName ? [[p.id, p.displayName]] : [])),
    );
    expect(entry?.names).toEqual(expected);
    // The call's label and the profile's supervisor, as they were when the change was made.
    expect(entry?.call).toBe(view.label);
    expect(entry?.supervisor).toBe('Morgan Reyes');
    const json = await console.call<string>('audit:export', { format: 'json', filter });
    expect((JSON.parse(json) as AuditEntry[])[0]?.names).toEqual(expected);
    const csv = await console.call<string>('audit:export', { format: 'csv', filter });
    for (const name of Object.values(expected)) expect(csv).toContain(name);
    expect(csv).toContain(`"${view.label}","Morgan Reyes (OS user `);

    // Renamed afterwards: the recorded entry keeps the name it was written with.
    await console.call('profiles:setSupervisor', { profileId, displayName: 'Alex Kim' });
    const [again] = await console.call<AuditEntry[]>('audit:query', { filter });
    expect(again?.supervisor).toBe('Morgan Reyes');
    // A person filter finds the entry by who made it (any case); a bad filter is refused in words.
    const found = await console.call<AuditEntry[]>('audit:query', {
      filter: { ...filter, person: 'MORGAN REYES' },
    });
    expect(found.map((e) => e.seq)).toEqual([entry?.seq]);
    await expect(
      console.call('audit:query', { filter: { ...filter, action: 'shout' } }),
    ).rejects.toThrow(/action must be one of: monitor, whisper/);
  });
});
