/**
 * Data cannot silence the audit log: credential-looking text reaching an entry by any of three
 * routes — a supervisor's reason, a stream alias in the intent, an alias an outside API client put
 * on a receiver — is redacted in the entry (with the rule noted), the change is audited as applied,
 * and every later change to that receiver (a barge included) is audited too. Real local API, real
 * audit log.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../../src-main/audit';
import type { Call, Fixture, Harness } from './support';
import { hears, perTestWithFixture, set } from './support';

let h: Harness;
let f: Fixture;
let call: Call;
perTestWithFixture((scene) => ({ h, call, f } = scene));

const auditFile = (): Promise<string> => readFile(join(f.dir, 'audit.jsonl'), 'utf8');

/** A barge and its end, both changing the agent: each must be applied and audited. */
async function bargeAndEnd(): Promise<AuditEntry[]> {
  const barge = await f.applier.apply(
    call.sessionId,
    { type: 'barge', supervisorId: call.s },
    { confirmedViolations: true },
  );
  expect(barge).toMatchObject({ ok: true });
  expect(hears(h, call.sessionId, call.a)).toContain(call.s);
  const end = await f.applier.apply(call.sessionId, {
    type: 'endSupervision',
    supervisorId: call.s,
  });
  expect(end).toMatchObject({ ok: true });
  const entries = await f.entries();
  return entries.slice(-2);
}

describe("credential-looking text can't silence the audit log", () => {
  it("route 1: a supervisor's reason", async () => {
    const result = await f.applier.apply(
      call.sessionId,
      { type: 'whisper', supervisorId: call.s },
      { reason: 'authorization: per lead' },
    );
    expect(result).toMatchObject({ ok: true });
    const [entry] = await f.entries();
    expect(entry).toMatchObject({
      outcome: 'applied',
      reason: 'authorization: [redacted] lead',
      redacted: [{ field: 'reason', rule: 'an Authorization header' }],
    });
    const later = await bargeAndEnd();
    expect(later.map((e) => e.outcome)).toEqual(['applied', 'applied']);
    expect(await auditFile()).not.toContain('authorization: per');
  });

  it('route 2: a stream alias in the intent', async () => {
    const alias = 'Bearer 0123456789abcdef';
    const result = await f.applier.apply(call.sessionId, {
      type: 'setStreams',
      receiverId: call.a,
      publisherId: call.c,
      streams: [alias],
    });
    expect(result).toMatchObject({ ok: true });
    const [entry] = await f.entries();
    expect(entry?.outcome).toBe('applied');
    expect(entry?.intent).toMatchObject({ streams: ['Bearer [redacted]'] });
    expect(entry?.redacted).toEqual(
      expect.arrayContaining([
        { field: 'intent.streams.0', rule: 'a bearer token' },
        { field: 'receivers.0.after.participants.0.streamAliases.0', rule: 'a bearer token' },
      ]),
    );
    const later = await bargeAndEnd();
    expect(later.map((e) => e.outcome)).toEqual(['applied', 'applied']);
    expect(later[0]?.redacted).toEqual(
      expect.arrayContaining([expect.objectContaining({ rule: 'a bearer token' })]),
    );
    expect(await auditFile()).not.toContain('0123456789abcdef');
  });

  it('route 3: an alias an outside API client put on a receiver', async () => {
    await set(h, call.sessionId, call.a, {
      sessionId: call.sessionId,
      participants: [{ participantId: call.c, streamAliases: ['authorization: per lead'] }],
    });
    const later = await bargeAndEnd();
    expect(later.map((e) => e.outcome)).toEqual(['applied', 'applied']);
    const [barge] = later;
    expect(barge?.receivers.find((r) => r.receiverId === call.a)?.before).toEqual({
      sessionId: call.sessionId,
      participants: [{ participantId: call.c, streamAliases: ['authorization: [redacted] lead'] }],
    });
    expect(barge?.redacted).toContainEqual({
      field: expect.stringMatching(/^receivers\.\d+\.before\.participants\.0\.streamAliases\.0$/),
      rule: 'an Authorization header',
    });
    expect(await f.audit.verify()).toMatchObject({ ok: true, entries: 2 });
    expect(await auditFile()).not.toContain('authorization: per');
  });
});
