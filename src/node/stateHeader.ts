// The JSON header of state.bin, checked field by field before --resume uses any of it: state.bin
// is input like any other file (copied, edited, truncated, written by a newer version), and a bad
// step once wrote `weights-00000abc.bin` and deleted the good weights. Every error names the file
// and the field; errors in the saved training config say it is the file's value, not a flag.

import { frameProblem, type Standardization } from '../data/standardize.js';
import type { TrainConfig } from '../train/config.js';

export class StateHeaderError extends Error {}

export interface StateHeader {
  step: number;
  rng: number[];
  losses: number[];
  timeScoreSteps: number;
  layout: Record<'online' | 'ema' | 'adamM' | 'adamV', number[]>;
  config: TrainConfig;
  dataset?: { name: string; file?: string };
  standardization: Standardization;
}

type Raw = Record<string, unknown>;
const isObj = (v: unknown): v is Raw => typeof v === 'object' && v !== null && !Array.isArray(v);
const finite = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const count = (v: unknown): v is number => Number.isSafeInteger(v) && (v as number) >= 0;
const shown = (v: unknown) => (v === undefined ? 'missing' : `got ${JSON.stringify(v)?.slice(0, 60)}`);

export function parseStateHeader(h: unknown, file: string): StateHeader {
  const bad = (field: string, why: string, v: unknown) => new StateHeaderError(`corrupt training state ${file}: field ${field} ${why} (${shown(v)})`);
  if (!isObj(h)) throw new StateHeaderError(`corrupt training state ${file}: the header is not a JSON object`);
  if (!count(h.step)) throw bad('step', 'must be an integer ≥ 0', h.step);
  if (!Array.isArray(h.rng) || h.rng.length !== 4 || !h.rng.every((w) => count(w) && w < 2 ** 32)) throw bad('rng', 'must be 4 integers in [0, 2³²)', h.rng);
  if (!Array.isArray(h.losses) || !h.losses.every(finite)) throw bad('losses', 'must be a list of finite numbers', Array.isArray(h.losses) ? h.losses.find((l) => !finite(l)) : h.losses);
  const ts = h.timeScoreSteps ?? 0;
  if (!count(ts) || ts > h.step) throw bad('timeScoreSteps', `must be an integer in [0, step = ${h.step}]`, h.timeScoreSteps);
  if (!isObj(h.layout)) throw bad('layout', 'must be an object', h.layout);
  for (const k of ['online', 'ema', 'adamM', 'adamV']) {
    const sizes = h.layout[k];
    if (!Array.isArray(sizes)) throw bad(`layout.${k}`, 'must be a list of sizes', sizes);
    const wrong = sizes.find((n) => !count(n));
    if (wrong !== undefined) throw bad(`layout.${k}`, 'has a bad size', wrong);
  }
  checkConfigShape(h.config, bad);
  if (h.dataset !== undefined && !(isObj(h.dataset) && typeof h.dataset.name === 'string' && (h.dataset.file === undefined || typeof h.dataset.file === 'string'))) {
    throw bad('dataset', 'must be {"name": string, "file"?: string}', h.dataset);
  }
  const st = h.standardization;
  if (!isObj(st) || !Array.isArray(st.mean) || st.mean.length !== 2 || !st.mean.every(finite)) throw bad('standardization.mean', 'must be two finite numbers', isObj(st) ? st.mean : st);
  if (!(finite(st.scale) && st.scale > 0)) throw bad('standardization.scale', 'must be a finite number > 0', st.scale);
  const degenerate = frameProblem(st as unknown as Standardization);
  if (degenerate) throw bad('standardization', `is a degenerate frame: ${degenerate}`, st);
  return h as unknown as StateHeader;
}

/** The fields a resumed config is built from must be there with the right types; their ranges are the knobs' check (trainSetup). */
function checkConfigShape(c: unknown, bad: (field: string, why: string, v: unknown) => StateHeaderError): void {
  if (!isObj(c)) throw bad('config', 'must be an object (the run\'s training config)', c);
  for (const k of ['steps', 'batch', 'lr', 'warmupSteps', 'lrFinalFraction', 'emaMax', 'timeScoreWeight', 'seed', 'checkpointEvery']) {
    if (!finite(c[k])) throw bad(`config.${k}`, 'must be a finite number', c[k]);
  }
  for (const k of ['dataset', 'sde', 'weighting', 'outputScale']) if (typeof c[k] !== 'string') throw bad(`config.${k}`, 'must be a string', c[k]);
  if (c.dataFile !== undefined && typeof c.dataFile !== 'string') throw bad('config.dataFile', 'must be a string', c.dataFile);
  if (c.frame !== undefined && typeof c.frame !== 'string') throw bad('config.frame', 'must be a string', c.frame);
  if (c.phaseStart !== undefined && !count(c.phaseStart)) throw bad('config.phaseStart', 'must be an integer ≥ 0', c.phaseStart);
  if (!Array.isArray(c.hidden) || !c.hidden.every(count)) throw bad('config.hidden', 'must be a list of widths', c.hidden);
  if (!isObj(c.sdeParams) || !Object.values(c.sdeParams).every(finite)) throw bad('config.sdeParams', 'must be an object of finite numbers', c.sdeParams);
  const e = c.embedding;
  if (!isObj(e) || !count(e.features) || !finite(e.freqMin) || !finite(e.freqMax)) throw bad('config.embedding', 'must give integer features and finite freqMin, freqMax', e);
  if (e.time !== undefined && e.time !== 'log-noise') throw bad('config.embedding.time', "must be 'log-noise' or absent", e.time);
  const p = c.timeScorePhase;
  if (p !== undefined) {
    if (!isObj(p) || !count(p.start) || !finite(p.lr) || !finite(p.lrFinalFraction) || !finite(p.weight)) throw bad('config.timeScorePhase', 'must give an integer start and finite lr, lrFinalFraction, weight', p);
    if (p.reference !== undefined && !finite(p.reference)) throw bad('config.timeScorePhase.reference', 'must be a finite number', p.reference);
  }
}
