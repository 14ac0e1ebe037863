// `npm run sample`: load one checkpoint (or several: a product of experts), run a sampler,
// write the samples CSV (data units), a JSON report beside it and a scatter picture.
// Everything the sampler needs (SDE, standardisation, how the model was trained) comes from
// the checkpoint; flags only choose the sampler and its knobs.

import * as tf from '@tensorflow/tfjs';
import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { LoadedModel } from '../checkpoint.js';
import { formatSamplesCsv, parsePointsCsv } from '../data/csv.js';
import { DATASETS, type Points } from '../data/datasets.js';
import { unstandardize } from '../data/standardize.js';
import { modeWeightError, modeWeights, modesCovered, annealedModeWeights } from '../metrics/modes.js';
import { SumPotential } from '../model/potential.js';
import { GRID_KINDS, type GridKind } from '../sampling/grid.js';
import { RESAMPLER_NAMES } from '../sampling/resample.js';
import { sample } from '../sampling/sample.js';
import { CORRECTORS, SAMPLER_NAMES, SAMPLERS, type Corrector } from '../sampling/samplers.js';
import { BACKENDS, selectBackend } from '../node/backend.js';
import { loadModel } from '../node/checkpointFiles.js';
import { writeFileAtomic } from '../node/files.js';
import { renderChart, scatterSpec } from '../node/plot.js';
import { progressBar } from '../node/progress.js';
import { cli, run, UsageError } from './common.js';

export const DEFAULT_MODEL = 'models/eight-gaussians-imbalanced';
/** Weighting stops below this t for potentials trained by DSM alone (design §5). */
export const DSM_T_OFF = 0.2;

run(async () => {
  const argv = await cli('sample')
    .usage('$0 [--model DIR]... [--sampler NAME] [options]\n\nGenerate from a checkpoint; two or more --model give their product.')
    .options({
      model: { type: 'string', array: true, desc: 'checkpoint directory (repeat for a product of experts)', default: [DEFAULT_MODEL] },
      sampler: { type: 'string', choices: SAMPLER_NAMES, default: 'wfr', desc: SAMPLER_NAMES.map((k) => `${k}: ${SAMPLERS[k].description}`).join('; ') },
      steps: { type: 'number', default: 100, desc: 'time steps from t = 1 to t_min' },
      n: { type: 'number', default: 4000, desc: 'number of particles' },
      seed: { type: 'number', default: 0, desc: 'seed of every random stream' },
      out: { type: 'string', desc: 'samples CSV (default out/<model>-<sampler>.csv); a .json report goes beside it' },
      plot: { type: 'string', desc: 'scatter picture (.png or .svg; default beside --out)' },
      'no-plot': { type: 'boolean', default: false, desc: 'skip the picture' },
      'keep-weights': { type: 'boolean', default: false, desc: 'write the weight column instead of a final resample' },
      beta: { type: 'number', default: 1, desc: 'sample the annealed p^β (drift uses the β-scaled score)' },
      alpha: { type: 'number', default: 20, desc: 'Fisher–Rao reaction rate of wfr' },
      'b-min': { type: 'number', default: 0.1, desc: 'floor of the kernel width of ρ̂ (standardised units)' },
      't-off': { type: 'number', desc: `weights act only for t ≥ t-off (default 0 for time-score-trained models, ${DSM_T_OFF} otherwise)` },
      't-min': { type: 'number', desc: "where sampling stops (default: the SDE's)" },
      grid: { type: 'string', choices: GRID_KINDS, default: 'uniform', desc: 'time grid' },
      resampler: { type: 'string', choices: RESAMPLER_NAMES, default: 'systematic' },
      'ess-threshold': { type: 'number', default: 0.5, desc: 'resample when ESS < threshold·N' },
      corrector: { type: 'string', choices: CORRECTORS, desc: "override the sampler's corrector" },
      snr: { type: 'number', default: 0.16, desc: 'signal-to-noise ratio of corrector steps' },
      backend: { type: 'string', default: 'auto', desc: `TensorFlow.js backend: ${BACKENDS.join(' | ')}` },
    })
    .parseAsync();

  const backend = await selectBackend(argv.backend);
  console.log(`backend: ${backend}`);
  const models: LoadedModel[] = [];
  for (const m of argv.model) models.push(await loadModel(m));
  checkProduct(models, argv.model);
  const base = models[0];
  const trainedOnTime = models.every((m) => m.meta.training.timeScoreSteps > 0);
  const tOff = argv['t-off'] ?? (trainedOnTime ? 0 : DSM_T_OFF);
  const name = argv.model.map((m) => basename(m.replace(/\/$/, ''))).join('+');
  const out = argv.out ?? join('out', `${name}-${argv.sampler}.csv`);
  if (!out.endsWith('.csv')) throw new UsageError(`--out must name a .csv file, got ${out}`);
  const potential = models.length === 1 ? base.potential : new SumPotential(models.map((m) => m.potential));

  console.log(
    `${argv.sampler} on ${name}: N = ${argv.n}, ${argv.steps} steps, seed ${argv.seed}` +
      (SAMPLERS[argv.sampler].weights !== 'none' ? `, β = ${argv.beta}, α = ${argv.alpha}, t_off = ${tOff}` : ''),
  );
  const bar = argv.steps * argv.n >= 20_000 ? progressBar('sample', argv.steps, 0, { ESS: '–' }) : undefined;
  const t0 = performance.now();
  let result;
  try {
    result = await sample({
      potential,
      sde: base.sde,
      sampler: argv.sampler,
      n: argv.n,
      steps: argv.steps,
      seed: argv.seed,
      tMin: argv['t-min'],
      grid: argv.grid as GridKind,
      beta: argv.beta,
      alpha: argv.alpha,
      bMin: argv['b-min'],
      tOff,
      resampler: argv.resampler,
      essThreshold: argv['ess-threshold'],
      corrector: argv.corrector as Corrector | undefined,
      snr: argv.snr,
      keepWeights: argv['keep-weights'],
      onStep: bar && ((s) => bar.update(s.step, { ESS: s.ess.toFixed(0) })),
    });
  } finally {
    bar?.stop();
  }
  const seconds = (performance.now() - t0) / 1000;
  for (const w of result.warnings) console.warn(`warning: ${w}`);

  const points = unstandardize(result.points, base.meta.standardization);
  const dataset = DATASETS[base.meta.dataset.name];
  const modes = models.length === 1 && dataset?.modes;
  const report: Record<string, unknown> = {
    models: argv.model,
    dataset: base.meta.dataset,
    sampler: argv.sampler,
    settings: {
      n: argv.n, steps: argv.steps, seed: argv.seed, beta: argv.beta, alpha: argv.alpha, bMin: argv['b-min'], tOff,
      tMin: argv['t-min'] ?? base.sde.tMin, grid: argv.grid, resampler: argv.resampler, essThreshold: argv['ess-threshold'],
      corrector: argv.corrector ?? SAMPLERS[argv.sampler].corrector, snr: argv.snr, keepWeights: argv['keep-weights'],
    },
    backend,
    seconds: Number(seconds.toFixed(3)),
    msPerStepMedian: median(result.msPerStep),
    resampleCount: result.resampleCount,
    distinctAncestors: result.distinctAncestors,
    warnings: result.warnings,
    trace: result.trace,
  };
  let subtitle = '';
  if (modes) {
    const target = annealedModeWeights(modes.weights, argv.beta);
    const est = modeWeights(points, modes, result.weights);
    const err = modeWeightError(est, target);
    report.modes = { names: modes.names, target, estimated: est, error: err, covered: modesCovered(est, target) };
    subtitle = `mode-weight error ${err.toFixed(3)}`;
    console.log(`mode weights: ${est.map((w) => w.toFixed(3)).join(' ')} (target ${target.map((w) => w.toFixed(3)).join(' ')}); error Σ|ŵ−π| = ${err.toFixed(4)}`);
  }
  writeFileAtomic(out, formatSamplesCsv(points, result.weights));
  writeFileAtomic(out.replace(/\.csv$/, '.json'), JSON.stringify(report, null, 2) + '\n');
  const plot = argv['no-plot'] ? undefined : argv.plot ?? out.replace(/\.csv$/, '.png');
  if (plot) {
    await renderChart(
      scatterSpec([{ title: `${argv.sampler}, ${argv.steps} steps`, subtitle, points, weights: result.weights }], {
        reference: referencePoints(base),
        title: name,
      }),
      plot,
    );
  }
  console.log(
    `wrote ${out} (${argv.n} samples${result.weights ? ', weighted' : ''}), ${out.replace(/\.csv$/, '.json')}${plot ? `, ${plot}` : ''} ` +
      `in ${seconds.toFixed(1)} s (${median(result.msPerStep).toFixed(1)} ms/step median)` +
      (result.resampleCount ? `; ${result.resampleCount} resamplings, ${result.distinctAncestors} distinct ancestors` : ''),
  );
  models.forEach((m) => tf.dispose(m.weights));
});

function checkProduct(models: LoadedModel[], paths: string[]): void {
  const a = models[0].meta;
  models.slice(1).forEach((m, i) => {
    const b = m.meta;
    const where = `incompatible models in a product: ${paths[0]} and ${paths[i + 1]}`;
    if (a.sde.name !== b.sde.name || JSON.stringify(a.sde.params) !== JSON.stringify(b.sde.params)) {
      throw new UsageError(`${where} use different SDEs (${a.sde.name} ${JSON.stringify(a.sde.params)} vs ${b.sde.name} ${JSON.stringify(b.sde.params)})`);
    }
    const sa = a.standardization;
    const sb = b.standardization;
    if (Math.abs(sa.scale - sb.scale) > 1e-6 * sa.scale || sa.mean.some((v, k) => Math.abs(v - sb.mean[k]) > 1e-6 * sa.scale)) {
      throw new UsageError(`${where} standardise their data differently, so their potentials live in different coordinates`);
    }
  });
}

/** The data behind the samples, faint in the picture: the shipped reference CSV or the training file. */
function referencePoints(m: LoadedModel): Points | undefined {
  const file = m.meta.dataset.file ?? join(dirname(new URL(import.meta.url).pathname), '../../data', `${m.meta.dataset.name}.csv`);
  if (!existsSync(file)) return undefined;
  return parsePointsCsv(readFileSync(file, 'utf8'), file);
}

function median(v: number[]): number {
  const s = v.slice().sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? NaN;
}
