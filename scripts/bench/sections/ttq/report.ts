// Time to quality, the results page's tables: time to a good model per engine and recipe, and
// from a loaded checkpoint to good samples per sampler, each against PyTorch on one thread.

import { fmt } from '../../context.js';
import type { SamplerToGood } from './ladder.js';
import type { TtqPlan } from './plan.js';
import { QUALITY_FACTOR, REFERENCE_FACTOR, type Metrics, type RecipeRun } from './quality.js';
import type { TorchEm } from './torch.js';

export function report(o: {
  plan: TtqPlan;
  runs: RecipeRun[];
  samplers: SamplerToGood[];
  torchEm: TorchEm[];
  floors: Record<string, Metrics>;
  limits: Record<string, Metrics & { reference: string }>;
  torchNote: string;
}): string[] {
  const { plan, runs, samplers, torchEm, floors, limits, torchNote } = o;
  const { n, emSteps, seeds } = plan.bar;
  const s = (v?: number) => (v === undefined ? '—' : v.toFixed(1));
  const torch1 = (ds: string) => runs.find((r) => r.dataset === ds && r.engine.startsWith('PyTorch') && r.engine.endsWith(' 1 thread'));
  const ready = runs.filter((r) => r.weightsReady).map((r) => {
    // Weights-ready: stopped by the masses at the floor, and its em samples at the bar there.
    const t1 = torch1(r.dataset);
    const x = r.stoppedWhenGood !== undefined && r.secondsToGood !== undefined ? `${s(r.secondsToGood)} s (CPU ${s(r.cpuToGood)} s, step ${r.stoppedWhenGood})` : 'not reached';
    const y = t1?.secondsToGood !== undefined ? `${s(t1.secondsToGood)} s (CPU ${s(t1.cpuToGood)} s)` : t1 ? 'not good' : 'not run';
    return `- ${r.dataset}, ${r.recipe}: **to a weights-ready model: ${x} (PyTorch 6000 steps: ${y})**`;
  });
  const md = [
    `### Time to a good model and to good samples (N = ${n}, em K = ${emSteps}, ${seeds.length} seed${seeds.length > 1 ? 's' : ''}; good: mean MMD² and mode-weight error each ≤ ${QUALITY_FACTOR}× the floor or ≤ ${REFERENCE_FACTOR}× the reference model's)`,
    '',
    ...Object.entries(limits).map(([d, l]) => `- ${d}: floor MMD² ${fmt(floors[d].mmd)}, mode-weight error ${fmt(floors[d].modeError)}; reference ${l.reference}; good means MMD² ≤ ${fmt(l.mmd)} and mode-weight error ≤ ${fmt(l.modeError)}.`),
    '',
    ...(ready.length ? [...ready, ''] : []),
    torchNote + ' Training wall-clock from the first step; ours is the real loop (`trainRun`: data, step, EMA, progress bar, checkpoints, and at the end the saved checkpoint and the cut-off measurement), PyTorch the training loop of its script. Both engines\' samples are scored by this project\'s metrics (PyTorch\'s read from CSV). CPU seconds are each process\'s own (all its threads): on a machine shared with other work they show what the run cost when wall-clock shows how long it waited.',
    '',
    '| dataset | engine | recipe | seconds to good (step) | CPU seconds to good | seconds, whole run | × PyTorch 1 thread (wall / CPU) | MMD² / floor, last | mode error / floor, last | measured cut-off ν (mass error at ν = 0.174, 0.0774) |',
    '|---|---|---|---|---|---|---|---|---|---|',
    ...runs.map((r) => {
      const last = r.checkpoints[r.checkpoints.length - 1].score;
      const t1 = torch1(r.dataset);
      const ratio = t1?.secondsToGood !== undefined && r.secondsToGood !== undefined ? `${(r.secondsToGood / t1.secondsToGood).toFixed(2)}× / ${(r.cpuToGood! / t1.cpuToGood!).toFixed(2)}×` : '—';
      const f = floors[r.dataset];
      const massAt = (nu: number) => r.cutoff?.masses?.find((m) => m.noise === nu)?.error.toFixed(3) ?? '—';
      const cut = r.cutoff ? `${r.cutoff.noise} (${massAt(0.174)}, ${massAt(0.0774)})` : '—';
      return `| ${r.dataset} | ${r.engine} | ${r.recipe} | ${r.secondsToGood === undefined ? 'not reached' : `${s(r.secondsToGood)} (${r.stepsToGood})`} | ${s(r.cpuToGood)} | ${s(r.totalSeconds)} | ${ratio} | ${(last.mmd / f.mmd).toFixed(2)} | ${(last.modeError / f.modeError).toFixed(2)} | ${cut} |`;
    }),
    '',
  ];
  if (!samplers.length) return md;
  md.push(
    `From a loaded checkpoint to good samples: for each sampler the smallest K of {${plan.ladder.join(', ')}} that passes, and the median wall-clock of loading plus sampling${torchEm.length ? '; PyTorch em at K = ' + emSteps + ' from its loaded checkpoint beside it' : ''}.`,
    '',
    '| dataset | checkpoint | sampler | K | seconds | CPU seconds | MMD² / floor | mode error / floor | × PyTorch em K = ' + emSteps + ' (1 thread; wall / CPU) |',
    '|---|---|---|---|---|---|---|---|---|',
    ...samplers.map((r) => {
      const ref = torchEm.find((t) => t.dataset === r.dataset && t.engine.endsWith(' 1 thread'));
      const f = floors[r.dataset];
      const k = r.score?.pass ? String(r.steps) : `none up to ${r.steps}`;
      const ratio = ref && r.score?.pass && r.seconds !== undefined ? `${(r.seconds / ref.seconds).toFixed(2)}× / ${(r.cpuSeconds! / ref.cpuSeconds).toFixed(2)}×` : '—';
      return `| ${r.dataset} | ${r.model} | ${r.sampler} | ${k} | ${s(r.seconds)} | ${s(r.cpuSeconds)} | ${r.score ? (r.score.mmd / f.mmd).toFixed(2) : '—'} | ${r.score ? (r.score.modeError / f.modeError).toFixed(2) : '—'} | ${ratio} |`;
    }),
    ...torchEm.map((t) => `| ${t.dataset} | PyTorch, 3×128, 6000 DSM steps | em (${t.engine.replace(/^PyTorch \S+, /, '')}) | ${emSteps} | ${t.seconds.toFixed(1)} | ${t.cpuSeconds.toFixed(1)} | | | |`),
    '',
  );
  const one = torchEm.find((t) => t.engine.endsWith(' 1 thread'));
  if (one) md.push(`PyTorch's [1024,128]·[128,128] product: ${one.matmulMs.toFixed(2)} ms on one thread (its BLAS; the wasm one is in the single-op table).`, '');
  return md;
}
