// The training run as a loop the CLI drives: steps, periodic checkpoints, Ctrl-C, and the
// NaN rule. Kept apart from flag parsing so tests can run it directly.

import type { Cutoff } from '../sampling/cutoff.js';
import { measuredCutoffPaused, modelMeta } from '../train/checkpointMeta.js';
import { pauseForSignals } from './interrupt.js';
import type { DataSource } from '../data/source.js';
import { DATASETS } from '../data/datasets.js';
import { saveModel, saveTrainState } from './checkpointFiles.js';
import type { Progress } from './progress.js';
import type { TrainConfig } from '../train/config.js';
import { Trainer, type TrainerState } from '../train/trainer.js';
import { StopWhenGood, type StopVerdict } from '../train/stopWhenGood.js';
import { median } from '../stats.js';

export interface RunOptions {
  config: TrainConfig;
  data: DataSource;
  dataset: { name: string; file?: string };
  out: string;
  backend: string;
  resumeFrom?: TrainerState;
  progress?: (total: number, start: number) => Progress;
  /** Polled between steps and between blocks of the cut-off measurement; true stops the run after saving (Ctrl-C). */
  interrupted?: () => boolean;
  /** Told when the cut-off measurement (a few seconds) starts. */
  onCutoff?: () => void;
  /** Called after every step (the bench snapshots weights from here). */
  afterStep?: (trainer: Trainer) => void;
}

export interface RunResult {
  trainer: Trainer;
  stoppedEarly: boolean;
  /** Set when --stop-when-good ended the run: at which step and why. */
  stoppedWhenGood?: StopVerdict;
  /** The run was stopped while measuring the cut-off: the checkpoint keeps its recipe's. */
  cutoffSkipped: boolean;
  msPerStep: number;
}

class StopMeasuring extends Error {}

export async function saveCheckpoint(trainer: Trainer, o: RunOptions, cutoff?: Cutoff, stopped?: StopVerdict): Promise<void> {
  // Training state first: if we die between the two writes, model.json is one save behind
  // the state, never ahead of it.
  saveTrainState(o.out, trainer.exportState(), { config: trainer.config, dataset: o.dataset, standardization: o.data.standardization });
  await saveModel(o.out, trainer.ema, modelMeta(trainer, o, cutoff, stopped));
}

export async function trainRun(o: RunOptions): Promise<RunResult> {
  const trainer = new Trainer(o.config, o.data, o.resumeFrom);
  const bar = o.progress?.(o.config.steps, trainer.step);
  const times: number[] = [];
  let stoppedEarly = false;
  let stoppedWhenGood: StopVerdict | undefined;
  const { stopWhenGood: every } = o.config;
  const stopper = every ? new StopWhenGood(every, DATASETS[o.dataset.name]) : undefined;
  try {
    while (trainer.step < o.config.steps) {
      const t0 = performance.now();
      const r = trainer.trainStep();
      times.push(performance.now() - t0);
      bar?.update(trainer.step, { loss: r.loss.toFixed(4) });
      if (trainer.step % o.config.checkpointEvery === 0 && trainer.step < o.config.steps) await saveCheckpoint(trainer, o);
      o.afterStep?.(trainer);
      stoppedWhenGood = stopper?.check(trainer);
      if (stoppedWhenGood) break;
      // Let signal handlers run between steps.
      await pauseForSignals();
      if (o.interrupted?.()) {
        stoppedEarly = true;
        break;
      }
    }
  } finally {
    bar?.stop();
  }
  // The cut-off takes seconds; it is measured in blocks with the signals polled between them,
  // and skipped when the run was stopped (the saved model is unfinished: its recipe's cut-off).
  let cutoff: Cutoff | undefined;
  let cutoffSkipped = stoppedEarly;
  if (!stoppedEarly) {
    if (DATASETS[o.dataset.name]?.modes) o.onCutoff?.();
    try {
      const pause = async () => {
        await pauseForSignals();
        if (o.interrupted?.()) throw new StopMeasuring();
      };
      cutoff = await measuredCutoffPaused(trainer, o, pause, stopper?.measuredAt(trainer.step));
    } catch (e) {
      if (!(e instanceof StopMeasuring)) throw e;
      stoppedEarly = cutoffSkipped = true;
    }
  }
  await saveCheckpoint(trainer, o, cutoff, stoppedWhenGood);
  return { trainer, stoppedEarly, stoppedWhenGood, cutoffSkipped, msPerStep: median(times) };
}
