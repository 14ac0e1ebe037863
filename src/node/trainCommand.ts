// `npm run train` once its flags are parsed: set up (config, data, resume), pick the backend,
// run with Ctrl-C, SIGTERM and SIGHUP saving a checkpoint, then write the loss curve and the run's facts
// (train.json) beside the checkpoint. Returns the exit code.

import { join } from 'node:path';
import { NOISE_LADDER } from '../sampling/cutoff.js';
import { NonFiniteLossError } from '../train/trainer.js';
import { selectBackend, wasmThreads } from './backend.js';
import { writeFileAtomic } from './files.js';
import { SAVING_SIGNALS, watchInterrupt, type SavingSignal } from './interrupt.js';
import { writeLossCurve } from './lossChart.js';
import { progressBar } from './progress.js';
import { trainRun, type RunResult } from './trainRun.js';
import { trainOut, trainSetup, type TrainRequest, type TrainSetup } from './trainSetup.js';
import { acquireLock } from './lock.js';

export interface TrainCommandOptions extends TrainRequest {
  backend: string;
  /** wasm threads (1: the plain build). */
  threads?: number;
  /** Where the run's one-line reports go. */
  log: (line: string) => void;
}

export async function trainCommand(o: TrainCommandOptions): Promise<number> {
  // The output folder is checked and locked before anything else: a second run on it stops here.
  const unlock = acquireLock(trainOut(o), o.log);
  // From here on a signal must not kill the process outright: the lock has to go, and after the
  // first step a checkpoint has to be saved.
  const signal = watchInterrupt((sig) => `${sig === 'SIGINT' ? 'interrupted' : sig}: saving a checkpoint (${sig === 'SIGINT' ? 'Ctrl-C' : sig} again to quit without saving)`);
  try {
    return await locked(o, signal);
  } finally {
    unlock();
  }
}

async function locked(o: TrainCommandOptions, signal: () => SavingSignal | undefined): Promise<number> {
  const setup = trainSetup(o);
  const { config, out, resumeState } = setup;
  const backend = await selectBackend(o.backend, { threads: o.threads });
  o.log(`backend: ${backend}${(await wasmThreads() ?? 1) > 1 ? `, ${await wasmThreads()} threads` : ''}`);
  o.log(
    `${resumeState ? `resuming at step ${resumeState.step} of` : 'training'} ${phasesText(config)} on ${config.dataFile ?? config.dataset}, ` +
      `${config.sde} SDE, MLP ${config.hidden.join('×')}, batch ${config.batch}, seed ${config.seed} → ${out}`,
  );
  if (resumeState && resumeState.step >= config.steps) {
    o.log(`nothing to do: the checkpoint is at step ${resumeState.step}; pass --steps > ${resumeState.step} to continue`);
    return 0;
  }
  const early = signal();
  if (early) {
    o.log(`stopped before the first step (${early}): nothing written`);
    return SAVING_SIGNALS[early];
  }
  const t0 = performance.now();
  const result = await runGuarded(setup, backend, () => signal() !== undefined, o.log);
  const facts = await writeRunOutputs(setup, result, { backend, seconds: (performance.now() - t0) / 1000 });
  if (result.stoppedWhenGood) o.log(`good enough at step ${result.stoppedWhenGood.step} of ${config.steps}: ${result.stoppedWhenGood.reason}`);
  o.log(
    `${result.stoppedEarly ? 'stopped' : 'done'} at step ${facts.step}: ${facts.msPerStepMedian} ms/step (median, ${backend}, batch ${config.batch}), ` +
      `loss ${facts.finalLossMean100.toFixed(4)} (mean of last 100) → ${out}/model.json, loss.png`,
  );
  if (result.cutoffSkipped) {
    o.log(`the weights' cut-off was not measured (the run was stopped): samplers use the recipe's; --resume with more --steps measures it at the end`);
  }
  result.trainer.dispose();
  const sig = signal();
  return result.stoppedEarly && sig ? SAVING_SIGNALS[sig] : 0;
}

/** "11000 steps" or, with a time-score phase, "6000 DSM steps, then 5000 with the time-score term" (and where an early term starts). */
function phasesText(c: TrainSetup['config']): string {
  const p = c.timeScorePhase;
  if (!p) return `${c.steps} steps`;
  const early = c.timeScoreFrom !== undefined ? ` (the time-score term from step ${c.timeScoreFrom})` : '';
  return `${p.start} DSM steps${early}` + (c.steps > p.start ? `, then ${c.steps - p.start} with the time-score term` : '');
}

async function runGuarded({ config, data, out, resumeState }: TrainSetup, backend: string, interrupted: () => boolean, log: (line: string) => void): Promise<RunResult> {
  try {
    return await trainRun({
      config,
      data,
      // From the resolved config: on --resume the checkpoint's dataset, not the flag's default.
      dataset: { name: config.dataset, file: config.dataFile },
      out,
      backend,
      resumeFrom: resumeState,
      progress: (total, start) => progressBar('train', total, start, { loss: '–' }),
      interrupted,
      onCutoff: () => log(`measuring the weights' cut-off (the model's mode masses at ${NOISE_LADDER.length} noise levels)…`),
    });
  } catch (e) {
    if (e instanceof NonFiniteLossError) throw new Error(`${e.message}. The last good checkpoint in ${out} is untouched; try a lower --lr.`);
    throw e;
  }
}

/** loss.csv, loss.png and train.json; returns the facts. */
async function writeRunOutputs({ config, out }: TrainSetup, { trainer, msPerStep, stoppedEarly, stoppedWhenGood }: RunResult, run: { backend: string; seconds: number }) {
  const losses = trainer.losses;
  await writeLossCurve(out, losses, `training loss — ${config.dataFile ?? config.dataset}, ${config.sde}`, config.timeScoreFrom ?? config.timeScorePhase?.start);
  const facts = {
    dataset: config.dataFile ?? config.dataset,
    step: trainer.step,
    seed: config.seed,
    backend: run.backend,
    batch: config.batch,
    msPerStepMedian: Number(msPerStep.toFixed(2)),
    seconds: Number(run.seconds.toFixed(1)),
    finalLossMean100: losses.slice(-100).reduce((a, b) => a + b, 0) / Math.min(100, losses.length),
    stoppedEarly,
    ...(stoppedWhenGood && { stoppedWhenGood }),
  };
  writeFileAtomic(join(out, 'train.json'), JSON.stringify(facts, null, 2) + '\n');
  return facts;
}
