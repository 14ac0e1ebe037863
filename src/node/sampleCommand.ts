// `npm run sample` as a function: load the checkpoints, run the sampler, then write the samples
// CSV (data units), a JSON report beside it and a scatter picture — the picture is rendered
// before anything is written, so a failure leaves no partial outputs.

import { basename, dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatSamplesCsv } from '../data/csv.js';
import { modeSummary, type ModeSummary } from '../metrics/modes.js';
import { composeSampler } from '../sampling/compose.js';
import { resolveSampleSettings, type SampleSettings } from '../sampling/settings.js';
import { median } from '../stats.js';
import { checkOutFile, removeStaleTemps, writeFilesAtomic } from './files.js';
import { generate, loadModels, type Generated, type GuidanceFlags, type LoadedModels } from './generate.js';
import type { Points } from '../data/datasets.js';
import { outsideWarning } from '../metrics/outside.js';
import { isExactSpec, type ExactModelOptions } from '../model/exactModel.js';
import { Rng } from '../rng.js';
import { picturePath } from './pictureLibraries.js';
import { chartBytes, scatterDomain, scatterSpec } from './plot.js';
import { progressBar } from './progress.js';
import type { StepInfo } from '../sampling/sample.js';
import { animation, checkAnimate, type Animation } from './animation.js';
import { pollInterrupt, watchInterrupt } from './interrupt.js';
import { checkAnnealedTarget, outsideOf } from './targetCheck.js';
import { acquireLock } from './lock.js';

/** The animation's default width and height in pixels. */
export const ANIMATE_SIZE = 360;
import { referencePoints } from './referenceData.js';

const SHIPPED = resolve(fileURLToPath(import.meta.url), '../../../models');

export interface SampleCommand {
  models: string[];
  /** Exponents of a product ∏pᵢ^λᵢ, one per model (default all 1). */
  lambdas?: number[];
  /** SDE and frame of exact:NAME models. */
  exact?: ExactModelOptions;
  /** --class and --guidance: the guided target of one class-conditional model. */
  guidance?: GuidanceFlags;
  settings: Partial<SampleSettings>;
  out?: string;
  plot?: string;
  noPlot?: boolean;
  /** Fixed axes of the picture [x0, x1, y0, y1] in data units (default: the data's or exact law's extent). */
  plotRange?: [number, number, number, number];
  /** A GIF of the run, one frame per step over the landscape (node/animation.ts), on the picture's axes. */
  animate?: string;
  /** The GIF's width and height in pixels (default ANIMATE_SIZE). */
  animateSize?: number;
  backend: string;
  log: (line: string) => void;
  warn: (line: string) => void;
}

const jsonOf = (csv: string) => csv.replace(/\.csv$/, '.json');

/** Default output: out/<model>-<sampler>.csv, with "shipped-" before models from this project's models/. */
export function defaultOut(models: string[], sampler: string): string {
  const name = models.map((m) => (resolve(m).startsWith(SHIPPED + '/') ? 'shipped-' : '') + basename(m.replace(/\/$/, ''))).join('+');
  return `out/${name}-${sampler}.csv`;
}

export async function sampleCommand(c: SampleCommand): Promise<{ out: string; generated: Generated; modes?: ModeSummary }> {
  // A signal stops the run at the end of the step it arrives in (or before sampling); nothing is written then.
  watchInterrupt((sig) => `${sig === 'SIGINT' ? 'interrupted' : sig}: stopping; no output is written (${sig === 'SIGINT' ? 'Ctrl-C' : sig} again to quit at once)`);
  const loaded = await loadModels(c.models, { lambdas: c.lambdas, exact: c.exact, guidance: c.guidance });
  let unlock: (() => void) | undefined;
  try {
    c.log(`model${c.models.length > 1 ? 's' : ''}: ${describeModels(loaded, c.models)}`);
    if (loaded.noTarget) c.log(`no exact target to score against: ${loaded.noTarget}`);
    else if (loaded.guidance) c.log(`target: class ${loaded.guidance.className} at guidance w = ${loaded.guidance.w}, p(x|c)^${loaded.guidance.w}·p(x)^${Number((1 - loaded.guidance.w).toPrecision(6))} (exact tilted law)`);
    else if (c.models.length > 1) c.log(`target: the exact product ${loaded.dataset!.name}${loaded.targetPower !== 1 ? ` to the power ${loaded.targetPower}` : ''} (a Gaussian mixture)`);
    const settings = resolveSampleSettings(c.settings);
    const sampler = settings.sampler;
    const out = c.out ?? defaultOut(c.models, sampler);
    if (!out.endsWith('.csv')) throw new Error(`--out must name a .csv file, got ${out}`);
    // (--no-plot arrives as plot: false from yargs, or as noPlot from the API.)
    const named = typeof c.plot === 'string';
    const plot = await picturePath(c.noPlot || (c.plot as unknown) === false ? undefined : c.plot ?? out.replace(/\.csv$/, '.png'), named, c.warn);
    // Every output path is checked before sampling: a bad one fails now, not after the run.
    checkOutFile(out, '--out');
    checkOutFile(jsonOf(out), '--out (its .json report)');
    if (plot) checkOutFile(plot, '--plot', ['.png', '.svg']);
    const { steps, n } = settings;
    if (c.animate !== undefined) {
      checkAnimate(c.animate, steps);
      checkOutFile(c.animate, '--animate');
    }
    // One run per output: a second one on the same --out stops here instead of replacing the first's files.
    unlock = acquireLock(dirname(resolve(out)), c.log, { name: `${basename(out)}.lock`, holder: `another sampling run is writing ${out}` });
    checkAnnealedTarget(loaded.dataset, settings.beta * loaded.targetPower);
    const parts = composeSampler(settings);
    const movie = c.animate === undefined ? undefined : animation({ loaded, beta: settings.beta, domain: animationDomain(loaded, settings.beta, c.plotRange), size: c.animateSize ?? ANIMATE_SIZE, weighted: parts.weighted });
    c.log(`${sampler}: ${parts.spec.description}; N = ${n}, ${steps} steps, seed ${settings.seed}`);
    if (parts.weighted) {
      c.log(c.settings.tOff === undefined ? loaded.cutoff : `weights act for t ≥ ${c.settings.tOff} (--t-off; the checkpoint's default: ${loaded.cutoff})`);
      if (c.settings.tOff !== undefined && c.settings.tOff < loaded.defaultTOff) {
        c.warn(`warning: --t-off ${c.settings.tOff} weights below the checkpoint's cut-off t = ${loaded.defaultTOff}, where its own mode masses are off: the weights will pull toward those wrong masses`);
      }
    }
    // The composition's warnings now, before a long run; the run returns them again with its own.
    for (const w of parts.warnings) c.warn(`warning: ${w}`);
    const { generated, seconds } = await runSampler(c, loaded, settings, movie);
    const { points, result } = generated;
    const s = result.settings;
    for (const w of result.warnings.filter((w) => !parts.warnings.includes(w))) c.warn(`warning: ${w}`);
    const outside = loaded.dataset ? outsideOf(points, loaded.dataset, s.beta * loaded.targetPower) : undefined;
    const far = outside && outsideWarning(outside, s.n);
    if (far) c.warn(`warning: ${far}`);
    const modes = loaded.dataset?.modes ? modeSummary(points, loaded.dataset.modes, result.weights, s.beta * loaded.targetPower) : undefined;
    if (result.reactionRate !== undefined) c.log(`reaction rate: ${result.reactionRate.toPrecision(3)} (α = ${s.alpha} × ${(result.reactionRate / s.alpha).toPrecision(3)}, the product's Σ|λ|/Σλ: its path moves that much faster)`);
    if (result.acceptance !== undefined) c.log(`corrector acceptance: ${result.acceptance.toFixed(3)} (mean over its steps)`);
    if (modes) c.log(`mode weights: ${modes.estimated.map((w) => w.toFixed(3)).join(' ')} (target ${modes.target.map((w) => w.toFixed(3)).join(' ')}); error Σ|ŵ−π| = ${modes.error.toFixed(4)}`);
    const report = {
      models: c.models,
      ...(loaded.guidance && { guidance: { class: loaded.guidance.className, w: loaded.guidance.w, target: loaded.dataset ? loaded.dataset.name : { none: loaded.noTarget } } }),
      ...(c.models.length > 1 && { lambdas: loaded.lambdas, target: loaded.dataset ? { dataset: loaded.dataset.name, power: loaded.targetPower * s.beta } : { none: loaded.noTarget } }),
      dataset: loaded.base.meta.dataset,
      sampler: s.sampler,
      settings: { ...s, tOff: generated.tOff, tMin: s.tMin ?? loaded.base.sde.tMin },
      backend: c.backend,
      seconds: Number(seconds.toFixed(3)),
      msPerStepMedian: median(result.msPerStep),
      resampleCount: result.resampleCount,
      distinctAncestors: result.distinctAncestors,
      evaluations: result.evaluations,
      ...(result.acceptance !== undefined && { acceptance: result.acceptance }),
      ...(result.reactionRate !== undefined && { reactionRate: result.reactionRate }),
      // log ∫exp(−βU(·, t_end)) in model coordinates, estimated by fk's continuous weights.
      ...(result.logNormalizer !== undefined && { logNormalizer: result.logNormalizer }),
      warnings: [...result.warnings, ...(far ? [far] : [])],
      ...(outside && { outside: { count: outside.count, fraction: outside.fraction, box: outside.box } }),
      modes,
      trace: result.trace,
    };
    const picture = plot
      ? await chartBytes(
          scatterSpec([{ title: `${s.sampler}, ${s.steps} steps`, subtitle: modes ? `mode-weight error ${modes.error.toFixed(3)}` : '', points, weights: result.weights }], {
            ...withRange(pictureReference(loaded, s.beta), c.plotRange),
            title: c.models.map((m) => basename(m.replace(/\/$/, ''))).join(' × '),
          }),
          plot,
        )
      : undefined;
    const gif = movie?.finish();
    // The files are written together (all or none, also on a full disk), with no await between: a signal lands before or after all of them.
    await pollInterrupt();
    const files: [string, string | Uint8Array][] = [[out, formatSamplesCsv(points, result.weights)], [jsonOf(out), JSON.stringify(report, null, 2) + '\n']];
    if (plot && picture) files.push([plot, picture]);
    if (gif) files.push([c.animate!, gif]);
    for (const [f] of files) removeStaleTemps(dirname(resolve(f)), [f]);
    writeFilesAtomic(files);
    c.log(
      `wrote ${out} (${s.n} samples${result.weights ? ', weighted' : ''}), ${jsonOf(out)}${plot ? `, ${plot}` : ''}${movie ? `, ${c.animate} (${movie.frames} frames)` : ''} ` +
        `in ${seconds.toFixed(1)} s (${median(result.msPerStep).toFixed(1)} ms/step median)` +
        (result.resampleCount ? `; ${result.resampleCount} resamplings, ${result.distinctAncestors} distinct ancestors` : ''),
    );
    return { out, generated, modes };
  } finally {
    unlock?.();
    loaded.dispose();
  }
}

/** Runs the sampler with a progress bar for long runs and the GIF's frames; a signal stops it after the current step (InterruptedError). */
async function runSampler(c: SampleCommand, loaded: LoadedModels, settings: SampleSettings, movie?: Animation): Promise<{ generated: Generated; seconds: number }> {
  const bar = settings.steps * settings.n >= 20_000 ? progressBar('sample', settings.steps, 0, { ESS: '–' }) : undefined;
  const t0 = performance.now();
  try {
    const generated = await generate(loaded, {
      ...c.settings,
      onStep: async (s: StepInfo) => {
        movie?.onStep(s);
        bar?.update(s.step, { ESS: s.ess.toFixed(0) });
        await pollInterrupt();
      },
    });
    return { generated, seconds: (performance.now() - t0) / 1000 };
  } finally {
    bar?.stop();
  }
}

function describeModels(loaded: LoadedModels, paths: string[]): string {
  return loaded.models
    .map((m, i) => {
      const name = isExactSpec(paths[i]) ? paths[i] : resolve(paths[i]);
      const what = isExactSpec(paths[i]) ? `exact potential, ${m.sde.name} SDE ${JSON.stringify(m.sde.params)}, frame ${JSON.stringify(m.meta.standardization)}` : `${m.meta.dataset.name}, ${m.sde.name} SDE, step ${m.meta.training.step}`;
      return `${loaded.lambdas[i] !== 1 ? `(${name})^${loaded.lambdas[i]}` : name} (${what})`;
    })
    .join(' × ');
}

/**
 * Drawn faint under the samples, and the picture's axes (so every sampler's picture of the same
 * model has the same axes): the model's data, or a draw of a product's exact law (not one factor's
 * data), named for what it is. A product of one law with itself (p^k) draws nothing behind (p is
 * not its law) but still takes its axes from a draw of p, never from the run's own cloud.
 */
export function pictureReference(loaded: LoadedModels, beta = 1): { reference?: Points; referenceLabel?: string; domain?: [number, number, number, number] } {
  const power = loaded.targetPower * beta;
  // A guided class: the exact tilted law when it is known (its axes too), else the model's data.
  if (loaded.guidance && loaded.dataset) return { reference: loaded.dataset.sample(new Rng(0, 'picture-reference'), 4000), referenceLabel: beta === 1 ? 'exact tilted law' : 'exact tilted law (power 1)' };
  if (loaded.models.length === 1) return { reference: referencePoints(loaded.base.meta).points, referenceLabel: beta === 1 ? 'data' : 'data (p, not p^β)' };
  if (!loaded.dataset) return {};
  const draw = loaded.dataset.sample(new Rng(0, 'picture-reference'), 4000);
  if (loaded.targetPower !== 1) return { domain: scatterDomain([], { reference: draw }) };
  return { reference: draw, referenceLabel: power === 1 ? 'exact law' : `exact law (power 1, target power ${power})` };
}

/**
 * The animation's axes: the scatter picture's (so a GIF and a PNG of one model line up); without
 * a reference or --plot-range, ±3 standardised units around the data's mean.
 */
function animationDomain(loaded: LoadedModels, beta: number, range?: [number, number, number, number]): [number, number, number, number] {
  const p = withRange(pictureReference(loaded, beta), range);
  if (p.domain || p.reference) return scatterDomain([], p);
  const { mean, scale } = loaded.base.meta.standardization;
  return [mean[0] - 3 * scale, mean[0] + 3 * scale, mean[1] - 3 * scale, mean[1] + 3 * scale];
}

/** --plot-range, when given, over the default axes. */
const withRange = <T extends { domain?: [number, number, number, number] }>(p: T, range?: [number, number, number, number]): T => (range ? { ...p, domain: range } : p);
