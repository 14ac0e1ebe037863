// `npm run bench -- --quick` runs end to end and writes every section of the report.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { meanMetrics, passes, QUALITY_FACTOR, qualityLimit, REFERENCE_FACTOR } from '../scripts/bench/sections/timeToQuality.js';
import { judge, type RecipeRun } from '../scripts/bench/sections/ttq/quality.js';
import { report } from '../scripts/bench/sections/ttq/report.js';

it('the quality bar: each metric within QUALITY_FACTOR × the floor or REFERENCE_FACTOR × the reference model, no further', () => {
  const floor = { mmd: 2e-3, modeError: 0.04 };
  // Without a reference: 1.5 × the floor, 3e-3 and 0.06; the mean of two seeds (2.95e-3, 0.0595) just inside passes.
  const atBar = meanMetrics([{ mmd: 2.8e-3, modeError: 0.05 }, { mmd: 3.1e-3, modeError: 0.069 }]);
  const limit = qualityLimit(floor);
  expect(limit.mmd).toBeCloseTo(QUALITY_FACTOR * 2e-3, 12);
  expect(passes(atBar, limit)).toBe(true);
  expect(passes({ mmd: 3.01e-3, modeError: 0.01 }, limit)).toBe(false);
  expect(passes({ mmd: 1e-4, modeError: 0.0601 }, limit)).toBe(false);
  // A reference worse than the floor widens the bar to 1.25 × its own (MMD² 4e-3 → 5e-3); a better one does not narrow it.
  const widened = qualityLimit(floor, { mmd: 4e-3, modeError: 0.01 });
  expect(widened.mmd).toBeCloseTo(REFERENCE_FACTOR * 4e-3, 12);
  expect(widened.modeError).toBeCloseTo(0.06, 12);
});

it('the one line: to a weights-ready model (stopped by the masses and good by em) against PyTorch\'s 6000 steps, else not reached', () => {
  const floor = { mmd: 1e-3, modeError: 0.04 };
  const limit = qualityLimit(floor);
  const good = { mmd: 1e-3, modeError: 0.04, pass: false };
  const bad = { mmd: 1e-2, modeError: 0.04, pass: false };
  const run = (engine: string, o: Partial<RecipeRun>, score = good): RecipeRun => ({ engine, recipe: 'r', dataset: 'd', checkpoints: [{ step: 3000, trainSeconds: 30, trainCpuSeconds: 29, score: { ...score } }], totalSeconds: 30, ...o });
  const table = (runs: RecipeRun[]) => {
    runs.forEach((r) => judge(r, limit));
    const plan = { datasets: ['d'], recipes: [], torchKnobs: {}, bar: { n: 4000, emSteps: 500, seeds: [1] }, ladderSamplers: [], ladder: [], ladderModels: {}, torch: true };
    return report({ plan, runs, samplers: [], torchEm: [], floors: { d: floor }, limits: { d: { ...limit, reference: 'x' } }, torchNote: '' }).join('\n');
  };
  const torch = run('PyTorch 1.13, 1 thread', { checkpoints: [{ step: 6000, trainSeconds: 55, trainCpuSeconds: 54, score: { ...good } }] });
  expect(table([run('tfjs wasm', { weightsReady: true, stoppedWhenGood: 3000 }), torch])).toContain('to a weights-ready model: 30.0 s (CPU 29.0 s, step 3000) (PyTorch 6000 steps: 55.0 s (CPU 54.0 s))');
  // Masses never at the floor, or em samples off the bar where it stopped: not weights-ready.
  expect(table([run('tfjs wasm', { weightsReady: true }), torch])).toContain('to a weights-ready model: not reached (PyTorch');
  expect(table([run('tfjs wasm', { weightsReady: true, stoppedWhenGood: 3000 }, bad), torch])).toContain('to a weights-ready model: not reached (PyTorch');
  expect(table([run('tfjs wasm', {}), torch])).not.toContain('weights-ready');
});

it('bench --quick writes results.md, results.json and the pictures', async () => {
  const out = mkdtempSync(join(tmpdir(), 'wfr-bench-'));
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/bench.ts', '--quick', '--out', out], { cwd: join(import.meta.dirname, '..') });
  let err = '';
  child.stderr.on('data', (d) => (err += d));
  const code = await new Promise((resolve) => child.on('close', resolve));
  expect(code, err).toBe(0);
  const md = readFileSync(join(out, 'results.md'), 'utf8');
  for (const section of ['Training speed', 'The loop a user runs', 'Would a second core pay', 'Sampling cost', 'Quality vs cost', 'Does the potential know the mass', 'Shipped checkpoints', 'Guidance: the tilted law', 'The MALA corrector against Langevin', 'Time to a good model']) expect(md).toContain(section);
  expect(md).toContain('PyTorch reference: skipped (--quick)');
  expect(md).toContain('wasm threads in Node');
  const json = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8'));
  expect(json.sampling.memory.map((m: { density: string }) => m.density)).toEqual(['binned', 'exact']);
  for (const m of json.sampling.memory) expect(m.tensorGrowth).toBe(0);
  expect(json.timeToQuality.runs[0].checkpoints.length).toBeGreaterThan(0);
  expect(json.training.loop.loopMs).toBeGreaterThan(0);
  expect(json.guidance.map((r: { sampler: string }) => r.sampler)).toEqual(['em', 'fk', 'wfr', 'wfr flat α = 20', 'wfr α = 60']);
  expect(json.correctors.find((r: { corrector: string }) => r.corrector === 'mala').acceptance.mean).toBeGreaterThan(0);
  expect(existsSync(join(out, 'samplers-eight-gaussians-imbalanced.png'))).toBe(true);
  expect(existsSync(join(out, 'error-vs-time-eight-gaussians-imbalanced.png'))).toBe(true);
}, 300_000);
