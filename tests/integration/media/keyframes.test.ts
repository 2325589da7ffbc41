/**
 * Video that a receiver starts to get mid-stream needs a key frame: when a device's video leg goes
 * live, the gateway asks the publishing device for one (RTCP PLI), and audio legs ask nothing.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestApi } from '../../support/local-api';
import type { TestApi } from '../../support/local-api';
import { connectNodeDevice } from '../../support/media/node-device';
import type { NodeDevice } from '../../support/media/node-device';

let t: TestApi;
const devices: NodeDevice[] = [];
afterAll(async () => {
  await Promise.all(devices.map((d) => d.close()));
  await t.close();
});
beforeAll(async () => {
  t = await startTestApi({ media: { addresses: 'loopback' } });
});

it('asks the publisher for a key frame when a receiver starts getting its video, not its audio', async () => {
  const sessionId = (await t.createSession()).id;
  const join = async (): Promise<{ id: string; device: NodeDevice }> => {
    const { participant, token } = await t.createParticipant({
      publishPermissions: ['AUDIO', 'VIDEO'],
    });
    await t.add(sessionId, participant.id);
    const device = await connectNodeDevice(t.api.url, token);
    devices.push(device);
    return { id: participant.id, device };
  };
  const camera = await join();
  const mic = await join();
  const viewer = await join();
  await camera.device.publish('video');
  await mic.device.publish('audio');
  const before = camera.device.keyframeRequests();

  await t.subscribe(sessionId, viewer.id, { sessionId, participants: [{ participantId: mic.id }] });
  await expect
    .poll(() => viewer.device.received().get(mic.id) ?? 0, { timeout: 10_000 })
    .toBeGreaterThan(0);
  expect(mic.device.keyframeRequests()).toBe(0);

  await t.subscribe(sessionId, viewer.id, {
    sessionId,
    participants: [{ participantId: mic.id }, { participantId: camera.id }],
  });
  await expect
    .poll(() => viewer.device.received().get(camera.id) ?? 0, { timeout: 10_000 })
    .toBeGreaterThan(0);
  await expect
    .poll(() => camera.device.keyframeRequests(), { timeout: 5_000 })
    .toBeGreaterThan(before);
}, 40_000);
