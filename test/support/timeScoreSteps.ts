// A few time-score-phase steps of a small trainer: each loss finite and no tensor left behind
// (shared by the tests of the time-score targets).
import * as tf from '@tensorflow/tfjs';
import { expect } from 'vitest';
import { builtinSource } from '../../src/data/source.js';
import type { TrainConfig } from '../../src/train/config.js';
import { Trainer } from '../../src/train/trainer.js';

/** Two warm-up steps, then three steps checked for a finite time-score loss and an unchanged tensor count. */
export function expectTimeScoreStepsLeakFree(cfg: TrainConfig): void {
  const tr = new Trainer(cfg, builtinSource(cfg.dataset));
  tr.trainStep();
  tr.trainStep();
  const before = tf.memory().numTensors;
  for (let i = 0; i < 3; i++) expect(Number.isFinite(tr.trainStep().timeScore)).toBe(true);
  expect(tf.memory().numTensors).toBe(before);
  tr.dispose();
}
