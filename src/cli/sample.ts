// `npm run sample`: load one checkpoint (or several: a product of experts), run a sampler,
// write the samples CSV (data units), a JSON report beside it and a scatter picture.
// Everything the sampler needs (SDE, standardisation, how the model was trained) comes from
// the checkpoint; flags only choose the sampler and its knobs.

import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { LoadedModel } from '../checkpoint.js';
import { formatSamplesCsv, parsePointsCsv } from '../data/csv.js';
import type { Points } from '../data/datasets.js';
import { modeWeightError, modeWeights, modesCovered, annealedModeWeights } from '../metrics/modes.js';
import { SAMPLERS } from '../sampling/samplers.js';
import { median } from '../stats.js';
import { BACKENDS, selectBackend } from '../node/backend.js';
import { generate, loadModels } from '../node/generate.js';
import { writeFileAtomic } from '../node/files.js';
import { renderChart, scatterSpec } from '../node/plot.js';
import { progressBar } from '../node/progress.js';
import { cli, run, UsageError } from './common.js';
import { SAMPLER_FLAGS, sampleOptionsFrom } from './samplerFlags.js';


run(async () => {
  const argv = await cli('sample')
    .usage('$0 [--model DIR]... [--sampler NAME] [options]\n\nGenerate from a checkpoint; two or more --model give their product.')
    .options({
      ...SAMPLER_FLAGS,
      out: { type: 'string', desc: 'samples CSV (default out/<model>-<sampler>.csv); a .json report goes beside it' },
      plot: { type: 'string', desc: 'scatter picture (.png or .svg; default beside --out)' },
      'no-plot': { type: 'boolean', default: false, desc: 'skip the picture' },
      backend: { type: 'string', default: 'auto', desc: `TensorFlow.js backend: ${BACKENDS.join(' | ')}` },
    })
    .parseAsync();

  const backend = await selectBackend(argv.backend);
  console.log(`backend: ${backend}`);
  const loaded = await loadModels([...argv.model]);
  const { base } = loaded;
  const name = argv.model.map((m) => basename(m.replace(/\/$/, ''))).join('+');
  const out = argv.out ?? join('out', `${name}-${argv.sampler}.csv`);
  if (!out.endsWith('.csv')) throw new UsageError(`--out must name a .csv file, got ${out}`);
  const weighted = SAMPLERS[argv.sampler].weights !== 'none' || argv.corrector === 'wfr';
  const tOff = argv['t-off'] ?? loaded.defaultTOff;

  console.log(
    `${argv.sampler} on ${name}: N = ${argv.n}, ${argv.steps} steps, seed ${argv.seed}` +
      (weighted ? `, β = ${argv.beta}, α = ${argv.alpha}, t_off = ${tOff}` : ''),
  );
  const bar = argv.steps * argv.n >= 20_000 ? progressBar('sample', argv.steps, 0, { ESS: '–' }) : undefined;
  const t0 = performance.now();
  let generated;
  try {
    generated = await generate(loaded, {
      ...sampleOptionsFrom(argv),
      tOff,
      onStep: bar && ((s) => bar.update(s.step, { ESS: s.ess.toFixed(0) })),
    });
  } finally {
    bar?.stop();
  }
  const { points, result } = generated;
  const seconds = (performance.now() - t0) / 1000;
  for (const w of result.warnings) console.warn(`warning: ${w}`);

  const modes = loaded.dataset?.modes;
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
  loaded.dispose();
});

/** The data behind the samples, faint in the picture: the shipped reference CSV or the training file. */
function referencePoints(m: LoadedModel): Points | undefined {
  const file = m.meta.dataset.file ?? join(dirname(new URL(import.meta.url).pathname), '../../data', `${m.meta.dataset.name}.csv`);
  if (!existsSync(file)) return undefined;
  return parsePointsCsv(readFileSync(file, 'utf8'), file);
}
