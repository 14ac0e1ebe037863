// `npm run train` once its flags are parsed: set up (config, data, resume), pick the backend,
// run with Ctrl-C, SIGTERM and SIGHUP saving a checkpoint, then write the loss curve and the run's facts
// (train.json) beside the checkpoint. Returns the exit code.

import { join } from 'node:path';
import { NonFiniteLossError } from '../train/trainer.js';
import { selectBackend, wasmThreads } from './backend.js';
import { writeFileAtomic } from './files.js';
import { SAVING_SIGNALS, watchInterrupt } from './interrupt.js';
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
  try {
    return await locked(o);
  } finally {
    unlock();
  }
}

async function locked(o: TrainCommandOptions): Promise<number> {
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
  const signal = watchInterrupt((sig) => `${sig === 'SIGINT' ? 'interrupted' : sig}: saving a checkpoint (${sig === 'SIGINT' ? 'Ctrl-C' : sig} again to quit without saving)`);
  const t0 = performance.now();
  const result = await runGuarded(setup, backend, () => signal() !== undefined);
  const facts = await writeRunOutputs(setup, result, { backend, seconds: (performance.now() - t0) / 1000 });
  if (result.stoppedWhenGood) o.log(`good enough at step ${result.stoppedWhenGood.step} of ${config.steps}: ${result.stoppedWhenGood.reason}`);
  o.log(
    `${result.stoppedEarly ? 'stopped' : 'done'} at step ${facts.step}: ${facts.msPerStepMedian} ms/step (median, ${backend}, batch ${config.batch}), ` +
      `loss ${facts.finalLossMean100.toFixed(4)} (mean of last 100) → ${out}/model.json, loss.png`,
  );
  result.trainer.dispose();
  const sig = signal();
  return result.stoppedEarly && sig ? SAVING_SIGNALS[sig] : 0;
}

/** "11000 steps" or, with a time-score phase, "6000 DSM steps, then 5000 with the time-score term". */
function phasesText(c: TrainSetup['config']): string {
  const p = c.timeScorePhase;
  return p ? `${p.start} DSM steps, then ${c.steps - p.start} with the time-score term` : `${c.steps} steps`;
}

async function runGuarded({ config, data, out, resumeState }: TrainSetup, backend: string, interrupted: () => boolean): Promise<RunResult> {
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
    });
  } catch (e) {
    if (e instanceof NonFiniteLossError) throw new Error(`${e.message}. The last good checkpoint in ${out} is untouched; try a lower --lr.`);
    throw e;
  }
}

/** loss.csv, loss.png and train.json; returns the facts. */
async function writeRunOutputs({ config, out }: TrainSetup, { trainer, msPerStep, stoppedEarly, stoppedWhenGood }: RunResult, run: { backend: string; seconds: number }) {
  const losses = trainer.losses;
  await writeLossCurve(out, losses, `training loss — ${config.dataFile ?? config.dataset}, ${config.sde}`, config.timeScorePhase?.start);
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
