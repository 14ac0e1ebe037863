// `npm run eval` as functions: score a samples file against a built-in law or the user's own
// data, sample a checkpoint and score that, or report the mode masses of a model's own density
// over t. Each returns the JSON report; the CLI prints and writes it.

import { readFileSync } from 'node:fs';
import { parsePointsCsv, parseSamplesCsv } from '../data/csv.js';
import { getDataset } from '../data/datasets.js';
import { evaluateSamples, type MetricRow } from '../metrics/report.js';
import { massErrors, MASS_TIMES, type MassReport } from '../metrics/potentialMasses.js';
import type { SampleSettings } from '../sampling/settings.js';
import { generate, loadModels } from './generate.js';
import { progressBar } from './progress.js';

export interface EvalReport {
  rows?: MetricRow[];
  masses?: MassReport[];
  report: Record<string, unknown>;
}

/** Scores a samples CSV against a built-in dataset's law or a reference CSV of the user's. */
export function evalSamplesFile(o: { samples: string; dataset?: string; data?: string; referenceSeed: number; log: (s: string) => void }): EvalReport {
  if (!o.dataset === !o.data) throw new Error('--samples needs exactly one of --dataset NAME (a built-in law) or --data REF.csv (your own data)');
  const { points, weights } = parseSamplesCsv(readFileSync(o.samples, 'utf8'), o.samples);
  const n = points.length / 2;
  o.log(`scoring ${n} samples${weights ? ' (weighted)' : ''} against ${o.dataset ?? o.data} …`);
  const rows = o.dataset
    ? evaluateSamples({ points, weights }, getDataset(o.dataset), { seed: o.referenceSeed })
    : evaluateSamples({ points, weights }, undefined, { seed: o.referenceSeed, reference: parsePointsCsv(readFileSync(o.data!, 'utf8'), o.data!) });
  return { rows, report: { samples: o.samples, dataset: o.dataset, data: o.data, n, weighted: !!weights, metrics: rows } };
}

/** Samples checkpoints with the given settings and scores the result against the dataset. */
export async function evalModel(o: { models: string[]; settings: Partial<SampleSettings>; referenceSeed: number; backend: string; log: (s: string) => void }): Promise<EvalReport> {
  const loaded = await loadModels(o.models);
  try {
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
    const rows = evaluateSamples({ points: g.points, weights: g.result.weights }, loaded.dataset, { seed: o.referenceSeed, beta: s.beta });
    return {
      rows,
      report: { models: o.models, dataset: loaded.base.meta.dataset.name, backend: o.backend, sampler: s.sampler, steps: s.steps, n: s.n, seed: s.seed, tOff: g.tOff, beta: s.beta, settings: s, metrics: rows },
    };
  } finally {
    loaded.dispose();
  }
}

/** Mode masses of exp(−U(·, t)) of one model against the exact p_t, at MASS_TIMES. */
export async function evalPotentialMasses(o: { models: string[]; backend: string }): Promise<EvalReport> {
  const loaded = await loadModels(o.models);
  try {
    const dataset = loaded.dataset;
    if (!dataset?.modes) throw new Error(`--potential-masses needs a single model of a dataset with modes, not ${loaded.base.meta.dataset.name}`);
    const masses = massErrors(loaded.potential, dataset, loaded.base.sde, loaded.base.meta.standardization, MASS_TIMES);
    return { masses, report: { models: o.models, dataset: loaded.base.meta.dataset.name, backend: o.backend, potentialMasses: masses } };
  } finally {
    loaded.dispose();
  }
}
