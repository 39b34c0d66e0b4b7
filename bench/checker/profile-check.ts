/**
 * Profiling aid: warm 2,000-word checks against one generated database, printing the CPU median.
 *   npx tsx --cpu-prof --cpu-prof-dir=/tmp/prof bench/checker/profile-check.ts [size] [runs]
 */

import { checkDraft } from '../../packages/checker/src/check.ts';
import { draft2kFor, openBenchDatabase } from './build-db.ts';

const size = Number(process.argv[2] ?? 1_000_000);
const runs = Number(process.argv[3] ?? 200);
const store = await openBenchDatabase(size);
const text = draft2kFor(size);
for (let i = 0; i < 10; i++) await checkDraft(text, store);
const cpu: number[] = [];
const wall: number[] = [];
for (let i = 0; i < runs; i++) {
  const c = process.cpuUsage();
  const t = performance.now();
  await checkDraft(text, store);
  wall.push(performance.now() - t);
  const u = process.cpuUsage(c);
  cpu.push((u.user + u.system) / 1000);
}
const median = (xs: number[]) =>
  [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]?.toFixed(2);
const p99 = (xs: number[]) =>
  [...xs].sort((a, b) => a - b)[Math.floor(xs.length * 0.99)]?.toFixed(2);
console.log(
  `size ${size}: wall p50 ${median(wall)} p99 ${p99(wall)} ms, CPU p50 ${median(cpu)} ms`,
);
await store.close();
