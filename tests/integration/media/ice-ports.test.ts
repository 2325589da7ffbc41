/**
 * The gateway's fixed ICE port range: sized for `maxDevices` devices with two connections each,
 * every candidate inside it, a device beyond the limit refused with a reason, and the ports of a
 * device that leaves released (connect and leave again and again in a range with no spare room).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { portRangeFor } from '../../../src-main/local-api/media/ice-options';
import { startTestApi } from '../../support/local-api';
import type { TestApi } from '../../support/local-api';
import { connectNodeDevice } from '../../support/media/node-device';

const FIRST = 46_160;
const [LOW, HIGH] = portRangeFor(FIRST, 1);
let t: TestApi;

beforeAll(async () => {
  t = await startTestApi({ media: { addresses: 'loopback', maxDevices: 1, firstIcePort: FIRST } });
});
afterAll(() => t.close());

const candidatePorts = (sdp: string): number[] =>
  [...sdp.matchAll(/^a=candidate:\S+ \d+ udp \d+ \S+ (\d+) typ/gm)].map((m) => Number(m[1]));

describe('ICE ports', () => {
  it('are sized for two connections per device', () => {
    expect([LOW, HIGH]).toEqual([FIRST, FIRST + 2 * 4 - 1]);
  });

  it('stay in the range, refuse a device beyond the limit, and are released when a device leaves', async () => {
    const sessionId = (await t.createSession()).id;
    const listener = await t.createParticipant({ publishPermissions: ['AUDIO'] });
    await t.add(sessionId, listener.participant.id, { sessionId });
    // Each round holds both connections' sockets: without release the range runs dry by round 3.
    for (let round = 0; round < 4; round += 1) {
      const device = await connectNodeDevice(t.api.url, listener.token);
      await device.publish();
      await expect.poll(() => device.lastOffer(), { timeout: 10_000 }).toContain('a=candidate');
      const ports = candidatePorts(device.lastOffer());
      expect(ports.length).toBeGreaterThan(0);
      for (const port of ports) {
        expect(port).toBeGreaterThanOrEqual(LOW);
        expect(port).toBeLessThanOrEqual(HIGH);
      }
      if (round === 0) {
        const other = await t.createParticipant();
        const refused = new WebSocket(
          `${t.api.url.replace('http', 'ws')}/v3/?token=${other.token}`,
        );
        const reason = await new Promise<string>((resolve) =>
          refused.once('close', (_code, why) => resolve(why.toString())),
        );
        expect(reason).toBe('gateway full: too many devices connected to this local API');
      }
      await device.close();
      await expect
        .poll(() => t.api.media.device(listener.participant.id), { timeout: 5_000 })
        .toBeUndefined();
    }
  }, 60_000);
});
