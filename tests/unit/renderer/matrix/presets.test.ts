import { describe, expect, it } from 'vitest';
import {
  DURATIONS,
  PRESETS,
  durationFields,
  presetForKey,
  presetIntent,
} from '../../../../src-renderer/lib/matrix/presets';
import { A, C, S, monitoredCall } from './fixtures';

describe('presets', () => {
  const call = monitoredCall();

  it('every preset has its own shortcut key', () => {
    expect(new Set(PRESETS.map((p) => p.key)).size).toBe(PRESETS.length);
    expect(presetForKey('W')).toBe('whisper');
    expect(presetForKey('x')).toBeUndefined();
  });

  it('on the supervisor: the whole call', () => {
    expect(presetIntent(call, 'whisper', S)).toEqual({
      ok: true,
      intent: { type: 'whisper', supervisorId: S },
    });
    expect(presetIntent(call, 'monitor', S)).toEqual({
      ok: true,
      intent: { type: 'monitor', supervisorId: S },
    });
    expect(presetIntent(call, 'barge', S)).toMatchObject({ ok: true, intent: { type: 'barge' } });
    expect(presetIntent(call, 'endSupervision', S)).toMatchObject({
      ok: true,
      intent: { type: 'endSupervision', supervisorId: S },
    });
  });

  it('on someone else: the session’s one supervisor, aimed at that participant', () => {
    expect(presetIntent(call, 'whisper', A)).toEqual({
      ok: true,
      intent: { type: 'whisper', supervisorId: S, agentIds: [A] },
    });
    expect(presetIntent(call, 'monitor', C)).toEqual({
      ok: true,
      intent: { type: 'monitor', supervisorId: S, participantIds: [C] },
    });
  });

  it('refuses a whisper to a customer, and supervisor presets without one supervisor', () => {
    expect(presetIntent(call, 'whisper', C)).toEqual({
      ok: false,
      message: expect.stringContaining('never reaches customers'),
    });
    const noSupervisor = { ...call, participants: call.participants.filter((p) => p.id !== S) };
    expect(presetIntent(noSupervisor, 'barge', A)).toEqual({
      ok: false,
      message: expect.stringContaining('Assign the supervisor role'),
    });
    const two = {
      ...call,
      participants: call.participants.map((p) =>
        p.id === A ? { ...p, role: 'supervisor' as const } : p,
      ),
    };
    expect(presetIntent(two, 'monitor', C)).toEqual({
      ok: false,
      message: expect.stringContaining('2 supervisors'),
    });
  });

  it('participant presets', () => {
    expect(presetIntent(call, 'muteAll', C)).toEqual({
      ok: true,
      intent: { type: 'mute', publisherId: C },
    });
    expect(presetIntent(call, 'isolate', A)).toEqual({
      ok: true,
      intent: { type: 'isolate', participantId: A },
    });
    expect(presetIntent(call, 'hold', C)).toEqual({
      ok: true,
      intent: { type: 'hold', participantId: C },
    });
    expect(presetIntent(call, 'fullyWire', C)).toEqual({ ok: true, intent: { type: 'fullyWire' } });
    expect(presetIntent(call, 'hold', 'gone')).toMatchObject({ ok: false });
  });

  it('timers: 30 s, 60 s, 5 min or until stopped; none sends no timer', () => {
    expect(DURATIONS.map((d) => d.id)).toEqual(['none', '30s', '60s', '5min', 'untilStopped']);
    expect(durationFields('none')).toEqual({});
    expect(durationFields('30s')).toEqual({ durationMs: 30_000 });
    expect(durationFields('5min')).toEqual({ durationMs: 300_000 });
    expect(durationFields('untilStopped')).toEqual({ untilStopped: true });
  });
});
