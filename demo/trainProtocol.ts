// The messages between the page and its training worker (demo/trainWorker.ts).

import type { Piece } from '../src/config/settingsError.js';
import type { TrainKnobValues } from '../src/train/config.js';
import type { BackendInfo } from './backend.js';

/** The data to train on: a built-in law (fresh exact draws), or points (drawn or from a CSV), with classes or without. */
export type TrainData =
  | { kind: 'builtin'; name: string }
  /** `labelled`: each point's class and the class names, for conditional training. */
  | { kind: 'points'; name: string; file?: string; points: Float32Array; labelled?: { labels: Int32Array; names: string[] } };

export type ToWorker =
  | { type: 'start'; values: Partial<TrainKnobValues>; data: TrainData; backend?: string | null; threads?: number; previewEvery: number }
  | { type: 'pause' }
  | { type: 'resume' }
  | { type: 'stop' };

export interface LossPoint {
  step: number;
  loss: number;
  dsm: number;
}

export interface TrainedCheckpoint {
  /** model.json text and its one weights file, exactly as `npm run train` writes them. */
  modelJson: string;
  weightsName: string;
  weights: ArrayBuffer;
}

export type FromWorker =
  | { type: 'backend'; backend: BackendInfo }
  | { type: 'started'; total: number; dsmSteps: number; /** The step from which the time-score term is in the loss (total: never). */ termFrom: number }
  | { type: 'progress'; losses: LossPoint[]; msPerStep: number }
  | { type: 'preview'; step: number; points: Float32Array }
  | { type: 'paused'; paused: boolean }
  | { type: 'finishing'; step: number }
  | { type: 'done'; step: number; stopped: boolean; stoppedWhenGood?: { step: number; reason: string }; msPerStep: number; tensorsLeft: number; checkpoint: TrainedCheckpoint }
  /** `pieces`: the error about settings in pieces, for the page to word (src/config/settingsError.ts). */
  | { type: 'error'; message: string; pieces?: Piece[] };
