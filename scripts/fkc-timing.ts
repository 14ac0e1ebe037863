// Times the FKC metrics at the benchmark's size (10,000 vs 10,000) on a 40-mode mixture over
// [−40, 40]², for a perfect sampler (the floor), one mode at twice its mass, and a collapse onto
// 5 modes. Prints wall and CPU seconds and the load.
// Run: npx tsx scripts/fkc-timing.ts [n] [case…] [--no-ot]  (cases: floor, one, 5)
import { loadavg } from 'node:os';
import { solveAssignment } from '../src/metrics/assignment.js';
import { fkcMmd, fkcMmdSelfTerm, fkcTv } from '../src/metrics/fkc.js';
import { Rng } from '../src/rng.js';

const n = Number(process.argv[2] ?? 10_000);
const noOt = process.argv.includes('--no-ot');
const only = process.argv.slice(3).filter((a) => a !== '--no-ot');
const meansRng = new Rng(0, 'fkc-timing-means');
const means = Array.from({ length: 40 }, () => [80 * meansRng.uniform() - 40, 80 * meansRng.uniform() - 40]);

function draw(weights: number[], seed: number): Float64Array {
  const rng = new Rng(seed, 'fkc-timing');
  const total = weights.reduce((s, w) => s + w, 0);
  const p = new Float64Array(2 * n);
  for (let i = 0; i < n; i++) {
    let [u, m] = [rng.uniform() * total, 0];
    while (m < weights.length - 1 && u >= weights[m]) u -= weights[m++];
    p[2 * i] = means[m][0] + 1.228 * rng.normal();
    p[2 * i + 1] = means[m][1] + 1.228 * rng.normal();
  }
  return p;
}

function timed<T>(f: () => T): { value: T; wall: number; cpu: number } {
  const [t0, c0] = [performance.now(), process.cpuUsage()];
  const value = f();
  const c = process.cpuUsage(c0);
  return { value, wall: (performance.now() - t0) / 1000, cpu: (c.user + c.system) / 1e6 };
}

const even = means.map(() => 1);
const ref = draw(even, 1);
const cases: [string, number[]][] = [
  ['floor', even],
  ['one mode 2x', even.map((w, k) => (k === 0 ? 2 : w))],
  ['5 modes only', even.map((_, k) => (k < 5 ? 1 : 0))],
];
const s = (t: { wall: number; cpu: number }) => `${t.wall.toFixed(1)} s (cpu ${t.cpu.toFixed(1)} s)`;
console.log(`n = ${n}, load ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
const yy = timed(() => fkcMmdSelfTerm(ref));
console.log(`MMD reference self-term: ${s(yy)}`);
for (const [name, weights] of cases) {
  if (only.length && !only.some((o) => name.startsWith(o))) continue;
  const x = draw(weights, 2);
  for (const kind of noOt ? [] : (['euclidean', 'squared'] as const)) {
    const r = timed(() => solveAssignment(x, ref, kind));
    const w = kind === 'squared' ? Math.sqrt(r.value.cost) : r.value.cost;
    console.log(`${name}: ${kind === 'squared' ? 'W2' : 'W1'} ${w.toFixed(4)} gap ${r.value.gap.toExponential(1)}, ${r.value.bids} bids: ${s(r)}, rss ${(process.memoryUsage().rss / 1e6).toFixed(0)} MB`);
  }
  const m = timed(() => fkcMmd(x, ref, { yy: yy.value }));
  const tv = timed(() => fkcTv(x, ref));
  console.log(`${name}: MMD ${m.value.toFixed(5)} ${s(m)}; TV ${tv.value.toFixed(3)} ${s(tv)}; load ${loadavg()[0].toFixed(2)}`);
}
