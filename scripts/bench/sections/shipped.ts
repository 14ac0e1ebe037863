// Bench section 6: every shipped checkpoint sampled the same way (em, seed 0) and scored on
// every metric against its floor, with how it was trained.

import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { evaluateSamples } from '../../../src/metrics/report.js';
import { generate, loadModels } from '../../../src/node/generate.js';
import { fmt, log, MODEL_8, type BenchContext, type Section } from '../context.js';

const METRIC_NAMES = ['MMD²', 'energy', 'sliced W2', 'precision', 'recall', 'mode-weight error'];

export async function shippedCheckpoints(ctx: BenchContext): Promise<Section> {
  log('== shipped checkpoints');
  const Q = ctx.quick;
  const shipped = Q ? [MODEL_8] : readdirSync('models').filter((d) => existsSync(join('models', d, 'model.json'))).sort().map((d) => join('models', d));
  const evalN = Q ? 300 : 2000;
  const evalSteps = Q ? 5 : 200;
  const shippedRows: Record<string, unknown>[] = [];
  const md = [`### Shipped checkpoints (em, ${evalSteps} steps, N = ${evalN}, seed 0; floor in brackets: two draws of the data)`, ''];
  if (shipped.length) md.push(`| checkpoint | trained | ${METRIC_NAMES.join(' | ')} |`, `|---|---|${METRIC_NAMES.map(() => '---|').join('')}`);
  for (const path of shipped) {
    const m = await loadModels([path]);
    const g = await generate(m, { sampler: 'em', n: evalN, steps: evalSteps, seed: 0 });
    const rows = evaluateSamples({ points: g.points }, m.dataset, { seed: 11 });
    const cells = rows.slice(0, 6).map((r) => `${fmt(r.value)} (${r.floor === undefined ? '—' : fmt(r.floor)})`);
    while (cells.length < 6) cells.push('—');
    const trained = `${m.base.meta.training.step} steps${m.base.meta.training.timeScoreSteps ? `, ${m.base.meta.training.timeScoreSteps} with time score` : ''}`;
    md.push(`| ${path} | ${trained} | ${cells.join(' | ')} |`);
    shippedRows.push({ checkpoint: path, metrics: rows });
    log(`  ${path}: ${rows.map((r) => `${r.metric} ${fmt(r.value)}`).join(', ')}`);
    m.dispose();
  }
  md.push('');
  return { md, json: { shipped: shippedRows } };
}
