import { appendFile, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  AUDIT_TEXT_LIMITS,
  AuditLog,
  AuditLogError,
  canonicalJson,
  entryHash,
  GENESIS_HASH,
  type AuditEntry,
} from '../../../src-main/audit';
import { ActiveSecrets, apiSecrets, Scrubber } from '../../../src-main/credentials';
import { sampleInput, steppingClock, tempDir } from './fixtures';

let dir: string;
let cleanup: () => Promise<void>;
const logs: AuditLog[] = [];

async function openLog(): Promise<AuditLog> {
  const log = await AuditLog.open({ dir, now: steppingClock(), osUser: () => 'supervisor1' });
  logs.push(log);
  return log;
}

async function fileLines(): Promise<string[]> {
  const text = await readFile(join(dir, 'audit.jsonl'), 'utf8');
  return text.split('\n').filter((l) => l.length > 0);
}

beforeEach(async () => {
  ({ dir, cleanup } = await tempDir());
});
afterEach(async () => {
  await Promise.all(logs.splice(0).map((l) => l.close()));
  await cleanup();
});

describe('AuditLog chaining', () => {
  it('chains entries from the genesis hash, one JSON line each', async () => {
    const log = await openLog();
    expect(log.startup).toMatchObject({
      ok: true,
      entries: 0,
      lastSeq: 0,
      torn: null,
      tampered: null,
    });
    const a = await log.append(sampleInput());
    const b = await log.append(
      sampleInput({ outcome: 'failed', error: 'PUT 500', reason: 'coaching' }),
    );
    expect(a).toMatchObject({
      seq: 1,
      prevHash: GENESIS_HASH,
      osUser: 'supervisor1',
      time: '2025-01-01T00:00:00.000Z',
    });
    expect(b).toMatchObject({ seq: 2, prevHash: a.hash, error: 'PUT 500', reason: 'coaching' });
    const { hash, ...rest } = b;
    expect(hash).toBe(entryHash(rest));
    const lines = await fileLines();
    expect(lines.map((l) => JSON.parse(l) as AuditEntry)).toEqual([a, b]);
  });

  it('hashes the canonical JSON (stable key order) of the entry without its hash', async () => {
    const log = await openLog();
    const entry = await log.append(
      sampleInput({ intent: { z: 1, a: { y: [2, { c: 3, b: 4 }], x: null } } }),
    );
    const { hash, ...rest } = entry;
    const { createHash } = await import('node:crypto');
    expect(hash).toBe(createHash('sha256').update(canonicalJson(rest)).digest('hex'));
    expect(canonicalJson({ b: 1, a: { d: [1, 2], c: 'x' } })).toBe(
      '{"a":{"c":"x","d":[1,2]},"b":1}',
    );
  });

  it('continues the chain after reopening', async () => {
    const first = await openLog();
    const a = await first.append(sampleInput());
    await first.close();
    const second = await openLog();
    expect(second.startup).toMatchObject({ ok: true, entries: 1, lastSeq: 1 });
    const b = await second.append(sampleInput());
    expect(b).toMatchObject({ seq: 2, prevHash: a.hash });
    expect(await second.verify()).toMatchObject({ ok: true, entries: 2, verifiedEntries: 2 });
  });

  it('keeps call order and the chain under concurrent appends', async () => {
    const log = await openLog();
    const entries = await Promise.all(
      Array.from({ length: 40 }, (_, i) => log.append(sampleInput({ sessionId: `s-${i}` }))),
    );
    expect(entries.map((e) => e.seq)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    expect(entries.map((e) => e.sessionId)).toEqual(Array.from({ length: 40 }, (_, i) => `s-${i}`));
    for (let i = 1; i < entries.length; i++)
      expect(entries[i]?.prevHash).toBe(entries[i - 1]?.hash);
    expect(await log.verify()).toMatchObject({ ok: true, entries: 40 });
    expect((await fileLines()).length).toBe(40);
  });

  it('refuses malformed entries and changes nothing', async () => {
    const log = await openLog();
    const bad = { ...sampleInput(), outcome: 'done' } as unknown as ReturnType<typeof sampleInput>;
    await expect(log.append(bad)).rejects.toBeInstanceOf(AuditLogError);
    await expect(log.append({ ...sampleInput(), sessionId: '' })).rejects.toThrow(/sessionId/);
    expect(await log.verify()).toMatchObject({ ok: true, entries: 0 });
  });

  it('refuses appends once closed', async () => {
    const log = await openLog();
    await log.close();
    await expect(log.append(sampleInput())).rejects.toMatchObject({ code: 'closed' });
  });
});

describe('AuditLog secret guard: redacts, notes the rule, never refuses', () => {
  const basic = Buffer.from('user:pw').toString('base64');
  const cases: [string, ReturnType<typeof sampleInput>, string, string, RegExp][] = [
    [
      'a password field',
      sampleInput({ intent: { kind: 'x', password: 'hunter2' } }),
      'intent.password',
      'a field named "password"',
      /hunter2/,
    ],
    [
      'a nested Password field',
      sampleInput({ intent: { creds: [{ Password: 'xyzzy' }] } }),
      'intent.creds.0.Password',
      'a field named "Password"',
      /xyzzy/,
    ],
    [
      'an Authorization header',
      sampleInput({ error: 'request failed: {"Authorization":"Basic abc"}' }),
      'error',
      'an Authorization header',
      /Basic abc/,
    ],
    [
      'Basic credentials',
      sampleInput({ error: `sent Basic ${basic}` }),
      'error',
      'HTTP Basic credentials',
      new RegExp(basic),
    ],
    [
      'a bearer token',
      sampleInput({ reason: 'token Bearer eyJhbGciOi.eyJzdWIi.sig' }),
      'reason',
      'a bearer token',
      /eyJhbGciOi/,
    ],
    [
      "a supervisor's reason",
      sampleInput({ reason: 'authorization: per lead' }),
      'reason',
      'an Authorization header',
      /authorization: per/,
    ],
    [
      'a stream alias a client put on a receiver',
      sampleInput({
        receivers: [
          {
            receiverId: 'agent-1',
            before: {
              participants: [{ participantId: 'cust-1', streamAliases: ['Authorization=s3cr3t'] }],
            },
            after: null,
          },
        ],
      }),
      'receivers.0.before.participants.0.streamAliases.0',
      'an Authorization header',
      /s3cr3t/,
    ],
  ];
  it.each(cases)('writes an entry with %s redacted', async (_label, input, field, rule, text) => {
    const log = await openLog();
    const entry = await log.append(input);
    expect(entry.seq).toBe(1);
    expect(entry.redacted).toEqual([{ field, rule }]);
    const written = (await fileLines()).join('\n');
    expect(written).not.toMatch(text);
    expect(written).toContain('[redacted]');
    expect(await log.verify()).toMatchObject({ ok: true, entries: 1 });
  });

  it('keeps the rest of the text and the entry readable and verifiable', async () => {
    const log = await openLog();
    const entry = await log.append(sampleInput({ reason: 'authorization: per lead' }));
    expect(entry.reason).toBe('authorization: [redacted] lead');
    const [stored] = await log.query();
    expect(stored).toEqual(entry);
    const again = await log.append(sampleInput({ reason: 'next change' }));
    expect(again).toMatchObject({ seq: 2, prevHash: entry.hash });
    expect(again.redacted).toBeUndefined();
  });

  it("redacts the accounts' active secrets in every field and device tokens", async () => {
    const secrets = new ActiveSecrets();
    secrets.register('p1', apiSecrets('api-user', 'Tr0ub4dor&3-long'));
    const log = await AuditLog.open({ dir, scrubber: new Scrubber({ secrets, mode: 'log' }) });
    logs.push(log);
    const token = 'eyJhbGciOiJIUzI1NiJ9.eyJwaWQiOiJ4In0.c2lnbmF0dXJl';
    const entry = await log.append(
      sampleInput({
        error: 'The API answered 401 "bad password Tr0ub4dor&3-long"',
        reason: `device ${token}`,
        intent: { alias: 'Tr0ub4dor%263-long' },
      }),
    );
    expect(entry.redacted).toEqual([
      { field: 'intent.alias', rule: "the account's API password" },
      { field: 'error', rule: "the account's API password" },
      { field: 'reason', rule: 'a device token' },
    ]);
    const written = (await fileLines()).join('\n');
    expect(written).not.toContain('Tr0ub4dor');
    expect(written).not.toContain(token);
  });

  it('cuts an over-long text after redaction, so no half secret is left', async () => {
    const secrets = new ActiveSecrets();
    secrets.register('p1', apiSecrets('api-user', 'Zebra-Password-9931'));
    const log = await AuditLog.open({ dir, scrubber: new Scrubber({ secrets, mode: 'log' }) });
    logs.push(log);
    const error = `${'x'.repeat(AUDIT_TEXT_LIMITS.error - 5)}Zebra-Password-9931 and more`;
    const entry = await log.append(sampleInput({ error, reason: 'r'.repeat(3_000) }));
    expect(entry.error).not.toContain('Zebra');
    expect(entry.error?.length).toBeLessThanOrEqual(AUDIT_TEXT_LIMITS.error);
    expect(entry.reason).toHaveLength(AUDIT_TEXT_LIMITS.reason);
    expect(entry.redacted).toEqual([{ field: 'error', rule: "the account's API password" }]);
  });

  it('accepts ordinary text that merely mentions Basic or authorization', async () => {
    const log = await openLog();
    const entry = await log.append(
      sampleInput({ reason: 'Basic routing for new authorization flow' }),
    );
    expect(entry).toMatchObject({ seq: 1, reason: 'Basic routing for new authorization flow' });
    expect(entry.redacted).toBeUndefined();
  });

  it('still refuses a malformed entry that a caller could send with its own notes', async () => {
    const log = await openLog();
    const forged = { ...sampleInput(), redacted: [] } as unknown as ReturnType<typeof sampleInput>;
    await expect(log.append(forged)).rejects.toMatchObject({ code: 'invalid-entry' });
  });
});

describe('AuditLog verification', () => {
  async function threeEntries(): Promise<AuditEntry[]> {
    const log = await openLog();
    const entries = [
      await log.append(sampleInput()),
      await log.append(sampleInput()),
      await log.append(sampleInput()),
    ];
    await log.close();
    return entries;
  }

  async function rewriteLine(
    index: number,
    edit: (entry: AuditEntry) => AuditEntry,
  ): Promise<void> {
    const lines = await fileLines();
    lines[index] = JSON.stringify(edit(JSON.parse(lines[index] ?? '') as AuditEntry));
    await writeFile(join(dir, 'audit.jsonl'), `${lines.join('\n')}\n`);
  }

  it('reports an edited entry as tampering at its seq', async () => {
    await threeEntries();
    await rewriteLine(1, (e) => ({ ...e, outcome: 'refused' }));
    const log = await openLog();
    expect(log.startup).toMatchObject({
      ok: false,
      entries: 3,
      verifiedEntries: 1,
      tampered: { seq: 2, line: 2 },
    });
    expect(log.startup.tampered?.reason).toMatch(/hash does not match/);
    expect(log.startup.message).toMatch(/breaks at seq 2/);
  });

  it('reports a re-hashed edit where the next link breaks', async () => {
    await threeEntries();
    await rewriteLine(1, (e) => {
      const forged = { ...e, reason: 'forged', hash: '' };
      return { ...forged, hash: entryHash(forged) };
    });
    const log = await openLog();
    expect(log.startup.tampered).toMatchObject({ seq: 3, line: 3 });
    expect(log.startup.tampered?.reason).toMatch(/prevHash/);
  });

  it('reports a deleted entry as a seq gap', async () => {
    await threeEntries();
    const lines = await fileLines();
    await writeFile(join(dir, 'audit.jsonl'), `${[lines[0], lines[2]].join('\n')}\n`);
    const log = await openLog();
    expect(log.startup.tampered).toMatchObject({
      seq: 2,
      line: 2,
      reason: 'expected seq 2, found seq 3',
    });
  });

  it('reports a garbage line in the middle and keeps later entries readable', async () => {
    const entries = await threeEntries();
    const lines = await fileLines();
    await writeFile(
      join(dir, 'audit.jsonl'),
      `${[lines[0], 'not json', lines[1], lines[2]].join('\n')}\n`,
    );
    const log = await openLog();
    expect(log.startup.tampered).toMatchObject({
      seq: 2,
      line: 2,
      reason: 'the line is not valid JSON',
    });
    expect((await log.query()).map((e) => e.seq)).toEqual(entries.map((e) => e.seq));
    // Appending still works and chains to the last entry in the file.
    expect(await log.append(sampleInput())).toMatchObject({ seq: 4, prevHash: entries[2]?.hash });
  });
});

describe('AuditLog torn last line', () => {
  it('detects, keeps aside and cuts a torn last line; earlier entries stay readable', async () => {
    const first = await openLog();
    const a = await first.append(sampleInput());
    const b = await first.append(sampleInput());
    await first.close();
    const torn = '{"seq":3,"time":"2025-01-01T00:00:02.000Z","profileId":"local-de';
    await appendFile(join(dir, 'audit.jsonl'), torn);

    const log = await openLog();
    expect(log.startup).toMatchObject({ ok: false, entries: 2, lastSeq: 2, tampered: null });
    expect(log.startup.torn?.bytes).toBe(Buffer.byteLength(torn));
    const keptAt = log.startup.torn?.keptAt ?? '';
    expect(keptAt).toMatch(/audit\.jsonl\.torn-\d{8}T\d{9}Z$/);
    expect(await readFile(keptAt, 'utf8')).toBe(torn);
    expect(log.startup.message).toMatch(/cut short by a crash/);
    expect((await log.query()).map((e) => e.hash)).toEqual([a.hash, b.hash]);

    const c = await log.append(sampleInput());
    expect(c).toMatchObject({ seq: 3, prevHash: b.hash });
    expect(await log.verify()).toMatchObject({ ok: true, entries: 3, torn: null });
    expect((await readdir(dir)).filter((f) => f.includes('.torn-'))).toHaveLength(1);
  });

  it('treats a file holding only a torn line as an empty chain', async () => {
    await writeFile(join(dir, 'audit.jsonl'), '{"seq":1,"ti');
    const log = await openLog();
    expect(log.startup).toMatchObject({ entries: 0, torn: { bytes: 12 } });
    expect(await log.append(sampleInput())).toMatchObject({ seq: 1, prevHash: GENESIS_HASH });
    expect(await readFile(join(dir, 'audit.jsonl'), 'utf8')).not.toContain('"ti{');
  });
});
