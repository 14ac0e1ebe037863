// Bench section: the weights a user can trust (docs/math.md §4–§5). For the exact potential and
// for models trained by the default recipe (models/recipe/, under vp, subvp and ve): every
// sampler variant — em, pc, fk and wfr with each Feynman–Kac part (continuous, discrete, none) —
// at β ∈ {0.5, 1, 2} and several step counts; mode-weight error with its sampling floor,
// within-mode spread against the exact one, wall-clock seconds; and the picture a user reads
// to pick a sampler: quality against seconds.

import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { getDataset, type Dataset } from '../../../src/data/datasets.js';
import { unstandardize } from '../../../src/data/standardize.js';
import { modeSummary, modeWeightError, targetModeWeights } from '../../../src/metrics/modes.js';
import { exactMixturePotential } from '../../../src/model/exact.js';
import { generate, loadModels, type LoadedModels } from '../../../src/node/generate.js';
import { lineSpec, renderChart } from '../../../src/node/plot.js';
import { Rng } from '../../../src/rng.js';
import { sample } from '../../../src/sampling/sample.js';
import type { SampleSettings } from '../../../src/sampling/settings.js';
import { makeSde } from '../../../src/sde.js';
import { fmt, log, meanSd, seedsText, type BenchContext, type Section } from '../context.js';

type Stat = ReturnType<typeof meanSd>;

/** The variants measured, by label: a sampler and its Feynman–Kac part. */
export const VARIANTS: Record<string, Partial<SampleSettings>> = {
  em: { sampler: 'em' },
  pc: { sampler: 'pc' },
  'fk continuous': { sampler: 'fk', weights: 'continuous' },
  'fk discrete': { sampler: 'fk', weights: 'discrete' },
  'wfr continuous': { sampler: 'wfr', weights: 'continuous' },
  'wfr discrete': { sampler: 'wfr', weights: 'discrete' },
  'wfr none': { sampler: 'wfr', weights: 'none' },
  wfr: { sampler: 'wfr' },
};

export interface WeightsRow {
  model: string;
  variant: string;
  beta: number;
  steps: number;
  tOff: number;
  modeError: Stat;
  /** Within-mode std per coordinate (data units), mixtures only. */
  spread?: Stat;
  seconds: Stat;
}

/** Mean Σ|ŵ − π| of N categorical draws from π: what a perfect sampler scores at this N. */
export function modeErrorFloor(target: number[], n: number, draws = 40): number {
  const rng = new Rng(17, 'mode-floor');
  let total = 0;
  for (let d = 0; d < draws; d++) {
    const counts = new Array(target.length).fill(0);
    for (let i = 0; i < n; i++) {
      let u = rng.uniform();
      let k = 0;
      while (k < target.length - 1 && u >= target[k]) u -= target[k++];
      counts[k] += 1;
    }
    total += modeWeightError(counts.map((c) => c / n), target);
  }
  return total / draws;
}

export function spreadOf(ds: Dataset, pts: Float32Array): number | undefined {
  if (!ds.mixture) return undefined;
  let ss = 0;
  for (let i = 0; i < pts.length / 2; i++) {
    const c = ds.mixture.means[ds.modes!.assign(pts[2 * i], pts[2 * i + 1])];
    ss += (pts[2 * i] - c[0]) ** 2 + (pts[2 * i + 1] - c[1]) ** 2;
  }
  return Math.sqrt(ss / pts.length);
}

interface Subject {
  label: string;
  ds: Dataset;
  run: (o: Partial<SampleSettings>) => Promise<{ points: Float32Array; weights?: Float64Array; tOff: number }>;
  dispose(): void;
}

/** The exact potential of a mixture dataset: weights act to the end (t_off = 0). */
function exactSubject(name: string): Subject {
  const sde = makeSde('vp');
  const { dataset: ds, standardization, potential } = exactMixturePotential(name, sde);
  const src = { standardization };
  return {
    label: `${name}, exact potential`,
    ds,
    run: async (o) => {
      const r = await sample({ ...o, potential, sde, tOff: 0 });
      return { points: unstandardize(r.points, src.standardization), weights: r.weights, tOff: 0 };
    },
    dispose: () => {},
  };
}

function learnedSubject(path: string, m: LoadedModels): Subject {
  return {
    label: `${m.base.meta.dataset.name}, ${m.base.sde.name} (${path.replace(/^models\//, '')})`,
    ds: m.dataset!,
    run: async (o) => {
      const g = await generate(m, o);
      return { points: g.points, weights: g.result.weights, tOff: g.tOff };
    },
    dispose: () => m.dispose(),
  };
}

/** One subject over the grid of variants × β × K. */
async function study(ctx: BenchContext, s: Subject, grid: { variant: string; beta: number; steps: number }[]): Promise<WeightsRow[]> {
  const rows: WeightsRow[] = [];
  for (const g of grid) {
    const [err, spread, secs]: number[][] = [[], [], []];
    let tOff = 0;
    for (const seed of ctx.seeds) {
      const t0 = performance.now();
      const r = await s.run({ ...VARIANTS[g.variant], n: ctx.n, steps: g.steps, seed, beta: g.beta });
      secs.push((performance.now() - t0) / 1000);
      tOff = r.tOff;
      err.push(modeSummary(r.points, s.ds.modes!, r.weights, g.beta).error);
      const sp = spreadOf(s.ds, r.points);
      if (sp !== undefined) spread.push(sp);
    }
    const row: WeightsRow = { model: s.label, ...g, tOff, modeError: meanSd(err), spread: spread.length ? meanSd(spread) : undefined, seconds: meanSd(secs) };
    rows.push(row);
    log(`  ${s.label} ${g.variant} β=${g.beta} K=${g.steps}: ${fmt(row.modeError.mean)} ± ${fmt(row.modeError.sd)}${row.spread ? `, spread ${row.spread.mean.toFixed(3)}` : ''}, ${row.seconds.mean.toFixed(2)} s`);
  }
  return rows;
}

/** The grid: every variant at β = 1 over K, and the weighted ones (and em) at β = 0.5, 2. */
function gridFor(ctx: BenchContext, variants: string[], annealed: string[]): { variant: string; beta: number; steps: number }[] {
  const ks = ctx.quick ? [5] : [10, 20, 100, 500];
  const kb = ctx.quick ? [5] : [20, 100];
  return [
    ...variants.flatMap((variant) => ks.map((steps) => ({ variant, beta: 1, steps }))),
    ...[0.5, 2].flatMap((beta) => annealed.flatMap((variant) => kb.map((steps) => ({ variant, beta, steps })))),
  ];
}

/** The recipe checkpoints of a dataset that exist, vp first. */
export const recipeModels = (dataset: string) => ['vp', 'subvp', 've'].map((sde) => `models/recipe/${dataset}-${sde}`).filter((p) => existsSync(join(p, 'model.json')));

/** One dataset's share: the exact potential when it has one, its vp recipe model in full, the other SDEs' in brief. */
export async function weightsFor(ctx: BenchContext, dataset: string): Promise<WeightsRow[]> {
  const all = Object.keys(VARIANTS).filter((v) => v !== 'wfr');
  const fkParts = ['em', 'wfr continuous', 'wfr discrete', 'wfr none'];
  const rows: WeightsRow[] = [];
  const subjects: [Subject, ReturnType<typeof gridFor>][] = [];
  if (getDataset(dataset).mixture) subjects.push([exactSubject(dataset), gridFor(ctx, all, fkParts)]);
  const [vp, ...others] = ctx.quick ? recipeModels(dataset).slice(0, 1) : recipeModels(dataset);
  if (vp) subjects.push([learnedSubject(vp, await loadModels([vp])), gridFor(ctx, all, fkParts)]);
  for (const p of others) {
    const brief = ctx.quick ? [] : [{ variant: 'em', beta: 1, steps: 500 }, ...['em', 'wfr'].flatMap((variant) => [20, 100].flatMap((steps) => [0.5, 1, 2].map((beta) => ({ variant, beta, steps }))))];
    subjects.push([learnedSubject(p, await loadModels([p])), brief]);
  }
  for (const [s, grid] of subjects) {
    rows.push(...(await study(ctx, s, grid)));
    s.dispose();
  }
  return rows;
}

const cell = (r: WeightsRow | undefined) => (r ? `${fmt(r.modeError.mean)} ± ${fmt(r.modeError.sd)}${r.spread ? ` (${r.spread.mean.toFixed(3)})` : ''}` : '—');
const find = (rows: WeightsRow[], model: string, variant: string, beta: number, steps: number) =>
  rows.find((r) => r.model === model && r.variant === variant && r.beta === beta && r.steps === steps);

/** The exact mode masses of p^β of a model's dataset, for the floors. */
const floorOf = (model: string, beta: number, n: number) => {
  const name = model.split(',')[0];
  return modeErrorFloor(targetModeWeights(getDataset(name).modes!, beta), n);
};

export async function weightsSection(ctx: BenchContext, rows: WeightsRow[], defaultPart: string): Promise<Section> {
  const models = [...new Set(rows.map((r) => r.model))];
  const full = models.filter((m) => rows.some((r) => r.model === m && r.variant === 'wfr none'));
  const brief = models.filter((m) => !full.includes(m));
  const parts = ['em', 'fk continuous', 'fk discrete', 'wfr continuous', 'wfr discrete', 'wfr none'];
  const md = [
    '### Which Feynman–Kac part for wfr? (exact potential and default-recipe models)',
    '',
    `Mode-weight error Σ|ŵ − π| against the exact masses of p^β (mean ± sd over ${seedsText(ctx.seeds)}, N = ${ctx.n}); ` +
      'in brackets the within-mode spread per coordinate (exact: 0.354/√β for eight-gaussians-imbalanced). The floor is what ' +
      `N exact draws score. wfr's default part: **${defaultPart}**.`,
    '',
    `| model | β | steps | ${parts.join(' | ')} | floor |`,
    `|---|---|---|${parts.map(() => '---|').join('')}---|`,
  ];
  for (const m of full) {
    for (const beta of [1, 0.5, 2]) {
      for (const k of [...new Set(rows.filter((r) => r.model === m && r.beta === beta).map((r) => r.steps))]) {
        md.push(`| ${m} | ${beta} | ${k} | ${parts.map((p) => cell(find(rows, m, p, beta, k))).join(' | ')} | ${fmt(floorOf(m, beta, ctx.n))} |`);
      }
    }
  }
  md.push('');
  // Quality against seconds: the curve a user reads to pick a sampler (β = 1).
  for (const m of full) {
    const series = Object.keys(VARIANTS)
      .map((v) => ({ v, rs: rows.filter((r) => r.model === m && r.variant === v && r.beta === 1).sort((a, b) => a.steps - b.steps) }))
      .filter((s) => s.rs.length > 0)
      .map(({ v, rs }) => ({ name: v, x: rs.map((r) => r.seconds.mean), y: rs.map((r) => Math.max(r.modeError.mean, 1e-3)) }));
    const file = `quality-vs-seconds-${m.replace(/[^a-z0-9]+/gi, '-').replace(/-+$/, '')}.png`;
    await renderChart(lineSpec(series, { title: `${m}: mode-weight error vs seconds (N = ${ctx.n}, K = 10…500)`, xTitle: 'seconds per run', yTitle: 'mode-weight error', logX: true, logY: true, points: true }), join(ctx.out, file));
    md.push(`![quality vs seconds](${file})`);
  }
  md.push('');
  if (brief.length || full.length) {
    md.push(
      '### Every SDE: models from the default recipe (em against wfr, its default part)',
      '',
      `Mode-weight error (spread) as above; t_off from each checkpoint's measured cut-off. wfr at β ≠ 1 against the exact masses of p^β.`,
      '',
      '| model | t_off | em, 20 | em, 500 | wfr, 20 | wfr, 100 | wfr β = 0.5, 100 | wfr β = 2, 100 | floor (β = 1 / 0.5 / 2) |',
      '|---|---|---|---|---|---|---|---|---|',
    );
    for (const m of [...full, ...brief]) {
      const wfr = full.includes(m) ? defaultPart : 'wfr';
      const r = (v: string, beta: number, k: number) => cell(find(rows, m, v, beta, k));
      const tOff = rows.find((x) => x.model === m && x.variant !== 'em')?.tOff ?? 0;
      const floors = [1, 0.5, 2].map((b) => fmt(floorOf(m, b, ctx.n))).join(' / ');
      md.push(`| ${m} | ${tOff} | ${r('em', 1, 20)} | ${r('em', 1, 500)} | ${r(wfr, 1, 20)} | ${r(wfr, 1, 100)} | ${r(wfr, 0.5, 100)} | ${r(wfr, 2, 100)} | ${floors} |`);
    }
    md.push('');
  }
  return { md, json: { weights: rows } };
}
