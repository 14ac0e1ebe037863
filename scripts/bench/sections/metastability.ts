// Bench section: metastability. On the exact double-well (its data potential) and the learned
// models/double-well at t = 0.02, every particle starts in the heavy well; Langevin, Langevin +
// reaction (systematic) and Langevin + birth–death are timed to the exact left-well mass of exp(−βU).

import { basename, join } from 'node:path';
import { builtinSource } from '../../../src/data/source.js';
import { potentialModeMasses } from '../../../src/metrics/potentialMasses.js';
import { DoubleWellPotential, doubleWellLeftMass } from '../../../src/model/doubleWell.js';
import type { Potential } from '../../../src/model/potential.js';
import { loadModels } from '../../../src/node/generate.js';
import { lineSpec, renderChart, type Series } from '../../../src/node/plot.js';
import { extrapolatedMixingTime, METASTABILITY_METHODS, mixingTime, runMetastability, type MetastabilityOptions } from '../../../src/sampling/metastability.js';
import { fmt, log, MODEL_DW, type BenchContext, type Section } from '../context.js';

/** The measured setting: ε = 0.01 keeps Langevin's own bias small; α = 10 gives δ ≈ 0.095 per iteration. */
const SETTING = { eps: 0.01, rate: 10, bMin: 0.1, n: 2000, seed: 1 };
const BETAS = [1, 2, 3];
/** The learned model's level: its own masses are right there (bench: potential masses; t_off). */
const T_LEARNED = 0.02;

interface Target {
  name: string;
  betas: number[];
  potential: Potential;
  t: number;
  exact: (beta: number) => number;
}

const cell = (tau: number | undefined, o: { est?: number; k: number }) =>
  tau !== undefined ? String(tau) : o.est !== undefined ? `> ${o.k} (≈ ${Math.round(o.est)})` : `> ${o.k}`;

export async function metastabilitySection(ctx: BenchContext): Promise<Section> {
  const Q = ctx.quick;
  const k = Q ? 20 : 600;
  const st = builtinSource('double-well').standardization;
  const m = await loadModels([MODEL_DW]);
  const ds = m.dataset!;
  const targets: Target[] = [
    { name: 'exact', betas: BETAS, potential: new DoubleWellPotential(st), t: 0, exact: doubleWellLeftMass },
    // β = 3 on the learned model is left out for time (its runs cost 10× the exact one's).
    // The samplers target exp(−β·U_θ(·, t)): its left mass by grid quadrature is their truth.
    { name: `learned (t = ${T_LEARNED})`, betas: [1, 2], potential: m.potential, t: T_LEARNED, exact: (b) => potentialModeMasses(m.potential, T_LEARNED, ds, m.base.meta.standardization, Q ? { half: 4, size: 60 } : undefined, b)[0] },
  ];
  const md = [
    '### Metastability: Langevin against the reaction',
    '',
    `Every particle starts in the heavy (right) well (N = ${SETTING.n}, ε = ${SETTING.eps}, reaction rate α = ${SETTING.rate}, b_min = ${SETTING.bMin}, ${k} iterations, seed ${SETTING.seed}). ` +
      'Mixing time: iterations until the left-well mass (10-iteration average) is within 0.01 of the exact mass of exp(−βU) and stays there; ' +
      '"> K (≈ n)" never settled, n extrapolated from the mass reached at one relaxation rate. `npx tsx scripts/bench/metastability.ts` runs this alone.',
    '',
    '| potential | β | exact left mass | langevin | reaction (systematic) | birth–death | final mass L / R / BD | distinct ancestors R / BD | ms per iteration L / R / BD |',
    '|---|---|---|---|---|---|---|---|---|',
  ];
  const rows: Record<string, unknown>[] = [];
  const figure: Series[] = [];
  for (const target of targets) {
    for (const beta of Q ? [1] : target.betas) {
      const exact = target.exact(beta);
      const runs = METASTABILITY_METHODS.map((method) => {
        const o: MetastabilityOptions = { ...SETTING, potential: target.potential, t: target.t, beta, method, iterations: k, standardization: st };
        const r = runMetastability(o);
        const tau = mixingTime(r.leftMass, exact);
        return { method, r, tau, est: tau === undefined ? extrapolatedMixingTime(r.leftMass, exact) : undefined };
      });
      const final = runs.map(({ r }) => fmt(r.leftMass.slice(-10).reduce((a, b) => a + b, 0) / 10));
      md.push(
        `| ${target.name} | ${beta} | ${exact.toFixed(4)} | ${runs.map((x) => cell(x.tau, { est: x.est, k })).join(' | ')} | ${final.join(' / ')} | ` +
          `${runs.slice(1).map((x) => x.r.distinctAncestors).join(' / ')} | ${runs.map((x) => (x.r.ms[k - 1] / k).toFixed(1)).join(' / ')} |`,
      );
      log(`  metastability ${target.name} β=${beta}: exact ${exact.toFixed(4)}, ${runs.map((x) => `${x.method} ${cell(x.tau, { est: x.est, k })}`).join(', ')}`);
      rows.push({ potential: target.name, beta, exact, runs: runs.map((x) => ({ method: x.method, mixing: x.tau ?? null, extrapolated: x.est ?? null, leftMass: Array.from(x.r.leftMass), ms: Array.from(x.r.ms), distinctAncestors: x.r.distinctAncestors })) });
      if (target.name === 'exact' && beta <= 2) {
        const iters = Array.from({ length: k }, (_, i) => i + 1);
        for (const x of runs) figure.push({ name: `${x.method}, β = ${beta}`, x: iters, y: x.r.leftMass });
        figure.push({ name: `exact, β = ${beta}`, x: [1, k], y: [exact, exact] });
      }
    }
  }
  m.dispose();
  const png = join(ctx.out, 'metastability.png');
  await renderChart(lineSpec(figure, { title: 'Left-well mass from an all-right start (exact double-well)', xTitle: 'iteration', yTitle: 'left-well mass' }), png);
  md.push('', `![left-well mass against iterations](${basename(png)})`, '');
  return { md, json: { metastability: { setting: SETTING, tLearned: T_LEARNED, iterations: k, rows } } };
}
