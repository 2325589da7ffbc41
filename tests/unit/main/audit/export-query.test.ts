import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  AUDIT_CSV_COLUMNS,
  AuditLog,
  canonicalJson,
  csvCell,
  entriesToCsv,
  filterEntries,
  type AuditEntry,
} from '../../../../src-main/audit';
import { sampleInput, steppingClock, tempDir } from './fixtures';

let dir: string;
let cleanup: () => Promise<void>;
let log: AuditLog;
let entries: AuditEntry[];

beforeEach(async () => {
  ({ dir, cleanup } = await tempDir());
  log = await AuditLog.open({ dir, now: steppingClock(), osUser: () => 'sup' });
  entries = [
    await log.append(sampleInput({ sessionId: 's1', profileId: 'p1' })),
    await log.append(
      sampleInput({
        sessionId: 's2',
        profileId: 'p1',
        outcome: 'failed',
        error: 'boom, "quoted"\nline 2',
      }),
    ),
    await log.append(
      sampleInput({
        sessionId: 's1',
        profileId: 'p2',
        outcome: 'rolled-back',
        reason: '=HYPERLINK("x")',
      }),
    ),
    await log.append(
      sampleInput({ sessionId: 's3', profileId: 'p2', outcome: 'refused', receivers: [] }),
    ),
  ];
});
afterEach(async () => {
  await log.close();
  await cleanup();
});

describe('audit query', () => {
  it('filters by session, profile, outcome and time range', async () => {
    const seqs = async (filter: Parameters<AuditLog['query']>[0]): Promise<number[]> =>
      (await log.query(filter)).map((e) => e.seq);
    expect(await seqs({})).toEqual([1, 2, 3, 4]);
    expect(await seqs({ sessionId: 's1' })).toEqual([1, 3]);
    expect(await seqs({ profileId: 'p2' })).toEqual([3, 4]);
    expect(await seqs({ outcome: 'failed' })).toEqual([2]);
    expect(await seqs({ outcome: ['applied', 'refused'] })).toEqual([1, 4]);
    expect(
      await seqs({ from: '2025-01-01T00:00:01.000Z', to: new Date('2025-01-01T00:00:03.000Z') }),
    ).toEqual([2, 3]);
    expect(await seqs({ sessionId: 's1', profileId: 'p2', outcome: 'rolled-back' })).toEqual([3]);
  });

  it('rejects an invalid date in a filter', () => {
    expect(() => filterEntries(entries, { from: 'yesterday' })).toThrow(
      /"from" is not a valid date/,
    );
  });
});

describe('audit export', () => {
  it('exports JSON that round-trips to the stored entries', async () => {
    const json = await log.export('json', { profileId: 'p1' });
    expect(JSON.parse(json)).toEqual(entries.slice(0, 2));
  });

  it('exports CSV with a header, one row per entry and RFC 4180 quoting', async () => {
    const csv = await log.export('csv');
    expect(csv.endsWith('\r\n')).toBe(true);
    const [header, ...rows] = parseCsv(csv);
    expect(header).toEqual([...AUDIT_CSV_COLUMNS]);
    expect(rows).toHaveLength(4);
    const col = (name: (typeof AUDIT_CSV_COLUMNS)[number]): number =>
      AUDIT_CSV_COLUMNS.indexOf(name);
    expect(rows[1]?.[col('error')]).toBe('boom, "quoted"\nline 2');
    expect(rows[2]?.[col('reason')]).toBe(`'=HYPERLINK("x")`);
    expect(rows[0]?.[col('receivers')]).toBe('agent-1');
    expect(JSON.parse(rows[0]?.[col('before')] ?? '')).toEqual({
      'agent-1': { sessionId: 'session-1' },
    });
    expect(JSON.parse(rows[0]?.[col('after')] ?? '')).toEqual({
      'agent-1': { participants: [{ participantId: 'cust-1' }, { participantId: 'sup-1' }] },
    });
    expect(JSON.parse(rows[0]?.[col('intent')] ?? '')).toEqual(entries[0]?.intent);
    expect(rows[3]?.[col('hash')]).toBe(entries[3]?.hash);
    expect(entriesToCsv([])).toBe(`${AUDIT_CSV_COLUMNS.join(',')}\r\n`);
  });

  it('keeps the names an entry was written with, in JSON and in the CSV names column', async () => {
    const names = { 'agent-1': 'Priya Ortega', 'cust-1': '=Dana, "D" Whitfield' };
    const named = await log.append(sampleInput({ sessionId: 's9', names }));
    expect(named.names).toEqual(names);
    expect(JSON.parse(await log.export('json', { sessionId: 's9' }))).toEqual([named]);
    const [, row = []] = parseCsv(await log.export('csv', { sessionId: 's9' }));
    expect(JSON.parse(row[AUDIT_CSV_COLUMNS.indexOf('names')] ?? '')).toEqual(names);
    const [, unnamed = []] = parseCsv(await log.export('csv', { sessionId: 's3' }));
    expect(unnamed[AUDIT_CSV_COLUMNS.indexOf('names')]).toBe('{}');
    await log.close();
    log = await AuditLog.open({ dir, now: steppingClock(), osUser: () => 'sup' });
    expect((await log.verify()).ok).toBe(true);
  });

  it('refuses an entry whose names are not a map of texts, writing nothing', async () => {
    const bad = sampleInput({ names: { 'agent-1': 7 } as unknown as Record<string, string> });
    await expect(log.append(bad)).rejects.toThrow(/names/);
    expect(JSON.parse(await log.export('json'))).toHaveLength(4);
  });

  it('quotes every text cell of the entries, leaves numbers bare', async () => {
    const [header = '', first = ''] = (await log.export('csv')).split('\r\n');
    expect(header.startsWith('seq,time,call,who,what,people,outcome,reason,error,')).toBe(true);
    expect(first.startsWith('1,"2025-01-01T00:00:00.000Z","Call s1","OS user sup",')).toBe(true);
  });

  it.each([
    ['=1+1', "'=1+1"],
    ['a;=cmd()', "a;'=cmd()"],
    ['x,@SUM(A1)', "x,'@SUM(A1)"],
    ['a; +1', "a; '+1"],
    ['-5', "'-5"],
    ['ok\t=HYPERLINK("x")', 'ok\t\'=HYPERLINK("x")'],
    ['\tlead', "'\tlead"],
    ['\r\n=x', "'\r'\n'=x"],
    ['a-b;c=d, e@f', 'a-b;c=d, e@f'],
  ])('neutralises formulas in every ;/,/tab-separated segment: %j', (value, expected) => {
    const [[cell] = []] = parseCsv(`${csvCell(value)}\r\n`);
    expect(cell).toBe(expected);
  });

  it('a C1 control character (U+0080–U+009F) starts no cell either', () => {
    expect(csvCell('\u0080x')).toBe(`"'\u0080x"`);
    expect(csvCell('a,\u009f')).toBe(`"a,'\u009f"`);
  });

  it('any text parses back as one cell, with only apostrophes added and no formula start (property)', () => {
    const formula = /^ *[=+\-@\p{Cc}]/u;
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 40 }), (s) => {
        const quoted = csvCell(s);
        expect(quoted.startsWith('"') && quoted.endsWith('"')).toBe(true);
        const rows = parseCsv(`${quoted}\r\n`);
        expect(rows).toHaveLength(1);
        const [[cell = ''] = []] = rows;
        expect(cell.replace(/'/g, '')).toBe(s.replace(/'/g, ''));
        for (const segment of cell.split(/[,;\t\r\n]/)) expect(segment).not.toMatch(formula);
      }),
    );
  });
});

describe('canonical JSON', () => {
  it('does not depend on key order (property)', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue()), (obj) => {
        const reversed = Object.fromEntries(Object.entries(obj).reverse());
        expect(canonicalJson(reversed)).toBe(canonicalJson(obj));
        expect(JSON.parse(canonicalJson(obj))).toEqual(JSON.parse(JSON.stringify(obj)));
      }),
    );
  });
});

/** A strict RFC 4180 reader, enough to check the writer. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let i = 0;
  let quoted = false;
  while (i < text.length) {
    const ch = text[i] ?? '';
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i += 2;
        continue;
      }
      if (ch === '"') quoted = false;
      else cell += ch;
      i++;
      continue;
    }
    if (ch === '"' && cell === '') quoted = true;
    else if (ch === ',') {
      row.push(cell);
      cell = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += ch;
    i++;
  }
  return rows;
}

describe('audit CSV: the human columns beside the machine ones', () => {
  const SUP = 'aaaa1111-0000-4000-8000-000000000001';
  const AGENT = 'bbbb2222-0000-4000-8000-000000000002';
  const CUSTOMER = 'cccc3333-0000-4000-8000-000000000003';

  it('names the call, who (the profile supervisor and the OS user), what happened and the people', async () => {
    await log.append(
      sampleInput({
        sessionId: 'billing-call',
        call: 'Billing dispute — Dana',
        supervisor: 'Morgan Reyes',
        intent: { type: 'whisper', supervisorId: SUP, agentIds: [AGENT] },
        receivers: [{ receiverId: AGENT, before: null, after: null }],
        names: { [SUP]: 'Morgan Reyes', [AGENT]: 'Sam Lee' },
        reason: 'coaching',
      }),
    );
    const [, row = []] = parseCsv(await log.export('csv', { sessionId: 'billing-call' }));
    const at = (name: (typeof AUDIT_CSV_COLUMNS)[number]): string | undefined =>
      row[AUDIT_CSV_COLUMNS.indexOf(name)];
    expect(at('call')).toBe('Billing dispute — Dana');
    expect(at('who')).toBe('Morgan Reyes (OS user sup)');
    expect(at('what')).toBe('Morgan Reyes whispers to Sam Lee.');
    expect(at('people')).toBe('Morgan Reyes and Sam Lee');
    expect(at('outcome')).toBe('applied');
    expect(at('reason')).toBe('coaching');
    // The machine columns are still there for tools.
    expect(at('sessionId')).toBe('billing-call');
    expect(at('supervisor')).toBe('Morgan Reyes');
    expect(at('osUser')).toBe('sup');
    expect(at('action')).toBe('whisper');
    expect(JSON.parse(at('intent') ?? '')).toEqual({
      type: 'whisper',
      supervisorId: SUP,
      agentIds: [AGENT],
    });
  });

  it('falls back to a short id for an unnamed person and the session id for an unlabelled call', async () => {
    await log.append(
      sampleInput({
        sessionId: 'f00dfeed-1234',
        intent: { type: 'undo', of: { type: 'mute', publisherId: CUSTOMER } },
        receivers: [],
      }),
    );
    const [, row = []] = parseCsv(await log.export('csv', { sessionId: 'f00dfeed-1234' }));
    expect(row[AUDIT_CSV_COLUMNS.indexOf('call')]).toBe('Call f00dfeed');
    expect(row[AUDIT_CSV_COLUMNS.indexOf('what')]).toBe(
      'Undo: Mute Participant cccc for everyone.',
    );
    expect(row[AUDIT_CSV_COLUMNS.indexOf('action')]).toBe('undo');
  });
});

describe('audit query: person, action and call filters', () => {
  const SUP = 'aaaa1111-0000-4000-8000-000000000001';
  const AGENT = 'bbbb2222-0000-4000-8000-000000000002';

  it('filters by person (id, recorded name or the supervisor), by action and by call', async () => {
    const whisper = await log.append(
      sampleInput({
        sessionId: 'call-a',
        supervisor: 'Morgan Reyes',
        intent: { type: 'whisper', supervisorId: SUP, agentIds: [AGENT] },
        receivers: [{ receiverId: AGENT, before: null, after: null }],
        names: { [AGENT]: 'Sam Lee' },
      }),
    );
    const mute = await log.append(
      sampleInput({
        sessionId: 'call-b',
        intent: { type: 'mute', publisherId: AGENT },
        receivers: [],
      }),
    );
    const seqs = async (filter: Parameters<AuditLog['query']>[0]): Promise<number[]> =>
      (await log.query(filter)).map((e) => e.seq);
    expect(await seqs({ person: 'sam lee' })).toEqual([whisper.seq]);
    expect(await seqs({ person: AGENT })).toEqual([whisper.seq, mute.seq]);
    expect(await seqs({ person: ' Morgan Reyes ' })).toEqual([whisper.seq]);
    expect(await seqs({ person: 'Nobody' })).toEqual([]);
    expect(await seqs({ action: 'mute' })).toEqual([mute.seq]);
    expect(await seqs({ action: 'whisper', sessionId: 'call-b' })).toEqual([]);
    expect(await seqs({ action: 'whisper', sessionId: 'call-a' })).toEqual([whisper.seq]);
  });

  it('says what is wrong with a bad filter', () => {
    expect(() => filterEntries(entries, { person: '  ' })).toThrow(/"person" is empty/);
    expect(() => filterEntries(entries, { action: 'shout' as unknown as 'mute' })).toThrow(
      /"action" "shout" is not one of: monitor, whisper/,
    );
    expect(() =>
      filterEntries(entries, { from: '2025-01-02T00:00:00Z', to: '2025-01-01T00:00:00Z' }),
    ).toThrow(/"from" must be before its "to"/);
  });
});
