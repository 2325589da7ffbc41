/** Undo and redo per session against fresh server state (real local API). */
import { describe, expect, it } from 'vitest';
import type { Call, Fixture, Harness } from './support';
import { calls, hears, listOf, matrix, perTestWithFixture, set, sorted } from './support';

let h: Harness;
let f: Fixture;
let call: Call;
perTestWithFixture((scene) => ({ h, call, f } = scene), { secondAgent: true });

describe('undo and redo', () => {
  it('undo takes a whisper back, redo applies it again, each with one read', async () => {
    const { sessionId, a, s } = call;
    const start = matrix(h, sessionId);
    expect(f.applier.history(sessionId)).toEqual({ canUndo: false, canRedo: false });
    await f.applier.apply(sessionId, { type: 'whisper', supervisorId: s, agentIds: [a] });
    const whispering = matrix(h, sessionId);
    const state = f.applier.history(sessionId);
    expect(state).toMatchObject({ canUndo: true, canRedo: false });
    expect(state.undoLabel).toMatch(/^Supervisor \w+ whispers to Agent \w+$/);

    h.api.control.resetStats();
    const undone = await f.applier.undo(sessionId);
    expect(undone).toMatchObject({ ok: true });
    expect(undone.ok && undone.label).toMatch(/^Undo: Supervisor/);
    expect(matrix(h, sessionId)).toEqual(start);
    expect(calls(h)).toEqual({ listSessionParticipants: 1, updateParticipantSubscriptions: 2 });
    expect(f.applier.history(sessionId)).toMatchObject({
      canUndo: false,
      canRedo: true,
      redoLabel: state.undoLabel,
    });

    const redone = await f.applier.redo(sessionId);
    expect(redone).toMatchObject({ ok: true });
    expect(matrix(h, sessionId)).toEqual(whispering);
    expect(f.applier.history(sessionId)).toMatchObject({ canUndo: true, canRedo: false });

    await f.applier.undo(sessionId);
    expect(matrix(h, sessionId)).toEqual(start);
    const entries = await f.entries();
    expect(entries.map((e) => e.outcome)).toEqual(['applied', 'applied', 'applied', 'applied']);
    expect(entries[1]?.intent).toMatchObject({ type: 'undo', of: { type: 'whisper' } });
    expect(entries[2]?.intent).toMatchObject({ type: 'redo', of: { type: 'whisper' } });
  });

  it('undo keeps a change someone else made since to other cells', async () => {
    const { sessionId, c, a, s } = call;
    const a2 = call.a2 ?? '';
    await f.applier.apply(sessionId, { type: 'whisper', supervisorId: s, agentIds: [a] });
    // Someone else: A stops hearing A2 (A's row was touched by the whisper, but not that cell).
    await set(h, sessionId, a, listOf(sessionId, c, s));
    const undone = await f.applier.undo(sessionId);
    expect(undone).toMatchObject({ ok: true });
    expect(hears(h, sessionId, a)).toEqual([c]);
    expect(hears(h, sessionId, s)).toEqual([]);
    expect(hears(h, sessionId, a2)).toEqual(sorted(a, c));
  });

  it('refuses to undo over a conflicting change, explains it, writes nothing', async () => {
    const { sessionId, c, a, s } = call;
    await f.applier.apply(sessionId, { type: 'whisper', supervisorId: s, agentIds: [a] });
    // Someone else mutes the supervisor for A: the very cell the whisper opened.
    await set(h, sessionId, a, listOf(sessionId, c, call.a2 ?? ''));
    const before = matrix(h, sessionId);
    h.api.control.resetStats();
    const result = await f.applier.undo(sessionId);
    expect(result).toMatchObject({ ok: false, code: 'undo-conflict', rolledBack: false });
    if (result.ok || result.code !== 'undo-conflict') return;
    expect(result.message).toMatch(/^Can't undo: someone changed the routing since/);
    expect(result.conflicts).toEqual([expect.objectContaining({ receiverId: a, publisherId: s })]);
    expect(calls(h)).toEqual({ listSessionParticipants: 1 });
    expect(matrix(h, sessionId)).toEqual(before);
    const entries = await f.entries();
    expect(entries.at(-1)).toMatchObject({ outcome: 'refused', intent: { type: 'undo' } });
    expect(f.applier.history(sessionId).canUndo).toBe(true);
  });

  it('a new change clears redo; undo and redo of nothing say so', async () => {
    const { sessionId, s } = call;
    expect(await f.applier.undo(sessionId)).toMatchObject({ ok: false, code: 'nothing-to-undo' });
    expect(await f.applier.redo(sessionId)).toMatchObject({ ok: false, code: 'nothing-to-redo' });
    await f.applier.apply(sessionId, { type: 'monitor', supervisorId: s });
    await f.applier.undo(sessionId);
    expect(f.applier.history(sessionId).canRedo).toBe(true);
    await f.applier.apply(
      sessionId,
      { type: 'barge', supervisorId: s },
      { confirmedViolations: true },
    );
    expect(f.applier.history(sessionId)).toMatchObject({ canUndo: true, canRedo: false });
    expect(f.applier.history(sessionId).undoLabel).toMatch(/barges in$/);
  });

  it('undo of several changes walks back in order', async () => {
    const { sessionId, s } = call;
    const start = matrix(h, sessionId);
    await f.applier.apply(sessionId, { type: 'monitor', supervisorId: s });
    const monitoring = matrix(h, sessionId);
    await f.applier.apply(
      sessionId,
      { type: 'barge', supervisorId: s },
      { confirmedViolations: true },
    );
    await f.applier.undo(sessionId);
    expect(matrix(h, sessionId)).toEqual(monitoring);
    await f.applier.undo(sessionId);
    expect(matrix(h, sessionId)).toEqual(start);
  });

  it('a redo of a barge asks like the barge did; an undo that cuts the agent off again asks too', async () => {
    const { sessionId, s, c, a } = call;
    const start = matrix(h, sessionId);
    await f.applier.apply(
      sessionId,
      { type: 'barge', supervisorId: s },
      { confirmedViolations: true },
    );
    const barging = matrix(h, sessionId);
    await f.applier.undo(sessionId);
    expect(matrix(h, sessionId)).toEqual(start);

    h.api.control.resetStats();
    const asked = await f.applier.redo(sessionId);
    expect(asked).toMatchObject({ ok: false, code: 'guardrail' });
    if (!asked.ok && asked.code === 'guardrail') {
      expect(asked.violations[0]).toMatchObject({
        ruleId: 'risk-customer-hears-supervisor',
        receiverId: c,
        publisherId: s,
      });
      expect(asked.violations[0]?.message).toMatch(/^Customer \w+ will hear Supervisor \w+\.$/);
    }
    expect(calls(h)).toEqual({ listSessionParticipants: 1 });
    expect(matrix(h, sessionId)).toEqual(start);
    expect(await f.applier.redo(sessionId, { confirmedViolations: true })).toMatchObject({
      ok: true,
    });
    expect(matrix(h, sessionId)).toEqual(barging);

    // Unmuting the customer is harmless; its undo would cut the agent off again, so it asks.
    await f.applier.apply(
      sessionId,
      { type: 'mute', publisherId: c },
      { confirmedViolations: true },
    );
    await f.applier.apply(sessionId, { type: 'unmute', publisherId: c });
    expect(hears(h, sessionId, a)).toContain(c);
    const undo = await f.applier.undo(sessionId);
    expect(undo).toMatchObject({ ok: false, code: 'guardrail' });
    expect(hears(h, sessionId, a)).toContain(c);
    expect(await f.applier.undo(sessionId, { confirmedViolations: true })).toMatchObject({
      ok: true,
    });
    expect(hears(h, sessionId, a)).not.toContain(c);
  });
});
