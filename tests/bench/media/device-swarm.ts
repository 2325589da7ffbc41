/**
 * Bench helper, run as its own process so that its WebRTC work is not counted against the local
 * API: connects one Node device per token given on argv (JSON `{apiUrl, tokens}`), prints `ready`,
 * then every second prints the packets received so far, until SIGTERM.
 */
import { connectNodeDevice } from '../../support/media/node-device';
import type { NodeDevice } from '../../support/media/node-device';

const { apiUrl, tokens } = JSON.parse(process.argv[2] ?? '{}') as {
  apiUrl: string;
  tokens: string[];
};
const devices: NodeDevice[] = [];
for (const token of tokens) devices.push(await connectNodeDevice(apiUrl, token));
console.log('ready');
const timer = setInterval(() => {
  const total = devices.reduce(
    (sum, d) => sum + [...d.received().values()].reduce((a, b) => a + b, 0),
    0,
  );
  console.log(`received ${total}`);
}, 1000);
process.on('SIGTERM', () => {
  clearInterval(timer);
  void Promise.allSettled(devices.map((d) => d.close())).then(() => process.exit(0));
});
