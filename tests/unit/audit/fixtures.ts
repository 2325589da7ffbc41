import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AuditEntryInput } from '../../../src-main/audit';

export async function tempDir(): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'patchbay-audit-'));
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

/** A clock that advances one second per call from 2025-01-01T00:00:00Z. */
export function steppingClock(start = Date.parse('2025-01-01T00:00:00.000Z')): () => Date {
  let t = start;
  return () => {
    const now = new Date(t);
    t += 1000;
    return now;
  };
}

export function sampleInput(overrides: Partial<AuditEntryInput> = {}): AuditEntryInput {
  return {
    profileId: 'local-demo',
    accountId: '9900000',
    sessionId: 'session-1',
    intent: { kind: 'whisper', from: 'sup-1', to: 'agent-1' },
    receivers: [
      {
        receiverId: 'agent-1',
        before: { sessionId: 'session-1' },
        after: { participants: [{ participantId: 'cust-1' }, { participantId: 'sup-1' }] },
      },
    ],
    outcome: 'applied',
    ...overrides,
  };
}
