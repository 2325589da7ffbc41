/** Floor calls and states for the floor's view and store tests. */
import type { FloorCall, FloorState } from '../../../../src-main/shared/dto/floor';

export function floorCall(
  sessionId: string,
  patch: Partial<FloorCall> & { agent?: string; customer?: string } = {},
): FloorCall {
  const { agent = 'Bram Bluefinch', customer = 'Ada Applewood', ...rest } = patch;
  return {
    sessionId,
    label: `Call ${sessionId}`,
    queue: 'Billing',
    startedAt: '2026-11-24T09:00:00Z',
    people: [
      { participantId: `${sessionId}-c`, displayName: customer, role: 'customer' },
      { participantId: `${sessionId}-a`, displayName: agent, role: 'agent' },
    ],
    state: 'live',
    supervisors: [],
    alerts: [],
    cadence: 'floor',
    ...rest,
  };
}

export function floorState(calls: FloorCall[], patch: Partial<FloorState> = {}): FloorState {
  return {
    profileId: 'local-demo',
    source: {
      kind: 'directory',
      status: { health: 'ok', transport: 'stream', calls: calls.length },
    },
    calls,
    recentlyEnded: [],
    recentlyEndedMs: 600_000,
    budget: { openMs: 1000, alertMs: 10_000, floorMs: 30_000, requestsPerSecond: 0.1 },
    ...patch,
  };
}
