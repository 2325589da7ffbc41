import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { diffDirectory, hasChanges } from '../../../../src-main/directory';
import type {
  DirectoryCall,
  DirectoryChanges,
  DirectorySnapshot,
} from '../../../../src-main/shared/dto/directory';
import { DIRECTORY_ROLES } from '../../../../src-main/shared/dto/directory';

/** Snapshots drawn from a small pool of ids, names and queues, so that they overlap. */
const snapshotArb: fc.Arbitrary<DirectorySnapshot> = fc
  .uniqueArray(
    fc.record({
      sessionId: fc.constantFrom('s1', 's2', 's3', 's4', 's5'),
      label: fc.constantFrom('Invoice #1', 'Router #2'),
      queue: fc.constantFrom('Billing', 'Sales'),
      participants: fc.uniqueArray(
        fc.record({
          participantId: fc.constantFrom('p1', 'p2', 'p3', 'p4', 'p5', 'p6'),
          displayName: fc.constantFrom('Ada Applewood', 'Bram Bluefinch', 'Cleo Dewberry'),
          role: fc.constantFrom(...DIRECTORY_ROLES),
        }),
        { selector: (p) => p.participantId, maxLength: 4 },
      ),
    }),
    { selector: (c) => c.sessionId, maxLength: 5 },
  )
  .map((calls) => {
    // A participant is in one call: keep its first appearance only.
    const seen = new Set<string>();
    const unique: DirectoryCall[] = calls.map((c) => ({
      ...c,
      startedAt: '2026-11-24T09:00:00Z',
      participants: c.participants.filter(
        (p) => !seen.has(p.participantId) && seen.add(p.participantId),
      ),
    }));
    return { version: 1, generatedAt: '2026-11-24T09:41:07Z', calls: unique } as const;
  });

/** Applies changes to a snapshot's people: who is in which call, under which name and role. */
function apply(previous: DirectorySnapshot, changes: DirectoryChanges): Map<string, string> {
  const people = new Map<string, string>();
  for (const c of previous.calls) {
    for (const p of c.participants)
      people.set(p.participantId, `${c.sessionId}/${p.displayName}/${p.role}`);
  }
  for (const { participant } of changes.left) people.delete(participant.participantId);
  for (const { sessionId, participant: p } of changes.joined) {
    people.set(p.participantId, `${sessionId}/${p.displayName}/${p.role}`);
  }
  for (const r of changes.renamed) {
    const [s, , role] = (people.get(r.participantId) ?? '').split('/');
    people.set(r.participantId, `${s}/${r.to}/${role}`);
  }
  for (const r of changes.roleChanged) {
    const [s, name] = (people.get(r.participantId) ?? '').split('/');
    people.set(r.participantId, `${s}/${name}/${r.to}`);
  }
  return people;
}

const ids = (calls: DirectoryCall[]): string[] => calls.map((c) => c.sessionId).sort();

describe('diffDirectory', () => {
  it('applying the changes to the previous snapshot gives the next one', () => {
    fc.assert(
      fc.property(snapshotArb, snapshotArb, (a, b) => {
        const changes = diffDirectory(a, b);
        expect(apply(a, changes)).toEqual(apply(b, diffDirectory(b, b)));
        const live = new Set(a.calls.map((c) => c.sessionId));
        for (const c of changes.ended) live.delete(c.sessionId);
        for (const c of changes.started) live.add(c.sessionId);
        expect([...live].sort()).toEqual(ids(b.calls));
      }),
    );
  });

  it('finds nothing between a snapshot and itself', () => {
    fc.assert(
      fc.property(snapshotArb, (a) => {
        expect(hasChanges(diffDirectory(a, a))).toBe(false);
      }),
    );
  });

  it('is its own inverse: started ↔ ended, joined ↔ left, renames reversed', () => {
    fc.assert(
      fc.property(snapshotArb, snapshotArb, (a, b) => {
        const forth = diffDirectory(a, b);
        const back = diffDirectory(b, a);
        expect(ids(forth.started)).toEqual(ids(back.ended));
        expect(ids(forth.ended)).toEqual(ids(back.started));
        const key = (r: { sessionId: string; participant: { participantId: string } }): string =>
          `${r.sessionId}/${r.participant.participantId}`;
        expect(forth.joined.map(key).sort()).toEqual(back.left.map(key).sort());
        expect(forth.renamed.map((r) => [r.participantId, r.from, r.to]).sort()).toEqual(
          back.renamed.map((r) => [r.participantId, r.to, r.from]).sort(),
        );
      }),
    );
  });

  it('without a previous snapshot, every call started and everyone joined', () => {
    fc.assert(
      fc.property(snapshotArb, (b) => {
        const changes = diffDirectory(undefined, b);
        expect(ids(changes.started)).toEqual(ids(b.calls));
        expect(changes.joined).toHaveLength(b.calls.flatMap((c) => c.participants).length);
        expect(changes.ended).toEqual([]);
      }),
    );
  });

  it('names a rename, a role change, a relabel and a move between calls', () => {
    const person = { participantId: 'p1', displayName: 'Ada Applewood', role: 'agent' } as const;
    const base = { startedAt: '2026-11-24T09:00:00Z', queue: 'Billing' };
    const a: DirectorySnapshot = {
      version: 1,
      generatedAt: 'x',
      calls: [
        { ...base, sessionId: 's1', label: 'One', participants: [person] },
        { ...base, sessionId: 's2', label: 'Two', participants: [] },
      ],
    };
    const b: DirectorySnapshot = {
      ...a,
      calls: [
        { ...base, sessionId: 's1', label: 'One', queue: 'Sales', participants: [] },
        {
          ...base,
          sessionId: 's2',
          label: 'Two',
          participants: [{ ...person, displayName: 'Ada A.', role: 'supervisor' }],
        },
      ],
    };
    const changes = diffDirectory(a, b);
    expect(changes.relabelled.map((c) => c.sessionId)).toEqual(['s1']);
    expect(changes.left).toEqual([{ sessionId: 's1', participant: person }]);
    expect(changes.joined.map((j) => j.sessionId)).toEqual(['s2']);
    expect(changes.renamed).toEqual([]);
    const c = diffDirectory(b, {
      ...b,
      calls: [
        b.calls[0] as DirectoryCall,
        {
          ...(b.calls[1] as DirectoryCall),
          participants: [{ ...person, displayName: 'Ada B.', role: 'customer' }],
        },
      ],
    });
    expect(c.renamed).toEqual([
      { sessionId: 's2', participantId: 'p1', from: 'Ada A.', to: 'Ada B.' },
    ]);
    expect(c.roleChanged).toEqual([
      { sessionId: 's2', participantId: 'p1', from: 'supervisor', to: 'customer' },
    ]);
  });
});
