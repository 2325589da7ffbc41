/**
 * Issue 12 (medium): ids inside intents follow the contract's id pattern. They go into API paths,
 * and `.` / `..` / empty ids were resolved away by URL parsing (a move to session ".." wrote to
 * `/participants/{id}`).
 */
import { describe, expect, it } from 'vitest';
import { parseIntent } from '../../../../src-main/ipc/intent-schema';
import { decodeDrag } from '../../../../src-renderer/lib/matrix/actions';

const P = '7f3a0000-0000-4000-8000-000000000001';
const Q = '21bc0000-0000-4000-8000-000000000002';
const BAD = ['', ' ', '.', '..', '../x', 'a/b', '-x', 'a b', 'x'.repeat(129), 'é'];

/** Every intent with one id replaced by `id`, one per id field. */
function withId(id: string): Record<string, unknown>[] {
  return [
    { type: 'subscribe', receiverId: id, publisherId: Q },
    { type: 'unsubscribe', receiverId: P, publisherId: id },
    { type: 'setStreams', receiverId: id, publisherId: Q, streams: 'all' },
    { type: 'setCells', cells: [{ receiverId: P, publisherId: id, streams: null }] },
    { type: 'mute', publisherId: id },
    { type: 'unmute', publisherId: P, receiverId: id },
    { type: 'hold', participantId: id },
    { type: 'isolate', participantId: id },
    { type: 'monitor', supervisorId: id },
    { type: 'monitor', supervisorId: P, participantIds: [id] },
    { type: 'whisper', supervisorId: P, agentIds: [id] },
    { type: 'barge', supervisorId: id },
    { type: 'endSupervision', supervisorId: id },
    { type: 'move', participantId: id, toSessionId: 'b0b0' },
    { type: 'move', participantId: P, toSessionId: id },
  ];
}

describe('ids in intents', () => {
  it('refuses a move to session "..", ".", or nothing, naming the field', () => {
    for (const toSessionId of ['..', '.', '']) {
      const parsed = parseIntent({ type: 'move', participantId: P, toSessionId });
      expect(parsed.ok).toBe(false);
      if (!parsed.ok) expect(parsed.error).toMatch(/Session id/);
    }
  });

  it('refuses every id that is not a contract id, in every id field', () => {
    for (const bad of BAD) {
      for (const intent of withId(bad)) {
        expect(parseIntent(intent).ok, `${JSON.stringify(intent)}`).toBe(false);
      }
    }
  });

  it('accepts ids of the contract pattern in every field', () => {
    for (const good of [P, 'c-1.2:3_4', 'A'.repeat(128)]) {
      for (const intent of withId(good)) {
        expect(parseIntent(intent).ok, `${JSON.stringify(intent)}`).toBe(true);
      }
    }
  });

  it('drag payloads use the same pattern', () => {
    expect(decodeDrag(JSON.stringify({ kind: 'member', participantId: P }))).not.toBeNull();
    for (const bad of BAD) {
      expect(decodeDrag(JSON.stringify({ kind: 'member', participantId: bad }))).toBeNull();
    }
  });
});
