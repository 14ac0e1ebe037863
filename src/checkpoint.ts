// The checkpoint format, browser-safe: the EMA potential's MLP as a standard TensorFlow.js
// layers model (model.json + weights, loadable by tf.loadLayersModel anywhere) with everything
// a sampler needs in model.json's userDefinedMetadata. File I/O lives in node/checkpointFiles.ts.

import * as tf from '@tensorflow/tfjs';
import { unflattenParams } from './model/mlp.js';
import { LearnedPotential, type Potential } from './model/potential.js';
import type { ClassConditional } from './model/conditional.js';
import { DATASETS } from './data/datasets.js';
import { tiltedDataset } from './data/tilted.js';
import { MetaError, parseMeta, type ModelMeta } from './checkpointSchema.js';
import { checkedManifest, checkWeightBytes, CheckpointPathError, type ManifestGroup } from './checkpointPaths.js';
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
  const model = buildLayersModel(inputWidth(meta), meta.hidden);
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

/** The weights file a checkpoint saved at `step` names (a new name per save: see node/checkpointFiles.ts). */
export const weightsFileName = (step: number) => `weights-${String(step).padStart(8, '0')}.bin`;

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

/** Inputs of the network: x, the time features and, for conditional models, the class one-hot. */
export const inputWidth = (meta: Pick<ModelMeta, 'embedding' | 'classes'>) => 2 + 2 * meta.embedding.features + (meta.classes?.names.length ?? 0);

/**
 * The classes of a conditional checkpoint: one label each (no unions: the network knows no class
 * prior), and the exact tilted law when it was trained on a built-in mixture (class = component).
 */
function learnedClasses(meta: ModelMeta, make: (label: number | null) => Potential, uncond: Potential): ClassConditional {
  const mixture = meta.dataset.file === undefined ? DATASETS[meta.dataset.name]?.mixture : undefined;
  const exact = mixture && mixture.means.length === meta.classes!.names.length;
  return {
    names: meta.classes!.names,
    sets: false,
    potential: (cls) => (cls === null ? uncond : make(cls[0])),
    ...(exact && { tilted: (cls: number[], w: number) => tiltedDataset(meta.dataset.name, mixture, cls, w) }),
  };
}

/** The weights must have the shapes the metadata's architecture implies, and be finite. */
function checkWeights(weights: tf.Tensor[], meta: ModelMeta, source: string): void {
  const sizes = [inputWidth(meta), ...meta.hidden, 1];
  const expected = sizes.slice(1).flatMap((out, i) => [[sizes[i], out], [out]]);
  const got = weights.map((w) => w.shape);
  if (JSON.stringify(got) !== JSON.stringify(expected)) {
    throw new MetaError(`${source}: the weights' shapes ${JSON.stringify(got)} do not match wfr.hidden ${JSON.stringify(meta.hidden)} and wfr.embedding.features ${meta.embedding.features}${meta.classes ? ` with ${meta.classes.names.length} classes` : ''}`);
  }
  weights.forEach((w, i) => {
    if (!(w.dataSync() as Float32Array).every(Number.isFinite)) throw new MetaError(`${source}: weight tensor ${i} has non-finite values`);
  });
}

export interface LoadedModel {
  meta: ModelMeta;
  sde: SDE;
  /** The checkpoint's learned potential (or an exact one: model/exactModel.ts). */
  potential: Potential;
  /** The weights the potential uses; dispose when done. */
  weights: tf.Tensor[];
  /** Class-conditional potentials, for models that have them (exact mixtures, --conditional checkpoints). */
  classes?: ClassConditional;
}

/** Turns a loaded layers model into a potential (the layers model itself can be disposed). */
export function potentialFromLayersModel(model: tf.LayersModel, source: string): LoadedModel {
  const meta = readMeta(model, source);
  checkWeights(model.getWeights(), meta, source);
  const weights = model.getWeights().map((w) => w.clone());
  const sde = makeSde(meta.sde.name, meta.sde.params);
  const params = unflattenParams(weights);
  const classes = meta.classes?.names.length ?? 0;
  const make = (label: number | null) => new LearnedPotential({ params, embedding: meta.embedding, sde, outputScale: meta.outputScale, classes, label });
  // A conditional model's own potential is its null class: the whole law.
  const potential = make(null);
  return { meta, sde, weights, potential, ...(meta.classes && { classes: learnedClasses(meta, make, potential) }) };
}

/**
 * Builds the potential from a parsed model.json: its manifest paths checked (plain relative
 * names), each group's bytes from `readGroup` (which checks their size with checkWeightBytes).
 */
export async function loadFromModelJson(json: unknown, source: string, readGroup: (group: ManifestGroup) => Promise<Uint8Array>): Promise<LoadedModel> {
  if (typeof json !== 'object' || json === null || !('modelTopology' in json)) throw new CheckpointPathError(`${source} is not a tfjs layers model.json (no modelTopology)`);
  const groups = checkedManifest((json as { weightsManifest?: unknown }).weightsManifest, source);
  const parts: Uint8Array[] = [];
  for (const g of groups) parts.push(await readGroup(g));
  const data = concatBytes(parts);
  const artifacts = await tf.io.getModelArtifactsForJSON(json as tf.io.ModelJSON, async () => [groups.flatMap((g) => g.weights) as tf.io.WeightsManifestEntry[], data.buffer as ArrayBuffer]);
  const model = await tf.loadLayersModel(tf.io.fromMemory(artifacts));
  try {
    return potentialFromLayersModel(model, source);
  } finally {
    model.dispose();
  }
}

/**
 * Parses a model.json's text; HTML is said as such — for a URL, a web server's error or index
 * page (check the URL); for a local file, a saved web page.
 */
export function parseModelJson(text: string, source: string, from: 'url' | 'file' = 'file'): unknown {
  if (/^\s*</.test(text)) {
    throw new CheckpointPathError(
      from === 'url'
        ? `${source} returned HTML, not a model.json (check the URL: it should end in model.json)`
        : `${source} is an HTML page, not a model.json (a web page saved in its place? download the checkpoint's model.json itself)`,
    );
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new CheckpointPathError(`${source} is not JSON: ${(e as Error).message}`);
  }
}

/**
 * fetch, with its network failure ("Failed to fetch", "fetch failed") said in words: the server
 * did not answer, or answered without the CORS headers that let another site's page read it.
 */
async function fetchOrSay(url: URL, what: string): Promise<Response> {
  try {
    return await fetch(url);
  } catch (e) {
    const sameOrigin = globalThis.location !== undefined && url.origin === globalThis.location.origin;
    throw new CheckpointPathError(
      `${what}: could not be fetched (${(e as Error).message}): ` +
        (sameOrigin ? 'the server did not answer' : `the server at ${url.origin} did not answer, or it does not send the CORS headers (Access-Control-Allow-Origin) that let this page read it`),
    );
  }
}

/** Loads a checkpoint over HTTP (browser): model.json, then the weights files it names, beside it. */
export async function loadModelFromUrl(url: string): Promise<LoadedModel> {
  const base = new URL(url, globalThis.location?.href);
  const res = await fetchOrSay(base, url);
  if (!res.ok) throw new CheckpointPathError(`${url}: HTTP ${res.status} ${res.statusText}`);
  const json = parseModelJson(await res.text(), url, 'url');
  return loadFromModelJson(json, url, async (g) => {
    const parts: Uint8Array[] = [];
    for (const p of g.paths) {
      const r = await fetchOrSay(new URL(p, base), `${url}: weights file ${p}`);
      if (!r.ok) throw new CheckpointPathError(`${url}: missing weights file ${p} (HTTP ${r.status})`);
      parts.push(new Uint8Array(await r.arrayBuffer()));
    }
    return joinChecked(g, parts, url);
  });
}

/**
 * Loads a checkpoint from files a user picked (a whole checkpoint folder is fine: state.bin,
 * loss.png, train.json and other files the manifest does not name are ignored).
 */
export async function loadModelFromFiles(files: File[]): Promise<LoadedModel> {
  const jsons = files.filter((f) => f.name.endsWith('.json'));
  const modelJson = jsons.find((f) => f.name === 'model.json') ?? (jsons.length === 1 ? jsons[0] : undefined);
  if (!modelJson) throw new CheckpointPathError('choose the checkpoint folder\'s model.json and its weights .bin file(s)');
  const json = parseModelJson(await modelJson.text(), modelJson.name);
  return loadFromModelJson(json, modelJson.name, async (g) => {
    const parts: Uint8Array[] = [];
    for (const p of g.paths) {
      const f = files.find((x) => x.name === p.split('/').pop());
      if (!f) throw new CheckpointPathError(`${modelJson.name}: missing weights file ${p}: choose it too`);
      parts.push(new Uint8Array(await f.arrayBuffer()));
    }
    return joinChecked(g, parts, modelJson.name);
  });
}

function joinChecked(g: ManifestGroup, parts: Uint8Array[], source: string): Uint8Array {
  checkWeightBytes(g, parts.reduce((n, p) => n + p.length, 0), source);
  return concatBytes(parts);
}

function concatBytes(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return out;
}
