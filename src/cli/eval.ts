// `npm run eval`: score a samples file (or sample a checkpoint and score that) against the
// dataset's law, every number next to its floor; `--potential-masses` reports the mode masses
// of the model's own density exp(−U(·, t)) against the exact p_t (the diagnostic behind t_off).

import { readFileSync } from 'node:fs';
import { DATASET_NAMES, getDataset } from '../data/datasets.js';
import { parseSamplesCsv } from '../data/csv.js';
import { formatMetricTable, evaluateSamples, type MetricRow } from '../metrics/report.js';
import { massErrors, MASS_TIMES, type MassReport } from '../metrics/potentialMasses.js';
import { BACKENDS, selectBackend } from '../node/backend.js';
import { writeFileAtomic } from '../node/files.js';
import { generate, loadModels } from '../node/generate.js';
import { lineSpec, renderChart } from '../node/plot.js';
import { cli, explicitFlags, run, UsageError } from './common.js';
import { SAMPLER_FLAGS, sampleOptionsFrom } from './samplerFlags.js';

run(async () => {
  const argv = await cli('eval')
    .usage('$0 --samples FILE.csv --dataset NAME\n$0 --model DIR [sampler options]\n$0 --model DIR --potential-masses\n\nScore samples against a dataset; every metric is printed next to its floor.')
    .options({
      samples: { type: 'string', desc: 'samples CSV (header x,y or x,y,weight)' },
      dataset: { type: 'string', desc: `dataset the samples should follow: ${DATASET_NAMES.join(', ')}` },
      ...SAMPLER_FLAGS,
      'potential-masses': { type: 'boolean', default: false, desc: 'mode masses of exp(−U(·,t)) against the exact p_t, at several t' },
      json: { type: 'string', desc: 'where to write the JSON report (default beside the samples, or out/<model>-eval.json)' },
      plot: { type: 'string', desc: 'picture of the potential-mass errors over t (with --potential-masses)' },
      'reference-seed': { type: 'number', default: 0, desc: 'seed of the reference and floor draws' },
      backend: { type: 'string', default: 'auto', desc: `TensorFlow.js backend: ${BACKENDS.join(' | ')}` },
    })
    .parseAsync();

  const typed = explicitFlags();
  if (argv.samples && typed.has('model')) throw new UsageError('give --samples or --model, not both');
  const useModel = !argv.samples;
  let rows: MetricRow[] | undefined;
  let masses: MassReport[] | undefined;
  const report: Record<string, unknown> = {};

  if (!useModel) {
    if (!argv.dataset) throw new UsageError('--samples needs --dataset NAME (the law to score against)');
    const dataset = getDataset(argv.dataset);
    const { points, weights } = parseSamplesCsv(readFileSync(argv.samples!, 'utf8'), argv.samples!);
    rows = evaluateSamples({ points, weights }, dataset, { seed: argv['reference-seed'] });
    Object.assign(report, { samples: argv.samples, dataset: argv.dataset, n: points.length / 2, weighted: !!weights });
  } else {
    const backend = await selectBackend(argv.backend);
    const loaded = await loadModels([...argv.model]);
    const dataset = loaded.dataset;
    Object.assign(report, { models: argv.model, dataset: loaded.base.meta.dataset.name, backend });
    if (argv['potential-masses']) {
      if (!dataset?.modes) throw new UsageError(`--potential-masses needs a single model of a dataset with modes, not ${loaded.base.meta.dataset.name}`);
      masses = massErrors(loaded.potential, dataset, loaded.base.sde, loaded.base.meta.standardization, MASS_TIMES);
      report.potentialMasses = masses;
    } else {
      const g = await generate(loaded, sampleOptionsFrom(argv));
      rows = evaluateSamples({ points: g.points, weights: g.result.weights }, dataset, { seed: argv['reference-seed'], beta: argv.beta, reference: undefined });
      Object.assign(report, { sampler: argv.sampler, steps: argv.steps, n: argv.n, seed: argv.seed, tOff: g.tOff, beta: argv.beta });
    }
    loaded.dispose();
  }

  if (rows) {
    console.log(formatMetricTable(rows));
    report.metrics = rows;
  }
  if (masses) {
    console.log('t        error   model masses → exact');
    for (const m of masses) {
      console.log(`${String(m.t).padEnd(8)} ${m.error.toFixed(4)}  ${m.model.map((v) => v.toFixed(3)).join(' ')} → ${m.exact.map((v) => v.toFixed(3)).join(' ')}`);
    }
    if (argv.plot) {
      await renderChart(
        lineSpec([{ name: 'Σ|mass − exact|', x: masses.map((m) => m.t), y: masses.map((m) => Math.max(m.error, 1e-4)) }], {
          title: `mode masses of exp(−U(·,t)) — ${argv.model.join(' ')}`,
          xTitle: 't',
          yTitle: 'mode-mass error',
          logX: true,
          logY: true,
          points: true,
        }),
        argv.plot,
      );
    }
  }
  const json = argv.json ?? (argv.samples ? argv.samples.replace(/\.csv$/, '') + '.eval.json' : `out/${argv.model.map((m) => m.replace(/\/$/, '').split('/').pop()).join('+')}-eval.json`);
  writeFileAtomic(json, JSON.stringify(report, null, 2) + '\n');
  console.log(`wrote ${json}`);
});
