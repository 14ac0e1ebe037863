// Bench section: wfr's kernel floor b_min, fixed (--b-min, model units) against the 'fisher' rule
// read off the particles' scores (src/sampling/kernelFloor.ts): mode error against the exact
// (annealed) masses, and the within-mode spread against the exact one, on targets whose mode
// widths differ by a factor of 50 in model units — gmm40 at β = 3 in FKC's x/50 frame and in a
// fitted frame, the 8- and 25-mode mixtures, and learned models. About five minutes on 2 cores.

import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { getDataset } from '../../../src/data/datasets.js';
import { modeSummary, targetModeWeights } from '../../../src/metrics/modes.js';
import { generate, loadModels } from '../../../src/node/generate.js';
import type { ExactModelOptions } from '../../../src/model/exactModel.js';
import type { SampleSettings } from '../../../src/sampling/settings.js';
import { fmt, log, meanSd, seedsText, type BenchContext, type Section } from '../context.js';
import { FKC_EXACT } from './fkcRuns.js';
import { modeErrorFloor, spreadOf } from './weights.js';

interface Case {
  label: string;
  model: string;
  exact?: ExactModelOptions;
  beta: number;
  n: number;
  /** The fixed floors compared (model units); the default 0.1 first. */
  fixed: number[];
}

const CASES: Case[] = [
  { label: 'gmm40, exact, FKC frame (x/50, ve0)', model: 'exact:gmm40', exact: FKC_EXACT, beta: 3, n: 10000, fixed: [0.1, 0.01] },
  { label: 'gmm40, exact, data frame (ve0)', model: 'exact:gmm40', exact: { sde: 've0', sdeParams: { sigmaMin: 0.01, sigmaMax: 10 } }, beta: 3, n: 10000, fixed: [0.1, 0.01] },
  { label: 'gmm40, learned (models/fkc/gmm40)', model: 'models/fkc/gmm40', beta: 3, n: 10000, fixed: [0.1] },
  { label: 'twenty-five-gaussians, exact', model: 'exact:twenty-five-gaussians', beta: 1, n: 4000, fixed: [0.1] },
  { label: 'eight-gaussians-imbalanced, exact', model: 'exact:eight-gaussians-imbalanced', beta: 2, n: 4000, fixed: [0.1] },
  { label: 'eight-gaussians-imbalanced, learned (shipped)', model: 'models/eight-gaussians-imbalanced', beta: 1, n: 4000, fixed: [0.1] },
  { label: 'eight-gaussians-imbalanced, learned (shipped)', model: 'models/eight-gaussians-imbalanced', beta: 2, n: 4000, fixed: [0.1] },
];

export interface KernelFloorRow {
  label: string;
  beta: number;
  n: number;
  rule: string;
  modeError: ReturnType<typeof meanSd>;
  spread: ReturnType<typeof meanSd>;
  exactSpread: number;
  floor: number;
}

async function caseRows(ctx: BenchContext, c: Case, steps: number): Promise<KernelFloorRow[]> {
  const loaded = await loadModels([c.model], c.exact ? { exact: c.exact } : {});
  const ds = getDataset(loaded.base.meta.dataset.name);
  const n = ctx.quick ? 300 : c.n;
  const rules: [string, Partial<SampleSettings>][] = [
    ...c.fixed.map((b): [string, Partial<SampleSettings>] => [`fixed ${b}`, { bMin: b }]),
    ['fisher', { bMinRule: 'fisher' }],
    ['fisher, α = 60', { bMinRule: 'fisher', alpha: 60 }],
  ];
  const rows: KernelFloorRow[] = [];
  try {
    for (const [rule, settings] of rules) {
      const errs: number[] = [];
      const spreads: number[] = [];
      for (const seed of ctx.seeds) {
        const g = await generate(loaded, { sampler: 'wfr', steps, n, seed, beta: c.beta, ...settings });
        errs.push(modeSummary(g.points, ds.modes!, g.result.weights, c.beta).error);
        spreads.push(spreadOf(ds, g.points)!);
      }
      const row: KernelFloorRow = {
        label: c.label, beta: c.beta, n, rule,
        modeError: meanSd(errs), spread: meanSd(spreads),
        exactSpread: ds.mixture!.std / Math.sqrt(c.beta),
        floor: modeErrorFloor(targetModeWeights(ds.modes!, c.beta), n),
      };
      rows.push(row);
      log(`  ${c.label} β=${c.beta} ${rule}: mode error ${fmt(row.modeError.mean)} (floor ${fmt(row.floor)}), spread ${fmt(row.spread.mean)} (exact ${fmt(row.exactSpread)})`);
    }
  } finally {
    loaded.dispose();
  }
  return rows;
}

export async function kernelFloorSection(ctx: BenchContext): Promise<Section> {
  log("== wfr's kernel floor: fixed b-min against the fisher rule");
  const steps = ctx.quick ? 5 : 100;
  const rows: KernelFloorRow[] = [];
  for (const c of CASES) {
    if (!c.model.startsWith('exact:') && !existsSync(join(c.model, 'model.json'))) {
      log(`  (skipped ${c.model}: not trained)`);
      continue;
    }
    rows.push(...(await caseRows(ctx, c, steps)));
  }
  const md = [
    "### wfr's kernel floor: a fixed b-min against the fisher rule",
    '',
    `wfr at K = ${steps}, mean ± sd over ${seedsText(ctx.seeds)}. Mode-weight error Σ|ŵ − π| against the exact masses of p^β and its floor (the mean error of N exact draws); ` +
      "spread: the per-coordinate std around the nearest centre, against the exact σ/√β of the mixture's components. " +
      '`fixed b` is `--b-min b` (model units; 0.1 was the default before the fisher rule); `fisher` is `--b-min-rule fisher`, the default: at each step N^(−1/6)·σ̂ with σ̂² = 2/mean‖β∇U‖² over the particles; ' +
      'α = 60 is a faster reaction (default 20), which the fisher floor makes worthwhile: with a fixed floor a faster reaction pulls harder toward the blurred ρ̂ and over-sharpens the modes.',
    '',
    '| target | β | N | rule | mode error | floor | spread | exact spread |',
    '|---|---|---|---|---|---|---|---|',
    ...rows.map((r) => `| ${r.label} | ${r.beta} | ${r.n} | ${r.rule} | ${fmt(r.modeError.mean)} ± ${fmt(r.modeError.sd)} | ${fmt(r.floor)} | ${fmt(r.spread.mean)} | ${fmt(r.exactSpread)} |`),
    '',
  ];
  return { md, json: { kernelFloor: rows } };
}
