/** Walking the audit file's hash chain: pure, over the file's bytes. */
import { entryHash } from './canonical';
import { auditEntrySchema, GENESIS_HASH, type AuditEntry } from './types';

export interface ChainBreak {
  /** The seq the chain breaks at (the entry expected at that position). */
  seq: number;
  /** 1-based line number in the file. */
  line: number;
  reason: string;
}

export interface ChainWalk {
  /** Every line that parses as an entry, in file order (also after a break, for reading). */
  entries: AuditEntry[];
  /** Entries whose chain verified, counted from the start up to the first break. */
  verifiedEntries: number;
  /** Where the next entry chains from: the last parseable complete line (genesis when none). */
  head: { seq: number; hash: string };
  /** Bytes after the last newline: a line torn by a crash mid-write. */
  tornBytes: Buffer | null;
  /** Length in bytes of the complete lines (what the file is truncated to when torn). */
  completeLength: number;
  /** The first break in the chain, if any. */
  tampered: ChainBreak | null;
}

function checkLine(
  line: string,
  expectedSeq: number,
  prevHash: string,
): { entry?: AuditEntry; reason?: string } {
  let raw: unknown;
  try {
    raw = JSON.parse(line);
  } catch {
    return { reason: 'the line is not valid JSON' };
  }
  const parsed = auditEntrySchema.safeParse(raw);
  if (!parsed.success) return { reason: 'the line is not a well-formed audit entry' };
  // Hash the JSON as written, not zod's output (zod may drop or reorder unknown fields).
  const entry = raw as AuditEntry;
  if (entry.seq !== expectedSeq)
    return { entry, reason: `expected seq ${expectedSeq}, found seq ${entry.seq}` };
  if (entry.prevHash !== prevHash)
    return { entry, reason: "prevHash does not match the previous entry's hash" };
  if (entry.hash !== entryHash(raw as Record<string, unknown>)) {
    return { entry, reason: "the hash does not match the entry's content" };
  }
  return { entry };
}

export function walkChain(bytes: Buffer): ChainWalk {
  const lastNewline = bytes.lastIndexOf(0x0a);
  const completeLength = lastNewline + 1;
  const tail = bytes.subarray(completeLength);
  const lines = bytes.subarray(0, completeLength).toString('utf8').split('\n');
  lines.pop(); // the empty string after the final newline

  const entries: AuditEntry[] = [];
  let tampered: ChainBreak | null = null;
  let verifiedEntries = 0;
  let head = { seq: 0, hash: GENESIS_HASH };
  for (const [index, line] of lines.entries()) {
    const expectedSeq = head.seq + 1;
    const { entry, reason } = checkLine(line, expectedSeq, head.hash);
    if (reason && !tampered) tampered = { seq: expectedSeq, line: index + 1, reason };
    if (entry) {
      entries.push(entry);
      head = { seq: entry.seq, hash: entry.hash };
      if (!tampered) verifiedEntries++;
    }
  }
  return {
    entries,
    verifiedEntries,
    head,
    tornBytes: tail.length > 0 ? Buffer.from(tail) : null,
    completeLength,
    tampered,
  };
}
