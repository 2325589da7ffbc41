/** `npx tsx tests/bench/floor/run-floor.ts`: the floor's part of `npm run bench` alone. */
import { section } from '../support/table';
import { benchFloor, printFloor } from './bench-floor';

const quick = process.env['BENCH_QUICK'] === '1';
const figures = await benchFloor({ calls: 200, alerted: 10, windowMs: quick ? 10_000 : 60_000 });
console.log(section('7. The floor (200 calls; requests to Bandwidth)'));
console.log(printFloor(figures));
