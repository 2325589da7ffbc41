/**
 * What a browser test needs to join the local media plane exactly as a console page will: the
 * official SDK (`@bandwidth/webrtc-browser`) bundled for the page with esbuild, a generated WAV for
 * Chromium's fake microphone, and Chromium's flags for fake devices and loopback ICE.
 */
import { writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { build } from 'esbuild';

/** The SDK as one script that sets `globalThis.BandwidthRtc`. */
export async function sdkBundle(): Promise<string> {
  const result = await build({
    stdin: {
      contents:
        "import BandwidthRtc from '@bandwidth/webrtc-browser'; globalThis.BandwidthRtc = BandwidthRtc;",
      resolveDir: process.cwd(),
    },
    bundle: true,
    platform: 'browser',
    format: 'iife',
    write: false,
    // The SDK imports Node's `events`; its own socket client already ships eventemitter3.
    alias: { events: 'eventemitter3' },
    define: { global: 'globalThis' },
    logLevel: 'error',
  });
  const file = result.outputFiles[0];
  if (file === undefined) throw new Error('esbuild produced no SDK bundle');
  return file.text;
}

/** A 48 kHz mono 16-bit WAV: a 330 Hz tone at amplitude 0.5 (Chromium loops it). */
export async function writeToneWav(path: string, seconds = 4): Promise<void> {
  const rate = 48_000;
  const samples = rate * seconds;
  const data = Buffer.alloc(samples * 2);
  for (let i = 0; i < samples; i += 1) {
    data.writeInt16LE(Math.round(0.5 * 32767 * Math.sin((2 * Math.PI * 330 * i) / rate)), i * 2);
  }
  const header = Buffer.alloc(44);
  header.write('RIFF', 0);
  header.writeUInt32LE(36 + data.length, 4);
  header.write('WAVE', 8);
  header.write('fmt ', 12);
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20);
  header.writeUInt16LE(1, 22);
  header.writeUInt32LE(rate, 24);
  header.writeUInt32LE(rate * 2, 28);
  header.writeUInt16LE(2, 32);
  header.writeUInt16LE(16, 34);
  header.write('data', 36);
  header.writeUInt32LE(data.length, 40);
  await writeFile(path, Buffer.concat([header, data]));
}

/** Chromium flags for a media test: fake devices fed by `wav`, loopback ICE, autoplay. */
export function mediaChromiumFlags(wav: string): string[] {
  return [
    '--use-fake-device-for-media-stream',
    '--use-fake-ui-for-media-stream',
    `--use-file-for-fake-audio-capture=${wav}`,
    '--allow-loopback-in-peer-connection',
    '--autoplay-policy=no-user-gesture-required',
  ];
}

/**
 * The test page's own script (runs in the page after the SDK): joins with a token, publishes the
 * fake microphone under the alias `microphone`, plays every received stream and measures its level
 * per publishing participant with WebAudio.
 */
export const PAGE_SCRIPT = `
window.media = (() => {
  const ctx = new AudioContext();
  const analysers = new Map();
  const available = [];
  const rtc = new BandwidthRtc('warn');
  rtc.onStreamAvailable((stream) => {
    available.push(stream.participantId);
    const audio = new Audio();
    audio.srcObject = stream.mediaStream;
    audio.muted = true;
    audio.play().catch(() => {});
    const source = ctx.createMediaStreamSource(stream.mediaStream);
    const analyser = ctx.createAnalyser();
    analyser.fftSize = 2048;
    source.connect(analyser);
    analysers.set(stream.participantId, { analyser, streamId: stream.endpointId });
  });
  rtc.onStreamUnavailable((streamId) => {
    for (const [id, entry] of analysers) if (entry.streamId === streamId) analysers.delete(id);
  });
  return {
    async join(token, websocketUrl) {
      await ctx.resume();
      await rtc.connect({ deviceToken: token }, { websocketUrl });
      // No voice processing: noise suppression would treat the steady test tone as noise.
      const audio = { echoCancellation: false, noiseSuppression: false, autoGainControl: false };
      await rtc.publish({ audio, video: false }, undefined, 'microphone');
    },
    /** Peak level per publishing participant over the last ~40 ms. */
    levels() {
      const out = {};
      const buffer = new Float32Array(2048);
      for (const [id, { analyser }] of analysers) {
        analyser.getFloatTimeDomainData(buffer);
        let peak = 0;
        for (const v of buffer) peak = Math.max(peak, Math.abs(v));
        out[id] = peak;
      }
      return out;
    },
    available: () => [...available],
    leave: () => rtc.disconnect(),
  };
})();
`;

/** Serves the device page (SDK + page script) on a free loopback port; resolves to its URL. */
export async function serveDevicePage(): Promise<{ url: string; close(): Promise<void> }> {
  const html = `<!doctype html><meta charset="utf-8"><title>device</title><script>${await sdkBundle()}</script><script>${PAGE_SCRIPT}</script>`;
  const server = createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    response.end(html);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/device`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
