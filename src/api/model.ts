// The public model object: one loaded checkpoint, an exact potential or a product of them, with
// one verb, sample(), that gives points in data units with the checkpoint's cut-off applied —
// the same run as `npm run sample` (both call sampling/generate.ts), so the same seed gives the
// same bits. Options are the CLI's flags by their camelCase names (SAMPLE_KNOBS).

import type { LoadedModel, ModelMeta } from '../checkpoint.js';
import type { Dataset } from '../data/datasets.js';
import { unstandardize } from '../data/standardize.js';
import { combineModels, generate, type LoadedModels } from '../sampling/generate.js';
import { checkExponents } from '../sampling/product.js';
import type { SampleTrace } from '../sampling/sample.js';
import type { SampleSettings } from '../sampling/settings.js';

/** What `onStep` is told after every step of a run. */
export interface StepProgress {
  step: number;
  steps: number;
  /** The noise time the particles are at now (1 = noise, 0 = data). */
  t: number;
  /** Effective sample size of the weights (N when unweighted). */
  ess: number;
  /** The particles now, in data units [x₀, y₀, x₁, y₁, …] (read only when called). */
  points(): Float32Array;
}

/**
 * Options of {@link Model.sample}: the flags of `npm run sample`, by their camelCase names and
 * with the same defaults (sampler 'wfr', steps 100, n 4000, seed 0, beta 1, …; docs/guide.md),
 * every one optional. `tOff` defaults to the checkpoint's cut-off.
 */
export type SampleOptions = Partial<SampleSettings> & {
  /** Called after every step (awaited, so a page can draw and yield). */
  onStep?: (p: StepProgress) => void | Promise<void>;
};

/** The result of {@link Model.sample}. */
export interface Samples {
  /** n points in data units, interleaved: [x₀, y₀, x₁, y₁, …]. */
  points: Float32Array;
  n: number;
  /** Normalised weights, with `keepWeights: true` on a weighted sampler (else the points were resampled). */
  weights?: Float64Array;
  /** Per step: t, ESS, spread of G, whether it resampled. */
  trace: SampleTrace;
  /** Weights acted on steps ending at t ≥ tOff (the checkpoint's cut-off unless given). */
  tOff: number;
  /** Every setting of the run, defaults filled in. */
  settings: SampleSettings;
  /** Things to know about the run (e.g. the weights collapsed). */
  warnings: string[];
  /** fk's estimate of log ∫exp(−βU(x, t_end)) dx in model coordinates, when it has one. */
  logNormalizer?: number;
  resampleCount: number;
  distinctAncestors: number;
  msPerStep: number[];
}

/** A factor of a model: a loaded potential and its exponent λ. */
interface Part {
  model: LoadedModel;
  lambda: number;
  label: string;
}

/**
 * A model to sample: from {@link loadModel}, {@link exactModel} or {@link product}. Its weights
 * live in TensorFlow.js memory until {@link Model.dispose}.
 *
 * @example
 * ```ts
 * import { loadModel } from 'wfr-score';
 * const model = await loadModel('/models/eight-gaussians-imbalanced/model.json');
 * console.log(model.name, model.dataset, model.cutoff);
 * const { points } = await model.sample({ sampler: 'wfr', steps: 50, n: 2000, seed: 1 });
 * model.dispose();
 * ```
 */
export class Model {
  /** @internal */
  readonly target: LoadedModels;
  /** @internal */
  readonly parts: readonly Part[];
  private readonly owns: boolean;

  /** @internal Use loadModel, exactModel or product. */
  constructor(parts: Part[], owns: boolean) {
    this.parts = parts;
    this.owns = owns;
    this.target = combineModels(parts.map((p) => p.model), parts.map((p) => p.lambda), parts.map((p) => p.label));
  }

  /** The checkpoint's path or URL, `exact:NAME`, or the factors' joined by ' × '. */
  get name(): string {
    return this.parts.map((p) => (p.lambda === 1 ? p.label : `${p.label}^${p.lambda}`)).join(' × ');
  }

  /** The (first factor's) checkpoint metadata: SDE, frame, dataset, training, cut-off. */
  get meta(): ModelMeta {
    return this.target.base.meta;
  }

  /** The built-in law the samples should follow at β = 1 (raised to `targetPower`), when known exactly. */
  get dataset(): string | undefined {
    return this.target.dataset?.name;
  }

  /** The exact target is `dataset`^targetPower (a product of one law's models, or with equal λ ≠ 1). */
  get targetPower(): number {
    return this.target.targetPower;
  }

  /** Where the weights act by default, in words (as `npm run sample` prints it). */
  get cutoff(): string {
    return this.target.cutoff;
  }

  /** The default t_off: weights act on steps that end at t ≥ this. */
  get tOff(): number {
    return this.target.defaultTOff;
  }

  /** @internal The law behind `dataset` (products have one of their own). */
  get law(): Dataset | undefined {
    return this.target.dataset;
  }

  /**
   * Draws samples: `n` particles run from noise to data by `sampler` in `steps` steps. The same
   * options and seed give the same bits as `npm run sample` with the same flags.
   *
   * @example
   * ```ts
   * const s = await model.sample({ sampler: 'wfr', steps: 20, n: 1000, seed: 3 });
   * const [x0, y0] = [s.points[0], s.points[1]];        // data units
   * const weighted = await model.sample({ sampler: 'fk', keepWeights: true });
   * console.log(weighted.weights?.length, weighted.trace.ess.at(-1));
   * ```
   */
  async sample(options: SampleOptions = {}): Promise<Samples> {
    const { onStep, ...settings } = options;
    const frame = this.meta.standardization;
    const { points, result, tOff } = await generate(this.target, {
      ...settings,
      onStep: onStep && ((s) => onStep({ step: s.step, steps: s.steps, t: s.t, ess: s.ess, points: () => unstandardize(s.x.dataSync() as Float32Array, frame) })),
    });
    return {
      points,
      n: points.length / 2,
      weights: result.weights,
      trace: result.trace,
      tOff,
      settings: result.settings,
      warnings: result.warnings,
      logNormalizer: result.logNormalizer,
      resampleCount: result.resampleCount,
      distinctAncestors: result.distinctAncestors,
      msPerStep: result.msPerStep,
    };
  }

  /**
   * Frees the weights. A product shares its factors' weights: dispose the factors, not it.
   *
   * @example
   * ```ts
   * model.dispose();
   * ```
   */
  dispose(): void {
    if (this.owns) this.target.dispose();
  }
}

/**
 * The product of experts ∏ pᵢ^λᵢ (potential U = Σ λᵢ Uᵢ), sampled with its weights — what
 * `npm run sample` does with several `--model`. The models must share an SDE and a frame
 * (train them with `--frame standard`); it throws naming the pair that does not.
 *
 * @example
 * ```ts
 * import { loadModel, product } from 'wfr-score';
 * const x = await loadModel('/models/compose/blobs-x/model.json');
 * const y = await loadModel('/models/compose/blobs-y/model.json');
 * const xy = product([x, y]);                         // λ = [1, 1]
 * const { points } = await xy.sample({ sampler: 'wfr', steps: 50 });
 * ```
 */
export function product(models: Model[], lambdas: number[] = models.map(() => 1)): Model {
  if (lambdas.length !== models.length) throw new Error(`product: ${lambdas.length} exponents for ${models.length} models; give one per model`);
  checkExponents(lambdas, 'product');
  return new Model(models.flatMap((m, i) => m.parts.map((p) => ({ ...p, lambda: p.lambda * lambdas[i]! }))), false);
}

/** @internal A model over one loaded potential. */
export const modelOf = (model: LoadedModel, label: string): Model => new Model([{ model, lambda: 1, label }], true);
