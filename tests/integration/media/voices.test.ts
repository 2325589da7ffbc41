/**
 * Simulated voices in the demo: on by default with the demo seed and the simulation, off with
 * `voices: false` (the CLI's --no-voices); every member who may publish audio speaks, and
 * `GET /_local/media` shows the packets reaching each simulated receiver and who is talking.
 */
import { describe, expect, it } from 'vitest';
import type { MediaView } from '../../../src-main/local-api/media/forwarder';
import { startTestApi } from '../../support/local-api';

const SLOW = { tickMs: 3_600_000 };

describe('simulated voices', () => {
  it('speak in the simulated demo by default, every audio member to its subscribers', async () => {
    const t = await startTestApi({ seed: 'demo', simulate: SLOW });
    try {
      expect(t.api.media.voices).toBe(true);
      await t.api.media.voicesReady();
      const state = t.api.control.state();
      const audio = state.participants.filter((p) => p.publishPermissions.includes('AUDIO'));
      const members = new Set(state.sessions.flatMap((s) => s.participantIds));
      await expect
        .poll(
          async () => {
            const view = (await t.raw('GET', '/_local/media')).body as MediaView;
            return {
              speakers: new Set(view.publishers.map((p) => p.participantId)).size,
              talking: view.publishers.some((p) => (p.level ?? 0) > 0.05),
              // Each demo customer hears its agent: packets reach every customer's sink.
              customersReached: state.sessions.every((s) =>
                view.forwarded.some((f) => f.receiverId === s.participantIds[0] && f.packets > 0),
              ),
            };
          },
          { timeout: 10_000, interval: 200 },
        )
        .toEqual({
          speakers: audio.filter((p) => members.has(p.id)).length,
          talking: true,
          customersReached: true,
        });
    } finally {
      await t.close();
    }
  });

  it('stay silent with voices: false, and without the simulation', async () => {
    for (const options of [
      { seed: 'demo' as const, simulate: SLOW, voices: false },
      { seed: 'demo' as const },
    ]) {
      const t = await startTestApi(options);
      try {
        expect(t.api.media.voices).toBe(false);
        expect((await t.raw('GET', '/_local/media')).body).toEqual({
          forwarded: [],
          publishers: [],
        });
      } finally {
        await t.close();
      }
    }
  });
});
