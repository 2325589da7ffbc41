/** The audit's secret guard: what looks like a credential is redacted and noted, never refused. */
import { describe, expect, it } from 'vitest';
import type { AuditLog } from '../../../../src-main/audit';
import { AUDIT_TEXT_LIMITS } from '../../../../src-main/audit';
import { ActiveSecrets, apiSecrets, Scrubber } from '../../../../src-main/credentials';
import { logPerTest, sampleInput } from './fixtures';

const t = logPerTest();
const openLog = (): Promise<AuditLog> => t.open();
const fileLines = (): Promise<string[]> => t.lines();

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
    const log = await t.open({ scrubber: new Scrubber({ secrets, mode: 'log' }) });
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
    const log = await t.open({ scrubber: new Scrubber({ secrets, mode: 'log' }) });
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
