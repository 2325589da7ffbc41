/** `npx tsx tests/bench/media/run-media.ts`: the media plane's part of `npm run bench` alone. */
import { section } from '../support/table';
import { benchMedia, printMedia } from './bench-media';

const quick = process.env['BENCH_QUICK'] === '1';
const figures = await benchMedia(
  { calls: 20, windowMs: quick ? 3_000 : 10_000, realReceivers: 5, toggles: quick ? 3 : 10 },
  (line) => void process.stderr.write(`${line}\n`),
);
console.log(section('6. Media plane (local API)'));
console.log(printMedia(figures));
