// The checkpoint format, browser-safe: the EMA potential's MLP as a standard TensorFlow.js
// layers model (model.json + weights, loadable by tf.loadLayersModel anywhere) with everything
// a sampler needs in model.json's userDefinedMetadata. File I/O lives in node/checkpointFiles.ts.

import * as tf from '@tensorflow/tfjs';
import type { Standardization } from './data/standardize.js';
import type { EmbeddingConfig } from './model/embedding.js';
import { unflattenParams } from './model/mlp.js';
import { LearnedPotential, type OutputScale } from './model/potential.js';
import { makeSde, type SDE, type SdeParams } from './sde.js';
import type { TrainConfig } from './train/config.js';

export const FORMAT = 'wfr-score/1';

export interface ModelMeta {
  format: typeof FORMAT;
  sde: { name: string; params: SdeParams };
  standardization: Standardization;
  embedding: EmbeddingConfig;
  hidden: number[];
  /** How the MLP enters U (model/potential.ts). */
  outputScale: OutputScale;
  dataset: { name: string; file?: string };
  /** How it was trained: the full config, steps done, and steps with the time-score term on. */
  training: { config: TrainConfig; step: number; timeScoreSteps: number; seed: number };
  backend: string;
  savedAt: string;
}

/** The MLP as a Keras-style Sequential model: inputs [x₁, x₂, emb(t)], SiLU hidden, scalar out. */
export function buildLayersModel(inDim: number, hidden: number[]): tf.Sequential {
  const model = tf.sequential();
  hidden.forEach((units, i) =>
    model.add(tf.layers.dense({ units, activation: 'swish', name: `hidden${i}`, ...(i === 0 ? { inputShape: [inDim] } : {}) })),
  );
  model.add(tf.layers.dense({ units: 1, name: 'out' }));
  return model;
}

/** Serialises weights [k₀, b₀, k₁, b₁, …] and metadata to tfjs model artifacts. */
export async function toArtifacts(params: tf.Tensor[], meta: ModelMeta): Promise<tf.io.ModelArtifacts> {
  const model = buildLayersModel(2 + 2 * meta.embedding.features, meta.hidden);
  try {
    model.setWeights(params);
    // A JSON round trip drops undefined fields, which tfjs rejects as "not a JSON object".
    model.setUserDefinedMetadata(JSON.parse(JSON.stringify({ wfr: meta })));
    let artifacts: tf.io.ModelArtifacts | undefined;
    await model.save(
      tf.io.withSaveHandler(async (a) => {
        artifacts = a;
        return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
      }),
    );
    return artifacts!;
  } finally {
    model.dispose();
  }
}

/** model.json text for artifacts whose weights are stored at `weightsPath` (relative). */
export function modelJsonText(a: tf.io.ModelArtifacts, weightsPath: string): string {
  return JSON.stringify({
    format: 'layers-model',
    generatedBy: a.generatedBy,
    convertedBy: null,
    modelTopology: a.modelTopology,
    weightsManifest: [{ paths: [weightsPath], weights: a.weightSpecs }],
    userDefinedMetadata: a.userDefinedMetadata,
  });
}

export function readMeta(model: tf.LayersModel, source: string): ModelMeta {
  const meta = (model.getUserDefinedMetadata() as { wfr?: ModelMeta } | undefined)?.wfr;
  if (!meta || meta.format !== FORMAT) {
    throw new Error(`${source}: not a ${FORMAT} checkpoint (model.json has no wfr metadata)`);
  }
  return meta;
}

/** Weighting stops below this t for potentials trained by DSM alone (design §5). */
export const DSM_T_OFF = 0.2;
/**
 * ... and below this t for time-score-trained ones. Not 0: measured on the shipped fine-tuned
 * checkpoints (wfr, 20 steps, N = 2000, 3 seeds), t_off = 0 gave mode-weight error 0.077 / 0.037
 * (eight-gaussians-imbalanced / double-well) against 0.037 / 0.010 for any t_off in [0.01, 0.05]:
 * the last, coarse step crosses t < 0.01, where even these potentials' masses are off.
 */
export const TIME_SCORE_T_OFF = 0.02;

/** Default t_off from how the models were trained: 0.02 if every one had the time-score term, else 0.2. */
export function defaultTOff(metas: ModelMeta[]): number {
  return metas.every((m) => m.training.timeScoreSteps > 0) ? TIME_SCORE_T_OFF : DSM_T_OFF;
}

export interface LoadedModel {
  meta: ModelMeta;
  sde: SDE;
  potential: LearnedPotential;
  /** The weights the potential uses; dispose when done. */
  weights: tf.Tensor[];
}

/** Turns a loaded layers model into a potential (the layers model itself can be disposed). */
export function potentialFromLayersModel(model: tf.LayersModel, source: string): LoadedModel {
  const meta = readMeta(model, source);
  const weights = model.getWeights().map((w) => w.clone());
  const sde = makeSde(meta.sde.name, meta.sde.params);
  const potential = new LearnedPotential({ params: unflattenParams(weights), embedding: meta.embedding, sde, outputScale: meta.outputScale ?? 'sigma' });
  return { meta, sde, weights, potential };
}

/** Loads a checkpoint over HTTP (browser) by the standard tfjs loader. */
export async function loadModelFromUrl(url: string): Promise<LoadedModel> {
  const model = await tf.loadLayersModel(url);
  try {
    return potentialFromLayersModel(model, url);
  } finally {
    model.dispose();
  }
}
