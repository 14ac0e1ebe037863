// `npm run sample` as a function: load the checkpoints, run the sampler, then write the samples
// CSV (data units), a JSON report beside it and a scatter picture — the picture is rendered
// before anything is written, so a failure leaves no partial outputs.

import { basename, dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatSamplesCsv } from '../data/csv.js';
import { modeSummary, type ModeSummary } from '../metrics/modes.js';
import { getSampler, isWeighted } from '../sampling/samplers.js';
import { resolveSampleSettings, type SampleSettings } from '../sampling/settings.js';
import { median } from '../stats.js';
import { checkOutFile, removeStaleTemps, writeFilesAtomic } from './files.js';
import { generate, loadModels, type Generated, type LoadedModels } from './generate.js';
import type { Points } from '../data/datasets.js';
import { outsideWarning } from '../metrics/outside.js';
import { isExactSpec, type ExactModelOptions } from '../model/exactModel.js';
import { Rng } from '../rng.js';
import { chartBytes, scatterSpec } from './plot.js';
import { progressBar } from './progress.js';
import { pollInterrupt, watchInterrupt } from './interrupt.js';
import { checkAnnealedTarget, outsideOf } from './targetCheck.js';
import { acquireLock } from './lock.js';
import { referencePoints } from './referenceData.js';

const SHIPPED = resolve(fileURLToPath(import.meta.url), '../../../models');

export interface SampleCommand {
  models: string[];
  /** Exponents of a product ∏pᵢ^λᵢ, one per model (default all 1). */
  lambdas?: number[];
  /** SDE and frame of exact:NAME models. */
  exact?: ExactModelOptions;
  settings: Partial<SampleSettings>;
  out?: string;
  plot?: string;
  noPlot?: boolean;
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
  const loaded = await loadModels(c.models, { lambdas: c.lambdas, exact: c.exact });
  let unlock: (() => void) | undefined;
  try {
    c.log(`model${c.models.length > 1 ? 's' : ''}: ${describeModels(loaded, c.models)}`);
    if (loaded.noTarget) c.log(`no exact target to score against: ${loaded.noTarget}`);
    else if (c.models.length > 1) c.log(`target: the exact product ${loaded.dataset!.name}${loaded.targetPower !== 1 ? ` to the power ${loaded.targetPower}` : ''} (a Gaussian mixture)`);
    const settings = resolveSampleSettings(c.settings);
    const sampler = settings.sampler;
    const out = c.out ?? defaultOut(c.models, sampler);
    if (!out.endsWith('.csv')) throw new Error(`--out must name a .csv file, got ${out}`);
    const plot = c.noPlot ? undefined : c.plot ?? out.replace(/\.csv$/, '.png');
    // Every output path is checked before sampling: a bad one fails now, not after the run.
    checkOutFile(out, '--out');
    checkOutFile(jsonOf(out), '--out (its .json report)');
    if (plot) checkOutFile(plot, '--plot', ['.png', '.svg']);
    // One run per output: a second one on the same --out stops here instead of replacing the first's files.
    unlock = acquireLock(dirname(resolve(out)), c.log, { name: `${basename(out)}.lock`, holder: `another sampling run is writing ${out}` });
    checkAnnealedTarget(loaded.dataset, settings.beta * loaded.targetPower);
    announce(c, loaded, settings);
    const { generated, seconds } = await runSampler(c, loaded, settings);
    const { points, result } = generated;
    const s = result.settings;
    for (const w of result.warnings) c.warn(`warning: ${w}`);
    const outside = loaded.dataset ? outsideOf(points, loaded.dataset, s.beta * loaded.targetPower) : undefined;
    const far = outside && outsideWarning(outside, s.n);
    if (far) c.warn(`warning: ${far}`);
    const modes = loaded.dataset?.modes ? modeSummary(points, loaded.dataset.modes, result.weights, s.beta * loaded.targetPower) : undefined;
    if (modes) c.log(`mode weights: ${modes.estimated.map((w) => w.toFixed(3)).join(' ')} (target ${modes.target.map((w) => w.toFixed(3)).join(' ')}); error Σ|ŵ−π| = ${modes.error.toFixed(4)}`);
    const report = {
      models: c.models,
      ...(c.models.length > 1 && { lambdas: loaded.lambdas, target: loaded.dataset ? { dataset: loaded.dataset.name, power: loaded.targetPower * s.beta } : { none: loaded.noTarget } }),
      dataset: loaded.base.meta.dataset,
      sampler: s.sampler,
      settings: { ...s, tOff: generated.tOff, tMin: s.tMin ?? loaded.base.sde.tMin },
      backend: c.backend,
      seconds: Number(seconds.toFixed(3)),
      msPerStepMedian: median(result.msPerStep),
      resampleCount: result.resampleCount,
      distinctAncestors: result.distinctAncestors,
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
            reference: pictureReference(loaded),
            title: c.models.map((m) => basename(m.replace(/\/$/, ''))).join(' × '),
          }),
          plot,
        )
      : undefined;
    // The three files are written together (all or none, also on a full disk), with no await between: a signal lands before or after all of them.
    await pollInterrupt();
    for (const f of [out, jsonOf(out), ...(plot ? [plot] : [])]) removeStaleTemps(dirname(resolve(f)), [f]);
    writeFilesAtomic([[out, formatSamplesCsv(points, result.weights)], [jsonOf(out), JSON.stringify(report, null, 2) + '\n'], ...(plot && picture ? [[plot, picture] as [string, Uint8Array]] : [])]);
    c.log(
      `wrote ${out} (${s.n} samples${result.weights ? ', weighted' : ''}), ${jsonOf(out)}${plot ? `, ${plot}` : ''} ` +
        `in ${seconds.toFixed(1)} s (${median(result.msPerStep).toFixed(1)} ms/step median)` +
        (result.resampleCount ? `; ${result.resampleCount} resamplings, ${result.distinctAncestors} distinct ancestors` : ''),
    );
    return { out, generated, modes };
  } finally {
    loaded.dispose();
    unlock?.();
  }
}

/** The sampler, and where its weights act, in words, with the warnings its settings call for. */
function announce(c: SampleCommand, loaded: LoadedModels, settings: SampleSettings): void {
  const spec = getSampler(settings.sampler);
  c.log(`${settings.sampler}: ${spec.description}; N = ${settings.n}, ${settings.steps} steps, seed ${settings.seed}`);
  if (!isWeighted(spec, c.settings.corrector)) return;
  c.log(c.settings.tOff === undefined ? loaded.cutoff : `weights act for t ≥ ${c.settings.tOff} (--t-off; the checkpoint's default: ${loaded.cutoff})`);
  if (c.settings.tOff !== undefined && c.settings.tOff < loaded.defaultTOff) {
    c.warn(`warning: --t-off ${c.settings.tOff} weights below the checkpoint's cut-off t = ${loaded.defaultTOff}, where its own mode masses are off: the weights will pull toward those wrong masses`);
  }
  if (spec.weights !== 'none' && !spec.reaction && settings.beta !== 1) {
    c.warn(`warning: fk alone at β ≠ 1 tends to collapse onto a few ancestors (its weights have nothing to rebalance them between resamplings): wfr is the sampler for annealed targets`);
  }
}

/** Runs the sampler with a progress bar for long runs; a signal stops it after the current step (InterruptedError). */
async function runSampler(c: SampleCommand, loaded: LoadedModels, settings: SampleSettings): Promise<{ generated: Generated; seconds: number }> {
  const bar = settings.steps * settings.n >= 20_000 ? progressBar('sample', settings.steps, 0, { ESS: '–' }) : undefined;
  const t0 = performance.now();
  try {
    const generated = await generate(loaded, {
      ...c.settings,
      onStep: async (s) => {
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

/** Drawn faint under the samples: the model's data, or a draw of a product's exact law (not one factor's data, which would set the axes). */
function pictureReference(loaded: LoadedModels): Points | undefined {
  if (loaded.models.length === 1) return referencePoints(loaded.base.meta).points;
  return loaded.dataset && loaded.targetPower === 1 ? loaded.dataset.sample(new Rng(0, 'picture-reference'), 4000) : undefined;
}
