// The checkpoint format, browser-safe: the EMA potential's MLP as a standard TensorFlow.js
// layers model (model.json + weights, loadable by tf.loadLayersModel anywhere) with everything
// a sampler needs in model.json's userDefinedMetadata. File I/O lives in node/checkpointFiles.ts.

import * as tf from '@tensorflow/tfjs';
import { unflattenParams } from './model/mlp.js';
import { LearnedPotential } from './model/potential.js';
import { MetaError, parseMeta, type ModelMeta } from './checkpointSchema.js';
import { makeSde, type SDE } from './sde.js';

export { FORMAT, FORMAT_VERSION, type ModelMeta } from './checkpointSchema.js';

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
  return parseMeta((model.getUserDefinedMetadata() as { wfr?: unknown } | undefined)?.wfr, source);
}

/** The weights must have the shapes the metadata's architecture implies, and be finite. */
function checkWeights(weights: tf.Tensor[], meta: ModelMeta, source: string): void {
  const sizes = [2 + 2 * meta.embedding.features, ...meta.hidden, 1];
  const expected = sizes.slice(1).flatMap((out, i) => [[sizes[i], out], [out]]);
  const got = weights.map((w) => w.shape);
  if (JSON.stringify(got) !== JSON.stringify(expected)) {
    throw new MetaError(`${source}: the weights' shapes ${JSON.stringify(got)} do not match wfr.hidden ${JSON.stringify(meta.hidden)} and wfr.embedding.features ${meta.embedding.features}`);
  }
  weights.forEach((w, i) => {
    if (!(w.dataSync() as Float32Array).every(Number.isFinite)) throw new MetaError(`${source}: weight tensor ${i} has non-finite values`);
  });
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
  checkWeights(model.getWeights(), meta, source);
  const weights = model.getWeights().map((w) => w.clone());
  const sde = makeSde(meta.sde.name, meta.sde.params);
  const potential = new LearnedPotential({ params: unflattenParams(weights), embedding: meta.embedding, sde, outputScale: meta.outputScale });
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
