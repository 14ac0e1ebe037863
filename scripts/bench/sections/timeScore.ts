// Bench section 5: does the potential know the mass? Per checkpoint (DSM only, and after the
// time-score fine-tune), the mode-mass error of its own density exp(−U(·,t)) over t and the
// mode-weight error of em and wfr samples; then the table over all checkpoints.

import { evaluateSamples } from '../../../src/metrics/report.js';
import { massErrors } from '../../../src/metrics/potentialMasses.js';
import { generate, loadModels } from '../../../src/node/generate.js';
import { fmt, log, meanSd, seedsText, type BenchContext, type Section } from '../context.js';

export interface TimeScoreRow {
  md: string;
  row: Record<string, unknown>;
}

/** One checkpoint's row: its own mode masses over t, and sampled mode errors. */
export async function timeScoreFor(ctx: BenchContext, path: string): Promise<TimeScoreRow> {
  const { n: N, seeds, quick: Q } = ctx;
  const m = await loadModels([path]);
  const ds = m.dataset!;
  const r = massErrors(m.potential, ds, m.base.sde, m.base.meta.standardization, ctx.massTimes, Q ? { half: 4, size: 60 } : undefined);
  const runs: Record<string, number[]> = {};
  for (const [label, sampler, k] of [['em20', 'em', 20], ['wfr20', 'wfr', 20], ['em500', 'em', 500]] as const) {
    runs[label] = [];
    for (const seed of seeds) {
      const g = await generate(m, { sampler, n: N, steps: Q ? 3 : k, seed });
      runs[label].push(evaluateSamples({ points: g.points }, ds, { seed: 100 + seed, floors: false }).find((x) => x.metric.startsWith('mode-weight'))!.value);
    }
  }
  const trained = m.base.meta.training.timeScoreSteps ? `time-score fine-tune (${m.base.meta.training.timeScoreSteps} steps)` : 'DSM only';
  const cell = (v: number[]) => `${fmt(meanSd(v).mean)} ± ${fmt(meanSd(v).sd)}`;
  log(`  ${path}: mass errors ${r.map((x) => x.error.toFixed(3)).join(' ')}; em20 ${fmt(meanSd(runs.em20).mean)} wfr20 ${fmt(meanSd(runs.wfr20).mean)} em500 ${fmt(meanSd(runs.em500).mean)}`);
  m.dispose();
  return {
    md: `| ${ds.name}, ${trained}; t_off ${m.defaultTOff} | ${r.map((x) => x.error.toFixed(3)).join(' | ')} | ${cell(runs.em20)} | ${cell(runs.wfr20)} | ${cell(runs.em500)} |`,
    row: { checkpoint: path, timeScoreSteps: m.base.meta.training.timeScoreSteps, tOff: m.defaultTOff, masses: r.map((x) => ({ t: x.t, error: x.error })), modeError: runs },
  };
}

/** The table over every checkpoint's row. */
export function timeScoreSection(ctx: BenchContext, rows: TimeScoreRow[]): Section {
  const md = [
    '### Does the potential know the mass? DSM only vs the time-score fine-tune',
    '',
    "Mode-mass error Σ|mass − exact| of the model's own density exp(−U(·,t)), and mode-weight error of samples " +
      `(N = ${ctx.n}, ${seedsText(ctx.seeds)}; each checkpoint's default t_off).`,
    '',
    `| checkpoint | ${ctx.massTimes.map((t) => `mass t = ${t}`).join(' | ')} | em, 20 steps | wfr, 20 steps | em, 500 steps |`,
    `|---|${ctx.massTimes.map(() => '---|').join('')}---|---|---|`,
    ...rows.map((r) => r.md),
    '',
  ];
  return { md, json: { timeScore: rows.map((r) => r.row) } };
}
