/** The web host's frame limit (MAX_FRAME_BYTES): a frame at it is answered, a larger one ends the socket. */
import { describe, expect, it } from 'vitest';
import { MAX_FRAME_BYTES } from '../../../src-main/shared/ws-protocol';
import { openBridge } from '../../support/reliability/web-host';
import { useClockedHosts } from './clocked-hosts';

const start = useClockedHosts();

/** An invoke frame padded to `bytes` bytes (ASCII, so characters are bytes). */
function frameOf(bytes: number): string {
  const bare = (pad: string): string =>
    JSON.stringify({ type: 'invoke', id: 7, name: 'profiles:list', input: { pad } });
  return bare('x'.repeat(bytes - bare('').length));
}

describe('the web host frame limit', () => {
  it('answers a frame of MAX_FRAME_BYTES and closes the socket on a larger one (1009)', async () => {
    const bridge = await openBridge(await start());
    const closed = new Promise<number>((resolve) => bridge.socket.once('close', resolve));

    const atLimit = frameOf(MAX_FRAME_BYTES);
    expect(Buffer.byteLength(atLimit)).toBe(MAX_FRAME_BYTES);
    expect(await bridge.raw(atLimit)).toMatchObject({
      type: 'result',
      id: 7,
      result: { ok: false, error: { code: 'invalid-input' } },
    });

    expect(await bridge.raw(frameOf(MAX_FRAME_BYTES + 1))).toBeNull();
    expect(await closed).toBe(1009);
  });
});
