// Bench section: composition and annealing against exact answers (docs/math.md §4d, §7). Learned
// models annealed to p^β (β ∈ {0.5, 2, 3}: forty-gaussians, the literature's benchmark, and the
// default-recipe double-well) and learned products of the blobs family (trained in one frame), with
// the exact potentials' products beside them; every sampler variant at K ∈ {20, 100}; mode-weight
// error against the exact masses (data/mixture.ts) with its floor; a picture of each.

import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { getDataset, productDataset, type Dataset } from '../../../src/data/datasets.js';
import { mixtureDataset } from '../../../src/data/mixture.js';
import { unstandardize } from '../../../src/data/standardize.js';
import { mmd2 } from '../../../src/metrics/distances.js';
import { modeSummary } from '../../../src/metrics/modes.js';
import { ExactPotential, standardizeMixture } from '../../../src/model/exact.js';
import { SumPotential } from '../../../src/model/potential.js';
import { generate, loadModels } from '../../../src/node/generate.js';
import { renderChart, scatterSpec } from '../../../src/node/plot.js';
import { Rng } from '../../../src/rng.js';
import { sample } from '../../../src/sampling/sample.js';
import type { SampleSettings } from '../../../src/sampling/settings.js';
import { makeSde } from '../../../src/sde.js';
import { fmt, log, meanSd, seedsText, type BenchContext, type Section } from '../context.js';
import { modeErrorFloor, VARIANTS } from './weights.js';

type Stat = ReturnType<typeof meanSd>;

export interface ComposeRow {
  subject: string;
  variant: string;
  beta: number;
  steps: number;
  tOff: number;
  modeError: Stat;
  /** Modes carrying ≥ 1% of the target's mass that got at least a tenth of it. */
  covered: Stat;
  /** MMD² against an exact draw of the target (β = 1 only, where the law can be drawn). */
  mmd?: Stat;
  seconds: Stat;
}

interface Subject {
  label: string;
  /** The law at β = 1 (a mixture, or double-well); scored at β·power. */
  target: Dataset;
  power: number;
  betas: number[];
  run(o: Partial<SampleSettings>): Promise<{ points: Float32Array; weights?: Float64Array; tOff: number }>;
  dispose(): void;
}

const COMPOSE = 'models/compose';
const VARIANT_NAMES = ['em', 'fk continuous', 'fk discrete', 'wfr continuous', 'wfr discrete', 'wfr'];

/** Checkpoints, as a product when several: the target and cut-off come from loadModels. */
async function learned(label: string, paths: string[], betas: number[]): Promise<Subject | undefined> {
  if (!paths.every((p) => existsSync(join(p, 'model.json')))) return log(`  (skipped ${label}: ${paths.join(', ')} not trained)`), undefined;
  const m = await loadModels(paths);
  return {
    label,
    target: m.dataset!,
    power: m.targetPower,
    betas,
    run: async (o) => {
      const g = await generate(m, o);
      return { points: g.points, weights: g.result.weights, tOff: g.tOff };
    },
    dispose: () => m.dispose(),
  };
}

/** The sum of the factors' exact noised potentials: what a perfect model of each factor gives. */
function exactProduct(names: string[]): Subject {
  const sde = makeSde('vp');
  const frame = { mean: [0, 0] as [number, number], scale: 1 };
  const potential = new SumPotential(names.map((n) => new ExactPotential(standardizeMixture(getDataset(n).mixture!, frame), sde)));
  return {
    label: `${names.join(' × ')}, exact factors`,
    target: productDataset(names),
    power: 1,
    betas: [1],
    run: async (o) => {
      const r = await sample({ ...o, potential, sde, tOff: 0 });
      return { points: unstandardize(r.points, frame), weights: r.weights, tOff: 0 };
    },
    dispose: () => {},
  };
}

async function subjects(ctx: BenchContext): Promise<Subject[]> {
  const betas = ctx.quick ? [2] : [0.5, 2, 3];
  const xy = ['blobs-x', 'blobs-y'].map((n) => `${COMPOSE}/${n}`);
  const all = [
    exactProduct(['blobs-x', 'blobs-y']),
    await learned('blobs-x × blobs-y, learned', xy, [1]),
    ...(ctx.quick ? [] : [exactProduct(['blobs-x', 'blobs-y', 'blobs-diagonal']), await learned('blobs-x × blobs-y × blobs-diagonal, learned', [...xy, `${COMPOSE}/blobs-diagonal`], [1])]),
    await learned('forty-gaussians, ve', [`${COMPOSE}/forty-gaussians`], betas),
    // eight-gaussians-imbalanced's annealed rows are in the weights section; double-well is where π^β was wrong.
    ...(ctx.quick ? [] : [await learned('double-well, vp recipe', ['models/recipe/double-well-vp'], betas)]),
  ];
  return all.filter((s): s is Subject => s !== undefined);
}

/** Modes with ≥ 1% of the target mass, and how many of them got ≥ a tenth of it. */
function coverage(estimated: number[], target: number[]): { big: number; covered: number } {
  const big = target.map((t, k) => [t, estimated[k]]).filter(([t]) => t >= 0.01);
  return { big: big.length, covered: big.filter(([t, e]) => e >= 0.1 * t).length };
}

async function study(ctx: BenchContext, s: Subject): Promise<{ rows: ComposeRow[]; pictures: Record<string, { points: Float32Array; weights?: Float64Array }> }> {
  const rows: ComposeRow[] = [];
  const pictures: Record<string, { points: Float32Array; weights?: Float64Array }> = {};
  const ref = s.target.sample(new Rng(5, 'compose-reference'), ctx.n);
  const ks = ctx.quick ? [5] : [20, 100];
  for (const beta of s.betas) {
    for (const variant of ctx.quick ? ['em', 'wfr'] : VARIANT_NAMES) {
      for (const steps of ks) {
        const [err, cov, mmd, secs]: number[][] = [[], [], [], []];
        let tOff = 0;
        for (const seed of ctx.seeds) {
          const t0 = performance.now();
          const r = await s.run({ ...VARIANTS[variant], n: ctx.n, steps, seed, beta });
          secs.push((performance.now() - t0) / 1000);
          tOff = r.tOff;
          const m = modeSummary(r.points, s.target.modes!, r.weights, beta * s.power);
          err.push(m.error);
          cov.push(coverage(m.estimated, m.target).covered);
          if (beta * s.power === 1) mmd.push(mmd2({ points: r.points, weights: r.weights }, { points: ref }));
          if (seed === ctx.seeds[0] && steps === ks[ks.length - 1] && (variant === 'em' || variant === 'wfr')) pictures[`${variant} β=${beta}`] = r;
        }
        const row: ComposeRow = { subject: s.label, variant, beta, steps, tOff, modeError: meanSd(err), covered: meanSd(cov), mmd: mmd.length ? meanSd(mmd) : undefined, seconds: meanSd(secs) };
        rows.push(row);
        log(`  ${s.label} ${variant} β=${beta} K=${steps}: ${fmt(row.modeError.mean)} ± ${fmt(row.modeError.sd)}${row.mmd ? `, MMD² ${fmt(row.mmd.mean)}` : ''}, ${row.seconds.mean.toFixed(2)} s`);
      }
    }
  }
  return { rows, pictures };
}

/** A draw of the target p^β for the picture: exact at β = 1; for β ≠ 1 the components narrowed to std/√β with the exact cell masses (what p^β is, up to overlaps). */
function targetDraw(s: Subject, beta: number, n: number): Float32Array {
  const m = s.target.mixture;
  const b = beta * s.power;
  if (b === 1 || !m) return s.target.sample(new Rng(6, 'compose-picture'), n);
  return mixtureDataset('annealed', { means: m.means, weights: s.target.modes!.annealed!(b), std: m.std / Math.sqrt(b) }).sample(new Rng(6, 'compose-picture'), n);
}

export async function composeSection(ctx: BenchContext): Promise<Section> {
  log('== composition and annealing against exact targets');
  const rows: ComposeRow[] = [];
  const md = [
    '### Products and annealing against exact answers',
    '',
    `Mode-weight error Σ|ŵ − π| against the exact masses of the target (products of mixtures in closed form, p^β by integration; mean ± sd over ${seedsText(ctx.seeds)}, N = ${ctx.n}); ` +
      'MMD² against an exact draw where the target can be drawn (β = 1). em uses the summed (or β-scaled) score; fk and wfr weight toward the target. ' +
      'The learned products are of models trained separately, each on its own dataset, in one frame (`--frame standard`).',
    '',
    `| subject | β | K | ${VARIANT_NAMES.join(' | ')} | floor |`,
    `|---|---|---|${VARIANT_NAMES.map(() => '---|').join('')}---|`,
  ];
  const figures: string[] = [];
  const covered = ['', 'Modes carrying ≥ 1% of the target mass that got at least a tenth of it (mean over seeds):', '', '| subject | β | modes ≥ 1% | em | wfr |', '|---|---|---|---|---|'];
  for (const s of await subjects(ctx)) {
    const { rows: rs, pictures } = await study(ctx, s);
    s.dispose();
    rows.push(...rs);
    for (const beta of s.betas) {
      const target = s.target.modes!.annealed!(beta * s.power);
      const floor = modeErrorFloor(target, ctx.n);
      for (const k of [...new Set(rs.map((r) => r.steps))]) {
        const cells = VARIANT_NAMES.map((v) => {
          const r = rs.find((x) => x.variant === v && x.beta === beta && x.steps === k);
          return r ? `${fmt(r.modeError.mean)} ± ${fmt(r.modeError.sd)}${r.mmd ? ` (MMD² ${fmt(r.mmd.mean)})` : ''}` : '—';
        });
        md.push(`| ${s.label} | ${beta} | ${k} | ${cells.join(' | ')} | ${fmt(floor)} |`);
      }
      const big = coverage(target, target).big;
      const at = (v: string) => rs.filter((r) => r.variant === v && r.beta === beta).map((r) => `${r.covered.mean.toFixed(1)} (K = ${r.steps})`).join(', ');
      if (big > 4) covered.push(`| ${s.label} | ${beta} | ${big} | ${at('em')} | ${at('wfr')} |`);
      const main = s.betas.length > 1 ? beta === Math.max(...s.betas) : true;
      if (main && pictures[`wfr β=${beta}`]) {
        const file = `compose-${s.label.replace(/[^a-z0-9]+/gi, '-').replace(/-+$/, '').toLowerCase()}-beta${beta}.png`;
        const k = rs.at(-1)!.steps;
        const panel = (v: string) => ({ title: `${v}, ${k} steps`, points: pictures[`${v} β=${beta}`].points, weights: pictures[`${v} β=${beta}`].weights });
        await renderChart(scatterSpec([{ title: beta * s.power === 1 ? 'exact target' : `target p^${beta * s.power}`, points: targetDraw(s, beta, ctx.n) }, panel('em'), panel('wfr')], { title: `${s.label}, β = ${beta}` }), join(ctx.out, file));
        figures.push(`![${s.label}, β = ${beta}](${file})`);
      }
    }
  }
  md.push(...(covered.length > 5 ? covered : []), '', ...figures, '');
  return { md, json: { compose: rows } };
}
