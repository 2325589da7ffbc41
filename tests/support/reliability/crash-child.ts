/**
 * The process suite 6 kills. It opens the audit log and the settings in a folder the way the console
 * does (verifying the chain and repairing a torn last line; loading settings, moving a bad file
 * aside), reports what it found as one JSON line, then writes as fast as it can: an audit entry
 * (every twelfth one over 512 KiB, which node writes in more than one syscall, so that a kill can
 * tear it), then a settings change. It prints an acknowledgement after each write has returned
 * (the audit entry is fsynced by then), so the parent knows what must survive a SIGKILL.
 *
 *   node crash-child.mjs <dir> [--check]   (--check: report and exit, no writes)
 */
import { join } from 'node:path';
import { AuditLog } from '../../../src-main/audit';
import type { AuditEntryInput } from '../../../src-main/audit';
import { LOCAL_DEMO_PROFILE_ID, SettingsStore } from '../../../src-main/settings';

const WATCHED_ID = 'crash-session';

export type ChildLine =
  | {
      type: 'ready';
      auditOk: boolean;
      tampered: string | null;
      tornBytes: number;
      lastSeq: number;
      settings: string;
      label: number;
    }
  | { type: 'ack'; seq: number }
  | { type: 'set'; n: number }
  | { type: 'error'; message: string };

const say = (line: ChildLine): void => void process.stdout.write(`${JSON.stringify(line)}\n`);

function entry(n: number, huge: boolean): AuditEntryInput {
  const sessionId = `session-${n % 7}`;
  const participants = Array.from({ length: 19 }, (_, i) => ({
    participantId: `participant-${i}-${'p'.repeat(40)}`,
    streamAliases: ['microphone', 'camera'],
  }));
  const receivers = Array.from({ length: huge ? 180 : 2 }, (_, i) => ({
    receiverId: `receiver-${i}`,
    before: { sessionId, participants },
    after: { sessionId, participants: participants.slice(1) },
  }));
  return {
    profileId: 'profile-crash',
    accountId: '9900000',
    sessionId,
    intent: { type: 'mute', publisherId: `participant-${n % 19}` },
    receivers,
    outcome: 'applied',
    reason: `write ${n}`,
  };
}

async function main(): Promise<void> {
  const [dir, mode] = process.argv.slice(2);
  if (dir === undefined) throw new Error('usage: crash-child <dir> [--check]');
  // Opening walks and verifies the whole chain (and repairs a torn last line) — what is reported.
  const audit = await AuditLog.open({ dir: join(dir, 'audit') });
  const verification = audit.startup;
  const settings = new SettingsStore({ cwd: dir });
  const watched = settings
    .listWatchedSessions(LOCAL_DEMO_PROFILE_ID)
    .find((w) => w.id === WATCHED_ID);
  say({
    type: 'ready',
    auditOk:
      verification.tampered === null && verification.verifiedEntries === verification.entries,
    tampered: verification.tampered?.reason ?? null,
    tornBytes: verification.torn?.bytes ?? 0,
    lastSeq: verification.lastSeq,
    settings: settings.loadReport.status,
    label: Number(watched?.label ?? 0),
  });
  if (mode === '--check') {
    await audit.close();
    return;
  }
  if (!watched) settings.addWatchedSession(LOCAL_DEMO_PROFILE_ID, { id: WATCHED_ID, label: '0' });
  let n = Number(watched?.label ?? 0);
  for (;;) {
    n += 1;
    const written = await audit.append(entry(n, n % 12 === 0));
    say({ type: 'ack', seq: written.seq });
    settings.relabelWatchedSession(LOCAL_DEMO_PROFILE_ID, WATCHED_ID, String(n));
    settings.updatePreferences({ pollSlowMs: 1_000 + (n % 1_000) });
    say({ type: 'set', n });
  }
}

main().catch((error: unknown) => {
  say({ type: 'error', message: error instanceof Error ? error.message : String(error) });
  process.exit(1);
});
