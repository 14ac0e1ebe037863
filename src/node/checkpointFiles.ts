// Checkpoints on disk, in models/<name>/:
//   model.json + weights-<step>.bin   the EMA potential (standard tfjs layers model)
//   state.bin                         training state for --resume (weights, EMA, Adam, step, RNG, losses)
// Every file is written atomically; model.json names its weights file, and a new weights file
// is written under a new name before model.json points at it, so a crash at any moment leaves
// a consistent model.json + weights pair.

import * as tf from '@tensorflow/tfjs';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { modelJsonText, potentialFromLayersModel, toArtifacts, type LoadedModel, type ModelMeta } from '../checkpoint.js';
import type { TrainerState } from '../train/trainer.js';
import { writeFileAtomic } from './files.js';

const STATE_MAGIC = 'WFRSTATE1\n';

export class CheckpointError extends Error {}

export async function saveModel(dir: string, params: tf.Tensor[], meta: ModelMeta): Promise<void> {
  const artifacts = await toArtifacts(params, meta);
  const weightsName = `weights-${String(meta.training.step).padStart(8, '0')}.bin`;
  writeFileAtomic(join(dir, weightsName), new Uint8Array(artifacts.weightData as ArrayBuffer));
  writeFileAtomic(join(dir, 'model.json'), modelJsonText(artifacts, weightsName));
  for (const f of readdirSync(dir)) {
    if (/^weights-\d+\.bin$/.test(f) && f !== weightsName) rmSync(join(dir, f), { force: true });
  }
}

/** Loads model.json and its weights from a directory (or a model.json path) with the standard loader. */
export async function loadModel(path: string): Promise<LoadedModel> {
  const file = path.endsWith('.json') ? path : join(path, 'model.json');
  if (!existsSync(file)) throw new CheckpointError(`no checkpoint at ${path} (missing ${file})`);
  let model: tf.LayersModel;
  try {
    const json = JSON.parse(readFileSync(file, 'utf8'));
    const dir = file.slice(0, file.lastIndexOf('/') + 1) || './';
    const artifacts = await tf.io.getModelArtifactsForJSON(json, async (manifest) => {
      const specs = manifest.flatMap((g) => g.weights);
      const buffers = manifest.flatMap((g) => g.paths.map((p) => readFileSync(join(dir, p))));
      const data = Buffer.concat(buffers);
      return [specs, data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength)];
    });
    model = await tf.loadLayersModel(tf.io.fromMemory(artifacts));
  } catch (e) {
    throw new CheckpointError(`corrupt checkpoint ${file}: ${(e as Error).message}`);
  }
  try {
    return potentialFromLayersModel(model, file);
  } catch (e) {
    throw new CheckpointError((e as Error).message);
  } finally {
    model.dispose();
  }
}

type StateArrays = Pick<TrainerState, 'online' | 'ema' | 'adamM' | 'adamV'>;
const ARRAY_KEYS = ['online', 'ema', 'adamM', 'adamV'] as const;

/** state.bin: magic line, JSON header length (uint32 LE), JSON header, float32 payload. */
export function saveTrainState(dir: string, state: TrainerState, extra: Record<string, unknown>): void {
  const layout: Record<string, number[]> = {};
  const chunks: Float32Array[] = [];
  for (const k of ARRAY_KEYS) {
    layout[k] = state[k].map((a) => a.length);
    chunks.push(...state[k]);
  }
  const header = JSON.stringify({
    step: state.step,
    rng: state.rng,
    losses: state.losses,
    timeScoreSteps: state.timeScoreSteps,
    layout,
    ...extra,
  });
  const headerBytes = new TextEncoder().encode(header);
  const pad = (4 - ((STATE_MAGIC.length + 4 + headerBytes.length) % 4)) % 4;
  const floats = chunks.reduce((n, c) => n + c.length, 0);
  const out = new Uint8Array(STATE_MAGIC.length + 4 + headerBytes.length + pad + 4 * floats);
  out.set(new TextEncoder().encode(STATE_MAGIC), 0);
  new DataView(out.buffer).setUint32(STATE_MAGIC.length, headerBytes.length + pad, true);
  out.set(headerBytes, STATE_MAGIC.length + 4);
  out.fill(0x20, STATE_MAGIC.length + 4 + headerBytes.length, STATE_MAGIC.length + 4 + headerBytes.length + pad);
  let offset = (STATE_MAGIC.length + 4 + headerBytes.length + pad) / 4;
  const f32 = new Float32Array(out.buffer);
  for (const c of chunks) {
    f32.set(c, offset);
    offset += c.length;
  }
  writeFileAtomic(join(dir, 'state.bin'), out);
}

export function loadTrainState(dir: string): { state: TrainerState; header: Record<string, unknown> } {
  const file = join(dir, 'state.bin');
  if (!existsSync(file)) throw new CheckpointError(`cannot resume: no training state at ${file}`);
  const corrupt = (why: string) => new CheckpointError(`corrupt training state ${file}: ${why}`);
  const buf = readFileSync(file);
  const bytes = new Uint8Array(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength));
  if (new TextDecoder().decode(bytes.subarray(0, STATE_MAGIC.length)) !== STATE_MAGIC) throw corrupt('bad magic');
  if (bytes.length < STATE_MAGIC.length + 4) throw corrupt('truncated');
  const hlen = new DataView(bytes.buffer).getUint32(STATE_MAGIC.length, true);
  const start = STATE_MAGIC.length + 4;
  if (start + hlen > bytes.length) throw corrupt('truncated header');
  let header: Record<string, unknown> & { layout: Record<string, number[]> } & Omit<TrainerState, keyof StateArrays>;
  try {
    header = JSON.parse(new TextDecoder().decode(bytes.subarray(start, start + hlen)));
  } catch {
    throw corrupt('unreadable header');
  }
  const f32 = new Float32Array(bytes.buffer, start + hlen);
  let offset = 0;
  const arrays = {} as StateArrays;
  for (const k of ARRAY_KEYS) {
    const sizes = header.layout?.[k];
    if (!Array.isArray(sizes)) throw corrupt(`missing ${k}`);
    arrays[k] = sizes.map((n) => {
      if (offset + n > f32.length) throw corrupt('truncated payload');
      const a = f32.slice(offset, offset + n);
      offset += n;
      return a;
    });
  }
  if (offset !== f32.length) throw corrupt(`payload has ${f32.length - offset} extra values`);
  const state: TrainerState = {
    step: header.step,
    rng: header.rng,
    losses: header.losses,
    timeScoreSteps: header.timeScoreSteps ?? 0,
    ...arrays,
  };
  return { state, header };
}
