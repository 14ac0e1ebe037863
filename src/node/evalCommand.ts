// `npm run eval` as functions: score a samples file against a built-in law or the user's own
// data, sample a checkpoint and score that, or report the mode masses of a model's own density
// over t. Each returns the JSON report; the CLI prints and writes it.

import { MAX_CSV_BYTES, readCheckedText } from './checkedFile.js';
import { parsePointsCsv, parseSamplesCsv } from '../data/csv.js';
import { getDataset, productDataset } from '../data/datasets.js';
import { evaluateSamples, type MetricRow } from '../metrics/report.js';
import { massErrors, MASS_TIMES, type MassReport } from '../metrics/potentialMasses.js';
import { cutoffOf, defaultTOff } from '../sampling/cutoff.js';
import type { SampleSettings } from '../sampling/settings.js';
import { generate, loadModels, type GuidanceFlags } from './generate.js';
import type { ExactModelOptions } from '../model/exactModel.js';
import { FKC_MMD_SCALE, fkcMetrics, type FkcScores } from '../metrics/fkc.js';
import { mixtureDataset, mixtureLogDensity, productMixture } from '../data/mixture.js';
import { Rng } from '../rng.js';
import { progressBar } from './progress.js';
import { checkAnnealedTarget, outsideOf } from './targetCheck.js';
import { outsideWarning } from '../metrics/outside.js';
import { modeWeightError, modesCovered, modeWeights, targetModeWeights } from '../metrics/modes.js';
import type { Points } from '../data/datasets.js';

/**
 * Rows above which the pairwise metrics (MMD, energy, precision/recall: O(n²), about 30 s a pass
 * at 20,000 rows here, hours at 10⁶) score a seeded subsample; mode weights always use every row.
 */
export const MAX_PAIR_ROWS = 20_000;

/** m rows of (points, weights) drawn without replacement from the seed's own stream, weights renormalised. */
function subsample(points: Points, weights: ArrayLike<number> | undefined, m: number, seed: number): { points: Points; weights?: Float64Array } {
  const n = points.length / 2;
  const order = Int32Array.from({ length: n }, (_, i) => i);
  const rng = new Rng(seed, 'eval-subsample');
  for (let i = 0; i < m; i++) {
    const j = i + Math.floor(rng.uniform() * (n - i));
    [order[i], order[j]] = [order[j], order[i]];
  }
  const pick = order.subarray(0, m);
  const out = Float32Array.from({ length: 2 * m }, (_, k) => points[2 * pick[k >> 1] + (k & 1)]);
  if (!weights) return { points: out };
  const w = Float64Array.from(pick, (i) => weights[i]);
  const total = w.reduce((a, b) => a + b, 0);
  return { points: out, weights: w.map((v) => v / total) };
}

export interface EvalReport {
  rows?: MetricRow[];
  masses?: MassReport[];
  /** With masses: the checkpoint's cut-off (none for an exact potential, weighted everywhere). */
  cutoff?: { t: number; noise: number; rule: string };
  report: Record<string, unknown>;
}

/**
 * Scores a samples CSV against a built-in dataset's law (or that law to the power β), the exact
 * product of built-in mixtures (--product A,B), or a reference CSV of the user's.
 */
export function evalSamplesFile(o: { samples: string; dataset?: string; product?: string[]; data?: string; beta?: number; referenceSeed: number; log: (s: string) => void; maxPairRows?: number }): EvalReport {
  const given = [o.dataset, o.product, o.data].filter((v) => v !== undefined).length;
  if (given !== 1) throw new Error('--samples needs exactly one of --dataset NAME (a built-in law), --product A,B (the exact product of built-in mixtures) or --data REF.csv (your own data)');
  let beta = o.beta ?? 1;
  if (o.data && beta !== 1) throw new Error('--beta needs a built-in law (--dataset or --product): the mode masses of p^β of your own data are unknown');
  const { points, weights } = parseSamplesCsv(readCheckedText(o.samples, { what: '--samples', maxBytes: MAX_CSV_BYTES }), o.samples);
  const n = points.length / 2;
  checkScorable(points, `--samples ${o.samples}`, false);
  // A product of one law with itself k times is that law to the power k (double-well too).
  const selfProduct = o.product && o.product.every((n) => n === o.product![0]);
  const law = o.product ? (selfProduct ? getDataset(o.product[0]) : productDataset(o.product)) : o.dataset ? getDataset(o.dataset) : undefined;
  if (selfProduct) beta *= o.product!.length;
  if (law && beta !== 1 && !law.modes) throw new Error(`--beta ${beta}: ${law.name} has no modes, and for β ≠ 1 only the mode masses of p^β are known exactly`);
  checkAnnealedTarget(law, beta);
  o.log(`scoring ${n} samples${weights ? ' (weighted)' : ''} against ${law ? law.name : o.data}${beta !== 1 ? ` to the power β = ${beta} (mode masses only)` : ''} …`);
  const far = law && outsideWarning(outsideOf(points, law, beta), n);
  if (far) o.log(`warning: ${far}`);
  // Each pass over a large file takes a while: say which one runs, and how long the last took.
  const t0 = performance.now();
  const onPhase = (phase: string) => o.log(`  ${phase} … (${((performance.now() - t0) / 1000).toFixed(1)} s so far)`);
  const cap = o.maxPairRows ?? MAX_PAIR_ROWS;
  const scored = n > cap ? subsample(points, weights, cap, o.referenceSeed) : { points, weights };
  if (n > cap) o.log(`  the pairwise metrics (O(n²)) score a seeded subsample of ${cap} of the ${n} rows (their floors too); mode weights use every row`);
  const rows = law
    ? evaluateSamples(scored, law, { seed: o.referenceSeed, beta, onPhase })
    : evaluateSamples(scored, undefined, { seed: o.referenceSeed, onPhase, reference: checkScorable(parsePointsCsv(readCheckedText(o.data!, { what: '--data', maxBytes: MAX_CSV_BYTES }), o.data!), `--data ${o.data}`, true) });
  if (n > cap && law?.modes) {
    const target = targetModeWeights(law.modes, beta);
    const w = modeWeights(points, law.modes, weights);
    for (const r of rows) {
      if (r.metric.startsWith('mode-weight error')) r.value = modeWeightError(w, target);
      if (r.metric.startsWith('modes covered')) r.value = modesCovered(w, target);
    }
  }
  return { rows, report: { samples: o.samples, dataset: o.dataset, product: o.product, data: o.data, beta, n, ...(n > cap && { pairwiseRows: cap }), weighted: !!weights, ...(far && { warnings: [far] }), metrics: rows } };
}

/** Fewer samples give MMD NaN (its unbiased estimate divides by n − 1). */
const MIN_SAMPLE_ROWS = 2;
/** A reference is split into a reference and a floor draw: fewer rows give meaningless floors. */
const MIN_REFERENCE_ROWS = 10;

/**
 * Points that can be scored: enough rows, and for a reference some spread (a constant reference
 * made every sample "precise" and MMD NaN). Returns the points.
 */
function checkScorable(points: Float32Array, what: string, reference: boolean): Float32Array {
  const n = points.length / 2;
  const least = reference ? MIN_REFERENCE_ROWS : MIN_SAMPLE_ROWS;
  if (n < least) throw new Error(`${what} has ${n} row${n === 1 ? '' : 's'}; the metrics need at least ${least}`);
  if (reference) {
    const constant = points.every((v, i) => v === points[i % 2]);
    if (constant) throw new Error(`${what}: every row is the same point (${points[0]}, ${points[1]}); a reference law needs some spread`);
  }
  return points;
}

/** Samples checkpoints with the given settings and scores the result against the dataset. */
export async function evalModel(o: { models: string[]; lambdas?: number[]; exact?: ExactModelOptions; guidance?: GuidanceFlags; settings: Partial<SampleSettings>; referenceSeed: number; backend: string; log: (s: string) => void }): Promise<EvalReport> {
  const loaded = await loadModels(o.models, { lambdas: o.lambdas, exact: o.exact, guidance: o.guidance });
  try {
    if (!loaded.dataset) throw new Error(`nothing exact to score against: ${loaded.noTarget ?? `${loaded.base.meta.dataset.name} is not a built-in dataset`} (sample it with npm run sample, then eval --samples FILE --data REF.csv)`);
    checkAnnealedTarget(loaded.dataset, (o.settings.beta ?? 1) * loaded.targetPower);
    const steps = o.settings.steps ?? 100;
    const bar = progressBar('sample', steps, 0, { ESS: '–' });
    let g;
    try {
      g = await generate(loaded, { ...o.settings, onStep: (s) => bar.update(s.step, { ESS: s.ess.toFixed(0) }) });
    } finally {
      bar.stop();
    }
    for (const w of g.result.warnings) o.log(`warning: ${w}`);
    o.log(`scoring ${g.result.settings.n} samples …`);
    const s = g.result.settings;
    const beta = s.beta * loaded.targetPower;
    const far = outsideWarning(outsideOf(g.points, loaded.dataset, beta), s.n);
    if (far) o.log(`warning: ${far}`);
    const rows = evaluateSamples({ points: g.points, weights: g.result.weights }, loaded.dataset, { seed: o.referenceSeed, beta });
    return {
      rows,
      report: { models: o.models, lambdas: loaded.lambdas, ...(loaded.guidance && { guidance: { class: loaded.guidance.className, w: loaded.guidance.w } }), target: { dataset: loaded.dataset.name, power: beta }, dataset: loaded.base.meta.dataset.name, backend: o.backend, sampler: s.sampler, steps: s.steps, n: s.n, seed: s.seed, tOff: g.tOff, beta: s.beta, settings: s, metrics: rows },
    };
  } finally {
    loaded.dispose();
  }
}

/** Mode masses of exp(−U(·, t)) of one model against the exact p_t, at MASS_TIMES. */
export async function evalPotentialMasses(o: { models: string[]; exact?: ExactModelOptions; backend: string }): Promise<EvalReport> {
  if (o.models.length !== 1) throw new Error(`--potential-masses measures one model's own density: give one --model, not ${o.models.length}`);
  const loaded = await loadModels(o.models, { exact: o.exact });
  try {
    const dataset = loaded.dataset;
    if (!dataset?.modes) throw new Error(`--potential-masses needs a single model of a dataset with modes, not ${loaded.base.meta.dataset.name}`);
    const masses = massErrors(loaded.potential, dataset, loaded.base.sde, loaded.base.meta.standardization, MASS_TIMES);
    const c = cutoffOf(loaded.base.meta);
    const cutoff = c.rule === 'exact' ? undefined : { t: defaultTOff([loaded.base.meta], loaded.base.sde), noise: c.noise, rule: c.rule };
    return { masses, cutoff, report: { models: o.models, dataset: loaded.base.meta.dataset.name, backend: o.backend, potentialMasses: masses } };
  } finally {
    loaded.dispose();
  }
}

/** p^β of a built-in mixture has a closed form for integer β (a mixture of Kᵝ components): keep it drawable. */
const MAX_ANNEALED_COMPONENTS = 200_000;

/**
 * The FKC benchmark's five metrics (src/metrics/fkc.ts) of an unweighted samples file against as
 * many exact draws of p^β (a built-in mixture, β a positive integer), and their floor: the same
 * five for a second exact draw. Exact transport makes this about a minute at N = 10,000.
 */
export function evalFkc(o: { samples: string; dataset: string; beta: number; referenceSeed: number; log: (s: string) => void }): { value: FkcScores; floor: FkcScores; report: Record<string, unknown> } {
  const m = getDataset(o.dataset).mixture;
  if (!m) throw new Error(`--fkc: ${o.dataset} is not a Gaussian mixture; the FKC metrics need exact draws of p^β`);
  if (!(Number.isInteger(o.beta) && o.beta >= 1)) throw new Error(`--fkc: --beta ${o.beta} must be a positive integer (p^β is then a mixture that can be drawn exactly)`);
  if (m.means.length ** o.beta > MAX_ANNEALED_COMPONENTS) throw new Error(`--fkc: p^${o.beta} of ${o.dataset} has ${m.means.length}^${o.beta} components, over ${MAX_ANNEALED_COMPONENTS}`);
  const { points, weights } = parseSamplesCsv(readCheckedText(o.samples, { what: '--samples', maxBytes: MAX_CSV_BYTES }), o.samples);
  if (weights) throw new Error(`--fkc: ${o.samples} is weighted; the FKC metrics compare equal-size unweighted sets (sample without --keep-weights)`);
  const n = points.length / 2;
  const law = mixtureDataset(`${o.dataset}^${o.beta}`, o.beta === 1 ? m : productMixture(Array(o.beta).fill(m)));
  const logp = (p: ArrayLike<number>) => Float64Array.from({ length: p.length / 2 }, (_, i) => o.beta * mixtureLogDensity(m, p[2 * i], p[2 * i + 1]));
  const [ref, second] = ['fkc-reference', 'fkc-floor'].map((s) => law.sample(new Rng(o.referenceSeed, s), n));
  o.log(`FKC metrics of ${n} samples against ${n} exact draws of ${law.name} (exact transport: about a minute at N = 10,000) …`);
  const opts = { scale: FKC_MMD_SCALE };
  const value = fkcMetrics({ points, logp: logp(points) }, { points: ref, logp: logp(ref) }, opts);
  const floor = fkcMetrics({ points: second, logp: logp(second) }, { points: ref, logp: logp(ref) }, opts);
  return { value, floor, report: { samples: o.samples, dataset: o.dataset, beta: o.beta, n, fkc: { value, floor, mmdScale: FKC_MMD_SCALE } } };
}
