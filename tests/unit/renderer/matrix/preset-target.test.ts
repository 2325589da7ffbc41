/**
 * Presets with nobody focused: the target is inferred when the call leaves one choice (one
 * supervisor; one agent for a whisper), else the supervisor is asked which, by name. And the chip
 * that shows a supervisor's mode.
 */
import { describe, expect, it } from 'vitest';
import type { RoutingSession } from '../../../../src-main/shared/routing';
import {
  activePreset,
  inferPresetTarget,
  onlySupervisor,
} from '../../../../src-renderer/lib/matrix/preset-target';
import { presetChange } from '../../../../src-renderer/lib/state/matrix-plans';
import { A, C, S, monitoredCall } from './fixtures';

const call = monitoredCall();

function withMember(session: RoutingSession, id: string, role: 'agent' | 'supervisor') {
  return {
    ...session,
    participants: [
      ...session.participants,
      { id, tag: `${role}-${id}`, publishPermissions: ['AUDIO' as const], role },
    ],
  };
}

const A2 = 'b0b00000-0000-4000-8000-000000000004';
const S2 = 'd00d0000-0000-4000-8000-000000000005';

describe('inferPresetTarget', () => {
  it('one supervisor: monitor, barge and end supervision go to it; a whisper to the one agent', () => {
    expect(onlySupervisor(call)).toBe(S);
    for (const preset of ['monitor', 'barge', 'endSupervision'] as const) {
      expect(inferPresetTarget(call, preset)).toEqual({ ok: true, participantId: S });
    }
    expect(inferPresetTarget(call, 'whisper')).toEqual({ ok: true, participantId: A });
    expect(inferPresetTarget(call, 'fullyWire')).toMatchObject({ ok: true });
  });

  it('two agents: a whisper asks which, naming them', () => {
    const two = withMember(call, A2, 'agent');
    expect(inferPresetTarget(two, 'whisper')).toEqual({
      ok: false,
      message:
        'Whisper to which agent — Agent a9e4 or Agent b0b0? Focus one in the matrix (or drop the Whisper chip on them), then press W.',
    });
    // Monitor still has its one supervisor.
    expect(inferPresetTarget(two, 'monitor')).toEqual({ ok: true, participantId: S });
  });

  it('two supervisors, or none: asks which, or says what is missing', () => {
    const two = withMember(call, S2, 'supervisor');
    expect(onlySupervisor(two)).toBeNull();
    expect(inferPresetTarget(two, 'barge')).toEqual({
      ok: false,
      message: expect.stringMatching(
        /^Barge for which supervisor — Supervisor 5a9e or Supervisor d00d\?/,
      ),
    });
    const none = { ...call, participants: call.participants.filter((p) => p.id !== S) };
    expect(inferPresetTarget(none, 'monitor')).toEqual({
      ok: false,
      message: expect.stringContaining('nobody in this call has that role'),
    });
  });

  it('mute, isolate and hold are about one participant: they always ask', () => {
    expect(inferPresetTarget(call, 'hold')).toEqual({
      ok: false,
      message: expect.stringMatching(
        /^Hold: which participant — Customer c0ff, Agent a9e4 or Supervisor 5a9e\? Focus one/,
      ),
    });
  });

  it('a long list is counted, not read out', () => {
    let big: RoutingSession = call;
    for (let i = 0; i < 4; i += 1)
      big = withMember(big, `ab${i}00000-0000-4000-8000-00000000000${i}`, 'agent');
    expect(inferPresetTarget(big, 'whisper')).toMatchObject({
      ok: false,
      message: expect.stringContaining('Whisper to which agent — one of the 5 agents?'),
    });
  });
});

describe('presetChange with nobody focused', () => {
  it('plans the inferred whisper, or tells the question', () => {
    const planned = presetChange(call, 'whisper', null, '30s');
    expect(planned).toMatchObject({
      ok: true,
      request: {
        intents: [{ type: 'whisper', supervisorId: S, agentIds: [A] }],
        duration: '30s',
      },
    });
    const asked = presetChange(call, 'muteAll', null, 'none');
    expect(asked).toMatchObject({
      ok: false,
      banner: { kind: 'info', title: 'Mute for everyone: choose whom' },
    });
    expect(presetChange(call, 'monitor', C, 'none')).toMatchObject({
      ok: true,
      request: { intents: [{ type: 'monitor', supervisorId: S, participantIds: [C] }] },
    });
  });
});

describe('activePreset', () => {
  it('presses the chip of the supervisor’s mode; none while idle', () => {
    expect(activePreset('monitor')).toBe('monitor');
    expect(activePreset('whisper')).toBe('whisper');
    expect(activePreset('barge')).toBe('barge');
    expect(activePreset('idle')).toBeNull();
    expect(activePreset(undefined)).toBeNull();
  });
});
