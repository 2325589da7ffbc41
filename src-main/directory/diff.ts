/**
 * What changed between two directory snapshots, as a pure function: calls started and ended,
 * participants joined and left, renamed, given another role, and calls relabelled. A participant that
 * moves to another call has left one and joined the other. No previous snapshot: everything started.
 */
import type {
  DirectoryCall,
  DirectoryChanges,
  DirectoryParticipant,
  DirectorySnapshot,
} from '../shared/dto/directory';

export function emptyChanges(): DirectoryChanges {
  return {
    started: [],
    ended: [],
    joined: [],
    left: [],
    renamed: [],
    roleChanged: [],
    relabelled: [],
  };
}

export function hasChanges(changes: DirectoryChanges): boolean {
  return Object.values(changes).some((list: unknown[]) => list.length > 0);
}

function byId<T>(items: readonly T[], key: (item: T) => string): Map<string, T> {
  return new Map(items.map((item) => [key(item), item]));
}

function people(call: DirectoryCall | undefined): Map<string, DirectoryParticipant> {
  return byId(call?.participants ?? [], (p) => p.participantId);
}

export function diffDirectory(
  previous: DirectorySnapshot | undefined,
  next: DirectorySnapshot,
): DirectoryChanges {
  const changes = emptyChanges();
  const before = byId(previous?.calls ?? [], (c) => c.sessionId);
  const after = byId(next.calls, (c) => c.sessionId);
  for (const [sessionId, call] of before) {
    if (!after.has(sessionId)) changes.ended.push(call);
  }
  for (const [sessionId, call] of after) {
    const old = before.get(sessionId);
    if (old === undefined) changes.started.push(call);
    else if (old.label !== call.label || old.queue !== call.queue) changes.relabelled.push(call);
    const was = people(old);
    const now = people(call);
    for (const [participantId, person] of was) {
      if (!now.has(participantId)) changes.left.push({ sessionId, participant: person });
    }
    for (const [participantId, person] of now) {
      const earlier = was.get(participantId);
      if (earlier === undefined) {
        changes.joined.push({ sessionId, participant: person });
        continue;
      }
      if (earlier.displayName !== person.displayName) {
        changes.renamed.push({
          sessionId,
          participantId,
          from: earlier.displayName,
          to: person.displayName,
        });
      }
      if (earlier.role !== person.role) {
        changes.roleChanged.push({ sessionId, participantId, from: earlier.role, to: person.role });
      }
    }
  }
  // The participants of an ended call left it too, so that a consumer keyed by person sees them go.
  for (const call of changes.ended) {
    for (const participant of call.participants) {
      changes.left.push({ sessionId: call.sessionId, participant });
    }
  }
  return changes;
}
