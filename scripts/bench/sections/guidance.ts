// Bench section: guidance against the exact tilted law (docs/guidance.md). On the exact
// eight-gaussians-imbalanced, class = components 0–3 (the upper half of the ring): guided em
// (classifier-free guidance) against fk and wfr weighting toward the tilted path, at w ∈ {0.5, 1,
// 2, 4} and K ∈ {20, 100}, mode-weight error against the exact tilted masses (data/tilted.ts)
// with its floor and the mass left outside the class; then the MALA corrector against Langevin
// at equal potential evaluations. About two and a half minutes on 2 cores.

import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { tiltedCellMasses, tiltedDataset } from '../../../src/data/tilted.js';
import { getDataset } from '../../../src/data/datasets.js';
import { modeSummary } from '../../../src/metrics/modes.js';
import { generate, loadModels } from '../../../src/node/generate.js';
import { renderChart, scatterSpec } from '../../../src/node/plot.js';
import { Rng } from '../../../src/rng.js';
import type { SampleSettings } from '../../../src/sampling/settings.js';
import { builtinSource } from '../../../src/data/source.js';
import { median } from '../../../src/stats.js';
import { DEFAULT_TRAIN_CONFIG, type TrainConfig } from '../../../src/train/config.js';
import { Trainer } from '../../../src/train/trainer.js';
import { loadavg } from 'node:os';
import { fmt, log, meanSd, seedsText, type BenchContext, type Section } from '../context.js';
import { modeErrorFloor, spreadOf } from './weights.js';

const NAME = 'eight-gaussians-imbalanced';
const loadText = () => loadavg().map((l) => l.toFixed(2)).join(', ');
const CLASS = [0, 1, 2, 3];
/** Σ|λ|/Σλ of the tilted product (w, 1 − w): how much faster than its net exponent its path moves (exponentSpread). */
const spreadAt = (w: number) => w + Math.abs(1 - w);
/**
 * The samplers compared at weight w: em is classifier-free guidance; wfr at its default (α scaled
 * by the spread), at the flat α = 20 it had before that scaling, and at a faster α = 60.
 */
const variants = (w: number): [string, Partial<SampleSettings>][] => [
  ['em', { sampler: 'em' }],
  ['fk', { sampler: 'fk' }],
  ['wfr', { sampler: 'wfr' }],
  ['wfr flat α = 20', { sampler: 'wfr', alpha: 20 / spreadAt(w) }],
  ['wfr α = 60', { sampler: 'wfr', alpha: 60 }],
];
const SAMPLERS = variants(1).map(([name]) => name);

type Stat = ReturnType<typeof meanSd>;

export interface GuidanceRow {
  w: number;
  steps: number;
  sampler: string;
  modeError: Stat;
  /** Mass outside the class's modes (exact: the tilted law's own). */
  outside: Stat;
  seconds: Stat;
}

export interface CorrectorRow {
  corrector: string;
  steps: number;
  evaluations: number;
  modeError: Stat;
  spread: Stat;
  acceptance?: Stat;
}

/** A conditional model trained by scripts/train-shipped.sh with the default recipe (class = component). */
export const LEARNED = 'models/guidance/eight-gaussians-imbalanced';

/** Runs `settings` over the seeds on a loaded target (default the exact potential); per seed the mode summary and the run. */
async function runs(ctx: BenchContext, spec: { guidance?: { class: string; w: number } }, settings: Partial<SampleSettings>, n: number, model = `exact:${NAME}`) {
  const loaded = await loadModels([model], spec);
  try {
    const out = [];
    for (const seed of ctx.seeds) {
      const t0 = performance.now();
      const g = await generate(loaded, { ...settings, n, seed });
      out.push({ g, seconds: (performance.now() - t0) / 1000, modes: modeSummary(g.points, loaded.dataset!.modes!, g.result.weights) });
    }
    return out;
  } finally {
    loaded.dispose();
  }
}

const outsideOf = (masses: number[]) => masses.reduce((s, v, k) => (CLASS.includes(k) ? s : s + v), 0);

async function guidedRows(ctx: BenchContext, n: number): Promise<{ rows: GuidanceRow[]; figure?: string }> {
  const rows: GuidanceRow[] = [];
  let figure: string | undefined;
  const ws = ctx.quick ? [2] : [0.5, 1, 2, 4];
  const ks = ctx.quick ? [5] : [20, 100];
  for (const w of ws) {
    for (const steps of ks) {
      const panels: { title: string; points: Float32Array; weights?: Float64Array }[] = [];
      for (const [sampler, settings] of variants(w)) {
        const rs = await runs(ctx, { guidance: { class: CLASS.join(','), w } }, { ...settings, steps }, n);
        const row: GuidanceRow = {
          w, steps, sampler,
          modeError: meanSd(rs.map((r) => r.modes.error)),
          outside: meanSd(rs.map((r) => outsideOf(r.modes.estimated))),
          seconds: meanSd(rs.map((r) => r.seconds)),
        };
        rows.push(row);
        log(`  w=${w} K=${steps} ${sampler}: ${fmt(row.modeError.mean)} ± ${fmt(row.modeError.sd)}, outside ${fmt(row.outside.mean)}, ${row.seconds.mean.toFixed(2)} s`);
        if (sampler === 'em' || sampler === 'wfr') panels.push({ title: `${sampler}, ${steps} steps`, points: rs[0].g.points, weights: rs[0].g.result.weights });
      }
      if (w === ws[ws.length - 1] && steps === ks[ks.length - 1]) {
        const m = getDataset(NAME).mixture!;
        const exact = tiltedDataset(NAME, m, CLASS, w).sample(new Rng(6, 'guidance-picture'), n);
        figure = `guidance-w${w}.png`;
        await renderChart(scatterSpec([{ title: `exact p(x|c)^${w}·p(x)^${1 - w}`, points: exact }, ...panels], { title: `${NAME}, class = modes 0–3, w = ${w}`, frameFrom: 0 }), join(ctx.out, figure));
      }
    }
  }
  return { rows, figure };
}

/**
 * The learned conditional model: class 0 at w = 0.5 (at w ≥ 1 a one-component class takes all
 * the mass whatever the sampler), K = 100, em against wfr at α = 60; N = 2000 to keep the
 * section near three minutes (a learned guided step evaluates the network twice).
 */
async function learnedRows(ctx: BenchContext): Promise<{ rows: GuidanceRow[]; n: number; tOff?: number }> {
  const n = ctx.quick ? 300 : 2000;
  if (!existsSync(join(LEARNED, 'model.json'))) return log(`  (skipped the learned rows: ${LEARNED} not trained)`), { rows: [], n };
  const rows: GuidanceRow[] = [];
  let tOff: number | undefined;
  const steps = ctx.quick ? 5 : 100;
  for (const w of [0.5]) {
    for (const [sampler, settings] of variants(w).filter(([name]) => name === 'em' || name === 'wfr α = 60')) {
      const rs = await runs(ctx, { guidance: { class: LEARNED_CLASS.join(','), w } }, { ...settings, steps }, n, LEARNED);
      tOff = rs[0].g.tOff;
      const row: GuidanceRow = { w, steps, sampler, modeError: meanSd(rs.map((r) => r.modes.error)), outside: meanSd(rs.map((r) => 1 - r.modes.estimated[LEARNED_CLASS[0]])), seconds: meanSd(rs.map((r) => r.seconds)) };
      rows.push(row);
      log(`  learned w=${w} K=${steps} ${sampler}: ${fmt(row.modeError.mean)} ± ${fmt(row.modeError.sd)}, outside ${fmt(row.outside.mean)}, ${row.seconds.mean.toFixed(1)} s`);
    }
  }
  return { rows, n, tOff };
}

/** The class of the learned rows: mode 0, the lightest, beside the heaviest (mode 7). */
const LEARNED_CLASS = [0];

async function correctorRows(ctx: BenchContext, n: number): Promise<CorrectorRow[]> {
  const k = ctx.quick ? 4 : 20;
  // Langevin at K and at 1.5·K steps costs 2K and 3K evaluations; MALA at K costs 3K (its proposal is one more).
  const plan = [
    { corrector: 'langevin', steps: k },
    { corrector: 'langevin', steps: Math.round(1.5 * k) },
    { corrector: 'mala', steps: k },
  ];
  const rows: CorrectorRow[] = [];
  for (const p of plan) {
    const rs = await runs(ctx, {}, { sampler: 'pc', corrector: p.corrector, steps: p.steps }, n);
    const acc = rs.map((r) => r.g.result.acceptance).filter((a): a is number => a !== undefined);
    const row: CorrectorRow = {
      ...p,
      evaluations: rs[0].g.result.evaluations,
      modeError: meanSd(rs.map((r) => r.modes.error)),
      spread: meanSd(rs.map((r) => spreadOf(getDataset(NAME), r.g.points)!)),
      ...(acc.length && { acceptance: meanSd(acc) }),
    };
    rows.push(row);
    log(`  pc + ${p.corrector} K=${p.steps}: ${fmt(row.modeError.mean)}, spread ${fmt(row.spread.mean)}${row.acceptance ? `, acceptance ${fmt(row.acceptance.mean)}` : ''}`);
  }
  return rows;
}

export interface ConditionalCostRow {
  phase: string;
  /** Median ms per step, unconditional and conditional, and the same in this process's CPU ms. */
  ms: [number, number];
  cpuMs: [number, number];
}

const cpuNow = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

/**
 * What --conditional costs a training step at the default recipe on eight-gaussians-imbalanced:
 * one process, the two trainers in alternating rounds (so the machine's drift hits both alike),
 * in the DSM phase and in the time-score phase; median wall-clock and CPU ms per step.
 */
function conditionalCost(ctx: BenchContext): ConditionalCostRow[] {
  const base: TrainConfig = { ...DEFAULT_TRAIN_CONFIG, dataset: NAME };
  const phases: [string, TrainConfig][] = [
    ['DSM', base],
    ['time-score', { ...base, timeScorePhase: { ...base.timeScorePhase!, start: 0 } }],
  ];
  const [rounds, per] = ctx.quick ? [2, 3] : [8, 25];
  const rows: ConditionalCostRow[] = [];
  for (const [phase, cfg] of phases) {
    const trainers = [new Trainer(cfg, builtinSource(NAME)), new Trainer({ ...cfg, conditional: true }, builtinSource(NAME))];
    const ms: number[][] = [[], []];
    const cpu: number[][] = [[], []];
    try {
      trainers.forEach((tr) => [0, 1, 2].forEach(() => tr.trainStep())); // warm-up
      for (let r = 0; r < rounds; r++) {
        trainers.forEach((tr, i) => {
          const [w0, c0] = [performance.now(), cpuNow()];
          for (let k = 0; k < per; k++) tr.trainStep();
          ms[i].push((performance.now() - w0) / per);
          cpu[i].push((cpuNow() - c0) / per);
        });
      }
    } finally {
      trainers.forEach((tr) => tr.dispose());
    }
    const row: ConditionalCostRow = { phase, ms: [median(ms[0]), median(ms[1])], cpuMs: [median(cpu[0]), median(cpu[1])] };
    rows.push(row);
    log(`  ${phase} step: ${row.ms[0].toFixed(1)} ms unconditional, ${row.ms[1].toFixed(1)} ms conditional (${(row.ms[1] / row.ms[0]).toFixed(2)}×)`);
  }
  return rows;
}

export async function guidanceSection(ctx: BenchContext): Promise<Section> {
  log('== guidance against the exact tilted law');
  const n = ctx.quick ? 300 : 4000;
  const { rows, figure } = await guidedRows(ctx, n);
  const m = getDataset(NAME).mixture!;
  const md = [
    '### Guidance: the tilted law p(x|c)^w·p(x)^(1−w)',
    '',
    `Exact ${NAME} (\`--model exact:${NAME}\`), class = components 0–3 (\`--class 0,1,2,3\`). Mode-weight error Σ|ŵ − π| against the exact tilted masses ` +
      `(cell integration, data/tilted.ts); mean ± sd over ${seedsText(ctx.seeds)}, N = ${n}. em is classifier-free guidance (the drift s(x|∅) + w·(s(x|c) − s(x|∅))); ` +
      'fk and wfr weight toward the tilted path exp(−w·U(·|c) − (1 − w)·U(·|∅)). wfr\'s reaction rate is α = 20 times the path\'s exponent spread Σ|λ|/Σλ = w + |1 − w| ' +
      '(1 for w ≤ 1, 3 at w = 2, 7 at w = 4); "flat α = 20" is wfr without that scaling. "outside" is the mass on the other class\'s modes (exact value in the last column).',
    '',
    `| w | K | ${SAMPLERS.join(' | ')} | floor | em outside | wfr outside | exact outside |`,
    `|---|---|${SAMPLERS.map(() => '---|').join('')}---|---|---|---|`,
  ];
  for (const w of [...new Set(rows.map((r) => r.w))]) {
    const exact = tiltedCellMasses(m, CLASS, w);
    const floor = modeErrorFloor(exact, n);
    for (const k of [...new Set(rows.map((r) => r.steps))]) {
      const at = (s: string) => rows.find((r) => r.w === w && r.steps === k && r.sampler === s)!;
      const cell = (s: string) => `${fmt(at(s).modeError.mean)} ± ${fmt(at(s).modeError.sd)} (${(at(s).modeError.mean / floor).toFixed(1)}×)`;
      md.push(`| ${w} | ${k} | ${SAMPLERS.map(cell).join(' | ')} | ${fmt(floor)} | ${fmt(at('em').outside.mean)} | ${fmt(at('wfr').outside.mean)} | ${fmt(outsideOf(exact))} |`);
    }
  }
  const { rows: learned, n: nLearned, tOff } = await learnedRows(ctx);
  if (learned.length) {
    const exact = (w: number) => tiltedCellMasses(m, LEARNED_CLASS, w);
    const names = [...new Set(learned.map((r) => r.sampler))];
    md.push(
      '',
      `The conditional model trained here (\`${LEARNED}\`, the two-phase recipe before today's default with \`--conditional\`; its measured cut-off stops the weights at t = ${tOff?.toPrecision(3)}), ` +
        `class 0 (the lightest mode, 1/36 of the data, beside the heaviest), N = ${nLearned}: the same error against the exact tilted masses, and the mass outside mode 0.`,
      '',
      `| w | K | ${names.join(' | ')} | floor | em outside | exact outside |`,
      `|---|---|${names.map(() => '---|').join('')}---|---|---|`,
      ...[...new Set(learned.map((r) => r.w))].map((w) => {
        const at = (s: string) => learned.find((r) => r.w === w && r.sampler === s)!;
        const floor = modeErrorFloor(exact(w), nLearned);
        return `| ${w} | ${at('em').steps} | ${names.map((s) => `${fmt(at(s).modeError.mean)} ± ${fmt(at(s).modeError.sd)} (${(at(s).modeError.mean / floor).toFixed(1)}×)`).join(' | ')} | ${fmt(floor)} | ${fmt(at('em').outside.mean)} | ${fmt(1 - exact(w)[0])} |`;
      }),
    );
  }
  md.push(
    '',
    '(n×): the error in multiples of the floor, the mean error of N independent exact draws of the tilted law. wfr can go below it: its final systematic resampling ' +
      'gives each mode a count within one particle of N times its weight, so what remains is the error of the weights, not of drawing N points.',
    '',
  );
  if (figure) md.push(`![guided em against wfr and the exact tilted law](${figure})`, '');
  const corr = await correctorRows(ctx, n);
  md.push(
    '#### The MALA corrector against Langevin',
    '',
    `Exact ${NAME}, pc (Euler–Maruyama + one corrector step per step) at its default signal-to-noise r = 0.16; MALA's step starts there and is steered to acceptance 0.7. ` +
      `Evaluations per particle over the run; spread: the per-coordinate std around the nearest centre (exact ${fmt(m.std)}); mean over ${seedsText(ctx.seeds)}, N = ${n}.`,
    '',
    '| corrector | K | evaluations | mode error | spread | acceptance |',
    '|---|---|---|---|---|---|',
    ...corr.map((r) => `| ${r.corrector} | ${r.steps} | ${r.evaluations} | ${fmt(r.modeError.mean)} ± ${fmt(r.modeError.sd)} | ${fmt(r.spread.mean)} | ${r.acceptance ? fmt(r.acceptance.mean) : '—'} |`),
    `| floor (N exact draws) | | | ${fmt(modeErrorFloor(getDataset(NAME).modes!.weights, n))} | | |`,
    '',
  );
  const cost = conditionalCost(ctx);
  md.push(
    '#### What a conditional model costs to train',
    '',
    `The default recipe on ${NAME} (eight classes: eight more inputs to the first layer), unconditional against \`--conditional\`, ` +
      `in one process in ${ctx.quick ? 2 : 8} alternating rounds of ${ctx.quick ? 3 : 25} steps each; median per step, wall-clock and this process's CPU time. Load average at the start: ${loadText()}.`,
    '',
    '| phase | unconditional ms | conditional ms | ratio | CPU ms, unconditional | CPU ms, conditional | CPU ratio |',
    '|---|---|---|---|---|---|---|',
    ...cost.map((r) => `| ${r.phase} | ${r.ms[0].toFixed(1)} | ${r.ms[1].toFixed(1)} | ${(r.ms[1] / r.ms[0]).toFixed(2)}× | ${r.cpuMs[0].toFixed(1)} | ${r.cpuMs[1].toFixed(1)} | ${(r.cpuMs[1] / r.cpuMs[0]).toFixed(2)}× |`),
    '',
  );
  return { md, json: { guidance: rows, guidanceLearned: learned, correctors: corr, conditionalCost: cost } };
}
