/**
 * Forwarding follows the subscriptions: random subscription and membership changes over the REST
 * API (property style, a bounded number), and after each one the packets forwarded — to simulated
 * receivers' sinks and to a real device's subscribe connection, as counted by the gateway and as
 * received by the device — converge to exactly what the subscriptions say, for every receiver.
 * Everyone but the device speaks with a simulated voice; the device publishes too.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MediaView } from '../../../src-main/local-api/media/forwarder';
import type { Participant, Subscriptions } from '../../../src-main/shared/bandwidth-api';
import { startTestApi } from '../../support/local-api';
import type { TestApi } from '../../support/local-api';
import { connectNodeDevice } from '../../support/media/node-device';
import type { NodeDevice } from '../../support/media/node-device';

const WINDOW_MS = 400;
const DEADLINE_MS = 15_000;

let t: TestApi;
let device: NodeDevice;
let sessionId: string;
const ids: string[] = [];
let deviceId: string;

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

beforeAll(async () => {
  t = await startTestApi({ voices: true, media: { addresses: 'loopback' } });
  sessionId = (await t.createSession('call-media')).id;
  for (const permissions of [['AUDIO'], ['AUDIO'], ['AUDIO', 'VIDEO'], ['VIDEO']]) {
    const { participant } = await t.createParticipant({ publishPermissions: permissions });
    ids.push(participant.id);
    await t.add(sessionId, participant.id);
  }
  const created = await t.createParticipant({ publishPermissions: ['AUDIO'] });
  deviceId = created.participant.id;
  ids.push(deviceId);
  await t.add(sessionId, deviceId);
  device = await connectNodeDevice(t.api.url, created.token);
  await device.publish();
  await t.api.media.voicesReady();
}, 30_000);

afterAll(async () => {
  await device.close();
  await t.close();
});

/** Who must hear whom now, computed from what the REST API says (not from the media plane). */
function expectedPairs(members: Participant[]): Set<string> {
  const audio = new Set(
    members.filter((m) => m.publishPermissions?.includes('AUDIO') === true).map((m) => m.id),
  );
  const pairs = new Set<string>();
  for (const receiver of members) {
    const subs: Subscriptions = receiver.subscriptions ?? {};
    const entries = subs.participants ?? [];
    const heard =
      entries.length > 0
        ? entries
            .filter(
              (e) =>
                (e.streamAliases ?? []).length === 0 || e.streamAliases?.includes('microphone'),
            )
            .map((e) => e.participantId)
        : subs.sessionId === sessionId
          ? members.map((m) => m.id).filter((id) => id !== receiver.id)
          : [];
    for (const publisher of heard)
      if (audio.has(publisher)) pairs.add(`${receiver.id}<${publisher}`);
  }
  return pairs;
}

function packets(view: MediaView): Map<string, number> {
  return new Map(view.forwarded.map((f) => [`${f.receiverId}<${f.publisherId}`, f.packets]));
}

/** Pairs whose packet counts grew over one window, at the gateway and at the device. */
async function observed(): Promise<{ gateway: Set<string>; device: Set<string> }> {
  const before = packets(t.api.control.media());
  const deviceBefore = device.received();
  await sleep(WINDOW_MS);
  const after = packets(t.api.control.media());
  const deviceAfter = device.received();
  const gateway = new Set([...after].filter(([k, n]) => n > (before.get(k) ?? 0)).map(([k]) => k));
  const atDevice = new Set(
    [...deviceAfter]
      .filter(([who, n]) => n > (deviceBefore.get(who) ?? 0))
      .map(([who]) => `${deviceId}<${who}`),
  );
  return { gateway, device: atDevice };
}

async function converge(): Promise<void> {
  const expected = expectedPairs(await t.members(sessionId));
  const forDevice = new Set([...expected].filter((p) => p.startsWith(`${deviceId}<`)));
  const deadline = Date.now() + DEADLINE_MS;
  let last = await observed();
  while (!(same(last.gateway, expected) && same(last.device, forDevice)) && Date.now() < deadline) {
    last = await observed();
  }
  expect([...last.gateway].sort()).toEqual([...expected].sort());
  expect([...last.device].sort()).toEqual([...forDevice].sort());
  expect(device.failures()).toEqual([]);
}

const same = (a: Set<string>, b: Set<string>): boolean =>
  a.size === b.size && [...a].every((x) => b.has(x));

type Change =
  | { kind: 'session'; receiver: number }
  | {
      kind: 'list';
      receiver: number;
      publishers: number[];
      alias: 'none' | 'microphone' | 'screenShare';
    }
  | { kind: 'clear'; receiver: number }
  | { kind: 'rejoin'; who: number };

const change: fc.Arbitrary<Change> = fc.oneof(
  fc.record({ kind: fc.constant('session' as const), receiver: fc.nat(4) }),
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('list' as const),
      receiver: fc.nat(4),
      publishers: fc.uniqueArray(fc.nat(4), { minLength: 1, maxLength: 4 }),
      alias: fc.constantFrom('none' as const, 'microphone' as const, 'screenShare' as const),
    }),
  },
  fc.record({ kind: fc.constant('clear' as const), receiver: fc.nat(4) }),
  fc.record({ kind: fc.constant('rejoin' as const), who: fc.nat(4) }),
);

async function apply(c: Change): Promise<void> {
  const id = (i: number): string => ids[i] ?? '';
  if (c.kind === 'session') await t.subscribe(sessionId, id(c.receiver), { sessionId });
  else if (c.kind === 'clear') await t.subscribe(sessionId, id(c.receiver), {});
  else if (c.kind === 'rejoin') {
    await t.bw('DELETE', `/sessions/${sessionId}/participants/${id(c.who)}`);
    await t.add(sessionId, id(c.who));
  } else {
    const participants = c.publishers
      .filter((p) => p !== c.receiver)
      .map((p) => ({
        participantId: id(p),
        ...(c.alias === 'none' ? {} : { streamAliases: [c.alias] }),
      }));
    await t.subscribe(
      sessionId,
      id(c.receiver),
      participants.length > 0 ? { sessionId, participants } : {},
    );
  }
}

describe('the forwarding unit follows subscriptions', () => {
  it("renegotiates a device's streams as they come, go and come back", async () => {
    const device = 4;
    for (const c of [
      { kind: 'list', receiver: device, publishers: [0, 1], alias: 'none' },
      { kind: 'list', receiver: device, publishers: [0], alias: 'none' },
      { kind: 'list', receiver: device, publishers: [0, 1, 2], alias: 'microphone' },
      { kind: 'clear', receiver: device },
      { kind: 'session', receiver: device },
    ] satisfies Change[]) {
      await apply(c);
      await converge();
    }
  }, 120_000);

  it('converges after every random change, for every receiver', async () => {
    await converge();
    await fc.assert(
      fc.asyncProperty(fc.array(change, { minLength: 8, maxLength: 8 }), async (changes) => {
        for (const c of changes) {
          await apply(c);
          await converge();
        }
      }),
      { numRuns: 3, seed: 20261201, endOnFailure: true },
    );
  }, 240_000);
});
