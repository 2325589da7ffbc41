import { appendFile, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AuditLog } from '../../../../src-main/audit';
import {
  AuditLogError,
  canonicalJson,
  entryHash,
  GENESIS_HASH,
  type AuditEntry,
} from '../../../../src-main/audit';
import { logPerTest, sampleInput } from './fixtures';

const t = logPerTest();
const openLog = (): Promise<AuditLog> => t.open();
const fileLines = (): Promise<string[]> => t.lines();

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
    await writeFile(join(t.dir, 'audit.jsonl'), `${lines.join('\n')}\n`);
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
    await writeFile(join(t.dir, 'audit.jsonl'), `${[lines[0], lines[2]].join('\n')}\n`);
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
      join(t.dir, 'audit.jsonl'),
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
    await appendFile(join(t.dir, 'audit.jsonl'), torn);

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
    expect((await readdir(t.dir)).filter((f) => f.includes('.torn-'))).toHaveLength(1);
  });

  it('treats a file holding only a torn line as an empty chain', async () => {
    await writeFile(join(t.dir, 'audit.jsonl'), '{"seq":1,"ti');
    const log = await openLog();
    expect(log.startup).toMatchObject({ entries: 0, torn: { bytes: 12 } });
    expect(await log.append(sampleInput())).toMatchObject({ seq: 1, prevHash: GENESIS_HASH });
    expect(await readFile(join(t.dir, 'audit.jsonl'), 'utf8')).not.toContain('"ti{');
  });
});
