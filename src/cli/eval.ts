// `npm run eval`: score a samples file (or sample a checkpoint and score that) against the
// dataset's law or your own data, every metric next to its floor and marked with which way is
// better; `--potential-masses` reports the mode masses of the model's own density exp(−U(·, t)).

import { DATASET_NAMES } from '../data/datasets.js';
import { formatMetricTable } from '../metrics/report.js';
import { BACKEND_KNOBS, selectBackend } from '../node/backend.js';
import { evalFkc, evalModel, evalPotentialMasses, evalSamplesFile, type EvalReport } from '../node/evalCommand.js';
import { checkOutFile, writeFileAtomic } from '../node/files.js';
import { massesSpec } from '../node/massesChart.js';
import { picturePath } from '../node/pictureLibraries.js';
import { renderChart } from '../node/plot.js';
import { backendFromArgv, yargsOptions } from './flags.js';
import { cli, explicitFlags, run, say, UsageError } from './common.js';
import { checkReferenceSeed, checkSamplerFlagsUsed, checkSamplesFileFlags, checkSdeFlagsUsed } from './flagUse.js';
import { EVAL_EXAMPLES } from './examples.js';
import { exactOptionsFrom, guidanceFrom, lambdasFrom, SAMPLER_FLAGS, sampleSettingsFrom } from './samplerFlags.js';

run(async () => {
  const argv = await cli('eval')
    .usage('$0 --samples FILE.csv (--dataset NAME | --product A,B | --data REF.csv) [--beta B]\n$0 --model DIR [--model DIR …] [sampler options]\n$0 --model DIR --potential-masses')
    .epilogue(
      'Scores samples with MMD², energy distance, sliced W2, k-NN precision/recall and, for datasets with modes, ' +
        'the mode-weight error — each next to its floor (the same metric between two independent draws of the data). ' +
        'Writes the numbers as JSON.',
    )
    .example(EVAL_EXAMPLES.map(([line, what]) => [`$0 ${line}`, what]))
    .options({
      samples: { type: 'string', desc: 'samples CSV (header x,y or x,y,weight)' },
      dataset: { type: 'string', choices: DATASET_NAMES, desc: 'built-in dataset whose law the samples should follow' },
      product: { type: 'string', desc: 'with --samples: score against the exact product of these built-in mixtures, comma-separated (e.g. blobs-x,blobs-y)' },
      data: { type: 'string', desc: 'your own reference data (CSV: a header row and two numeric columns)' },
      ...SAMPLER_FLAGS,
      'potential-masses': { type: 'boolean', default: false, desc: 'mode masses of exp(−U(·,t)) against the exact p_t, at several t' },
      fkc: { type: 'boolean', default: false, desc: 'with --samples, --dataset (a mixture) and an integer --beta: the FKC benchmark\'s W1, W2, MMD, TV and energy-W2 against exact draws of p^β, with floors (docs/fkc.md)' },
      json: { type: 'string', desc: 'where to write the JSON report (default beside the samples, or out/<model>-eval.json)' },
      plot: { type: 'string', desc: 'picture of the potential-mass errors over t (with --potential-masses)' },
      'reference-seed': { type: 'number', default: 0, desc: 'seed of the reference and floor draws' },
      ...yargsOptions(BACKEND_KNOBS),
    })
    .parseAsync();

  const typed = explicitFlags();
  if (argv.samples && typed.has('model')) throw new UsageError('give --samples or --model, not both');
  if (argv.samples && argv.lambda !== undefined) throw new UsageError('--lambda weighs the --model factors of a product; with --samples use --product A,B (exponents 1) or --beta');
  if (!argv.samples && (argv.product !== undefined || argv.dataset !== undefined || argv.data !== undefined)) {
    throw new UsageError('--dataset, --product and --data go with --samples; with --model the target comes from the checkpoints');
  }
  checkReferenceSeed(argv['reference-seed']);
  const log = say;
  const json = argv.json ?? (argv.samples ? argv.samples.replace(/\.csv$/, '') + '.eval.json' : `out/${argv.model.map((m) => m.replace(/\/$/, '').split('/').pop()).join('+')}-eval.json`);
  // Output paths are checked before any scoring or sampling.
  checkOutFile(json, '--json');
  if (argv.plot !== undefined) {
    checkOutFile(argv.plot, '--plot', ['.png', '.svg']);
    await picturePath(argv.plot, true, log);
  }
  let r: EvalReport;
  if (argv.fkc) {
    if (!argv.samples || !argv.dataset) throw new UsageError('--fkc scores a samples file: give --samples FILE.csv and --dataset NAME (a built-in mixture), and --beta for p^β');
    const f = evalFkc({ samples: argv.samples, dataset: argv.dataset, beta: sampleSettingsFrom(argv).beta ?? 1, referenceSeed: argv['reference-seed'], log });
    console.log('metric      value    floor');
    for (const k of ['w1', 'w2', 'mmd', 'tv', 'energyW2'] as const) console.log(`${k.padEnd(10)} ${f.value[k]!.toFixed(4).padStart(8)} ${f.floor[k]!.toFixed(4).padStart(8)}`);
    writeFileAtomic(json, JSON.stringify(f.report, null, 2) + '\n');
    say(`wrote ${json}`);
    return;
  }
  const guidance = guidanceFrom(argv);
  if (guidance && (argv.samples || argv['potential-masses'])) throw new UsageError('--class and --guidance choose the target of a --model run; with --samples or --potential-masses they mean nothing');
  if (argv.samples) {
    checkSamplesFileFlags(typed);
    const product = argv.product === undefined ? undefined : String(argv.product).split(',');
    product?.forEach((n) => {
      if (!DATASET_NAMES.includes(n)) throw new UsageError(`--product: unknown dataset '${n}'; valid names: ${DATASET_NAMES.join(', ')}`);
    });
    r = evalSamplesFile({ samples: argv.samples, dataset: argv.dataset, product, data: argv.data, beta: sampleSettingsFrom(argv).beta, referenceSeed: argv['reference-seed'], log });
  } else {
    const settings = sampleSettingsFrom(argv);
    checkSamplerFlagsUsed(settings, typed);
    checkSdeFlagsUsed(argv.sde as string | undefined, typed);
    const exact = exactOptionsFrom(argv);
    const backend = await selectBackend(backendFromArgv(argv).backend, { threads: backendFromArgv(argv).threads });
    r = argv['potential-masses']
      ? await evalPotentialMasses({ models: [...argv.model], exact, backend })
      : await evalModel({ models: [...argv.model], lambdas: lambdasFrom(argv), exact, guidance, settings, referenceSeed: argv['reference-seed'], backend, log });
  }
  if (r.rows) console.log(formatMetricTable(r.rows));
  if (r.masses) {
    console.log('t        error   model masses → exact');
    for (const m of r.masses) console.log(`${String(m.t).padEnd(8)} ${m.error.toFixed(4)}  ${m.model.map((v) => v.toFixed(3)).join(' ')} → ${m.exact.map((v) => v.toFixed(3)).join(' ')}`);
    if (argv.plot) {
      const spec = massesSpec({ masses: r.masses, title: `mode masses of exp(−U(·,t)) — ${argv.model.join(' ')}`, cutoff: r.cutoff });
      await renderChart(spec, argv.plot);
    }
  }
  writeFileAtomic(json, JSON.stringify(r.report, null, 2) + '\n');
  say(`wrote ${json}`);
});
