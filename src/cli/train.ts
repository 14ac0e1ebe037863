// `npm run train`: flags → TrainConfig (or the checkpoint's config on --resume), then the run,
// then the loss curve (CSV + picture) and run facts beside the checkpoint.

import { existsSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { DATASET_NAMES } from '../data/datasets.js';
import { parsePointsCsv } from '../data/csv.js';
import { builtinSource, pointsSource, type DataSource } from '../data/source.js';
import { SDE_NAMES } from '../sde.js';
import { DEFAULT_TRAIN_CONFIG, validateTrainConfig, type TrainConfig } from '../train/config.js';
import { NonFiniteLossError } from '../train/trainer.js';
import { BACKENDS, selectBackend } from '../node/backend.js';
import { loadTrainState } from '../node/checkpointFiles.js';
import { writeFileAtomic } from '../node/files.js';
import { lineSpec, renderChart } from '../node/plot.js';
import { progressBar } from '../node/progress.js';
import { trainRun } from '../node/trainRun.js';
import { cli, explicitFlags, run, UsageError } from './common.js';

const D = DEFAULT_TRAIN_CONFIG;
/** Flags a resumed run may change; everything else comes from the checkpoint. */
const RESUMABLE = new Set(['resume', 'out', 'steps', 'timeScoreWeight', 'checkpointEvery', 'backend', 'lr', 'lrFinal', 'force']);

run(async () => {
  const argv = await cli('train')
    .usage('$0 --dataset NAME [options]\n\nTrain a learned-potential score model by denoising score matching.')
    .options({
      dataset: { type: 'string', desc: `built-in dataset: ${DATASET_NAMES.join(', ')}`, default: D.dataset },
      data: { type: 'string', desc: 'your own 2D data: CSV with a header row and two numeric columns' },
      sde: { type: 'string', desc: `forward SDE: ${SDE_NAMES.join(', ')}`, default: D.sde },
      'beta-min': { type: 'number', desc: 'VP/sub-VP β₀ (default 0.1)' },
      'beta-max': { type: 'number', desc: 'VP/sub-VP β₁ (default 20)' },
      'sigma-min': { type: 'number', desc: 'VE σ_min, standardised units (default 0.01)' },
      'sigma-max': { type: 'number', desc: 'VE σ_max, standardised units (default 4)' },
      hidden: { type: 'string', desc: 'hidden widths, comma-separated', default: D.hidden.join(',') },
      features: { type: 'number', desc: 'Fourier time frequencies', default: D.embedding.features },
      'output-scale': { type: 'string', desc: 'MLP enters U as is (none) or divided by σ_t (sigma)', default: D.outputScale },
      'freq-max': { type: 'number', desc: 'highest time frequency', default: D.embedding.freqMax },
      steps: { type: 'number', desc: 'total training steps', default: D.steps },
      batch: { type: 'number', desc: 'batch size', default: D.batch },
      lr: { type: 'number', desc: 'peak learning rate (warm-up, then cosine decay); on --resume, starts a new phase', default: D.lr },
      'lr-final': { type: 'number', desc: 'final learning rate as a fraction of --lr', default: D.lrFinalFraction },
      ema: { type: 'number', desc: 'EMA decay cap', default: D.emaMax },
      weighting: { type: 'string', desc: 'DSM weighting: sigma2 | likelihood', default: D.weighting },
      'time-score-weight': { type: 'number', desc: 'μ of the time-score term (0 = off)', default: D.timeScoreWeight },
      seed: { type: 'number', desc: 'seed of every random stream', default: D.seed },
      out: { type: 'string', desc: 'checkpoint directory (default out/models/<dataset>)' },
      resume: { type: 'boolean', desc: 'continue the run saved in --out', default: false },
      force: { type: 'boolean', desc: 'replace a checkpoint already in --out', default: false },
      'checkpoint-every': { type: 'number', desc: 'save every N steps', default: D.checkpointEvery },
      backend: { type: 'string', desc: `TensorFlow.js backend: ${BACKENDS.join(' | ')}`, default: 'auto' },
    })
    .parseAsync();

  const datasetName = argv.data ? 'csv' : argv.dataset;
  const out = argv.out ?? join('out', 'models', argv.data ? basename(argv.data).replace(/\.csv$/i, '') : argv.dataset);
  if (!argv.resume && !argv.force && (existsSync(join(out, 'model.json')) || existsSync(join(out, 'state.bin')))) {
    throw new UsageError(`${out} already holds a checkpoint: --resume continues it, --force replaces it, --out writes elsewhere`);
  }
  let config: TrainConfig;
  let resumeState;
  if (argv.resume) {
    const typed = explicitFlags();
    const fixed = [...typed].filter((f) => !RESUMABLE.has(f));
    if (fixed.length) throw new UsageError(`--${fixed[0]} cannot change on --resume: the checkpoint in ${out} fixes it`);
    const { state, header } = loadTrainState(out);
    const saved = header.config as TrainConfig;
    const newPhase = typed.has('lr') || typed.has('lrFinal');
    config = {
      ...saved,
      // A fine-tune with its own learning rate: a fresh warm-up + cosine from the resume step.
      ...(newPhase && { lr: argv.lr, lrFinalFraction: argv['lr-final'], phaseStart: state.step }),
      steps: typed.has('steps') ? argv.steps : saved.steps,
      timeScoreWeight: typed.has('timeScoreWeight') ? argv['time-score-weight'] : saved.timeScoreWeight,
      checkpointEvery: typed.has('checkpointEvery') ? argv['checkpoint-every'] : saved.checkpointEvery,
    };
    resumeState = state;
  } else {
    config = {
      ...D,
      dataset: datasetName,
      dataFile: argv.data,
      sde: argv.sde,
      sdeParams: {
        ...(argv['beta-min'] !== undefined && { betaMin: argv['beta-min'] }),
        ...(argv['beta-max'] !== undefined && { betaMax: argv['beta-max'] }),
        ...(argv['sigma-min'] !== undefined && { sigmaMin: argv['sigma-min'] }),
        ...(argv['sigma-max'] !== undefined && { sigmaMax: argv['sigma-max'] }),
      },
      hidden: argv.hidden.split(',').map(Number),
      embedding: { ...D.embedding, features: argv.features, freqMax: argv['freq-max'] },
      outputScale: argv['output-scale'] as TrainConfig['outputScale'],
      steps: argv.steps,
      batch: argv.batch,
      lr: argv.lr,
      lrFinalFraction: argv['lr-final'],
      emaMax: argv.ema,
      weighting: argv.weighting as TrainConfig['weighting'],
      timeScoreWeight: argv['time-score-weight'],
      seed: argv.seed,
      checkpointEvery: argv['checkpoint-every'],
    };
  }
  validateTrainConfig(config);
  const data: DataSource = config.dataFile
    ? pointsSource(config.dataFile, parsePointsCsv(readFileSync(config.dataFile, 'utf8'), config.dataFile))
    : builtinSource(config.dataset);

  const backend = await selectBackend(argv.backend);
  console.log(`backend: ${backend}`);
  console.log(
    `${resumeState ? `resuming at step ${resumeState.step} of` : 'training'} ${config.steps} steps on ${config.dataFile ?? config.dataset}, ` +
      `${config.sde} SDE, MLP ${config.hidden.join('×')}, batch ${config.batch}, seed ${config.seed} → ${out}`,
  );
  if (resumeState && resumeState.step >= config.steps) {
    console.log(`nothing to do: the checkpoint is at step ${resumeState.step}; pass --steps > ${resumeState.step} to continue`);
    return 0;
  }

  let interrupted = false;
  process.on('SIGINT', () => {
    if (interrupted) process.exit(130);
    interrupted = true;
    process.stderr.write('\ninterrupted: saving a checkpoint (Ctrl-C again to quit without saving)\n');
  });
  const t0 = performance.now();
  let result;
  try {
    result = await trainRun({
      config,
      data,
      // From the resolved config: on --resume the checkpoint's dataset, not the flag's default.
      dataset: { name: config.dataset, file: config.dataFile },
      out,
      backend,
      resumeFrom: resumeState,
      progress: (total, start) => progressBar('train', total, start, { loss: '–' }),
      interrupted: () => interrupted,
    });
  } catch (e) {
    if (e instanceof NonFiniteLossError) {
      throw new Error(`${e.message}. The last good checkpoint in ${out} is untouched; try a lower --lr.`);
    }
    throw e;
  }
  const { trainer, msPerStep, stoppedEarly } = result;
  const seconds = (performance.now() - t0) / 1000;

  const losses = trainer.losses;
  writeFileAtomic(join(out, 'loss.csv'), 'step,loss\n' + losses.map((l, i) => `${i + 1},${l}`).join('\n') + '\n');
  const smooth: number[] = [];
  const every = Math.max(1, Math.floor(losses.length / 400));
  let ema = losses[0];
  const xs: number[] = [];
  losses.forEach((l, i) => {
    ema = i === 0 ? l : 0.98 * ema + 0.02 * l;
    if (i % every === 0) {
      xs.push(i + 1);
      smooth.push(ema);
    }
  });
  await renderChart(
    lineSpec([{ name: 'DSM loss (EMA 0.98)', x: xs, y: smooth }], {
      title: `training loss — ${config.dataFile ?? config.dataset}, ${config.sde}`,
      xTitle: 'step',
      yTitle: 'loss',
      logY: true,
    }),
    join(out, 'loss.png'),
  );
  const facts = {
    dataset: config.dataFile ?? config.dataset,
    step: trainer.step,
    seed: config.seed,
    backend,
    batch: config.batch,
    msPerStepMedian: Number(msPerStep.toFixed(2)),
    seconds: Number(seconds.toFixed(1)),
    finalLossMean100: losses.slice(-100).reduce((a, b) => a + b, 0) / Math.min(100, losses.length),
    stoppedEarly,
  };
  writeFileAtomic(join(out, 'train.json'), JSON.stringify(facts, null, 2) + '\n');
  console.log(
    `${stoppedEarly ? 'stopped' : 'done'} at step ${trainer.step}: ${facts.msPerStepMedian} ms/step (median, ${backend}, batch ${config.batch}), ` +
      `loss ${facts.finalLossMean100.toFixed(4)} (mean of last 100) → ${out}/model.json, loss.png`,
  );
  trainer.dispose();
  return stoppedEarly ? 130 : 0;
});
