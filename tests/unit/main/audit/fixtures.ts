import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import { AuditLog, type AuditEntryInput, type AuditLogOptions } from '../../../../src-main/audit';

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

export interface LogPerTest {
  /** This test's folder. */
  readonly dir: string;
  /** Opens a log in it (stepping clock, OS user `supervisor1`), closed after the test. */
  open(options?: Partial<AuditLogOptions>): Promise<AuditLog>;
  /** The non-empty lines of its `audit.jsonl`. */
  lines(): Promise<string[]>;
}

/** A fresh folder per test, and the logs opened in it closed after the test. */
export function logPerTest(): LogPerTest {
  let folder: { dir: string; cleanup: () => Promise<void> } | undefined;
  const logs: AuditLog[] = [];
  beforeEach(async () => {
    folder = await tempDir();
  });
  afterEach(async () => {
    await Promise.all(logs.splice(0).map((l) => l.close()));
    await folder?.cleanup();
  });
  const dir = (): string => folder?.dir ?? '';
  return {
    get dir(): string {
      return dir();
    },
    async open(options = {}): Promise<AuditLog> {
      const log = await AuditLog.open({
        dir: dir(),
        now: steppingClock(),
        osUser: () => 'supervisor1',
        ...options,
      });
      logs.push(log);
      return log;
    },
    async lines(): Promise<string[]> {
      const text = await readFile(join(dir(), 'audit.jsonl'), 'utf8');
      return text.split('\n').filter((l) => l.length > 0);
    },
  };
}
