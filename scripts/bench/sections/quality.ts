// Bench section 4: quality against cost for one shipped checkpoint — every sampler at several
// step counts and seeds, scored against the floor of two draws of the data — with its two
// pictures (the samplers side by side, mode-weight error against wall time).

import { basename, join } from 'node:path';
import { evaluateSamples } from '../../../src/metrics/report.js';
import { generate, loadModels } from '../../../src/node/generate.js';
import { lineSpec, renderChart, scatterSpec } from '../../../src/node/plot.js';
import { Rng } from '../../../src/rng.js';
import { fmt, log, meanSd, SAMPLERS, seedsText, type BenchContext, type Section } from '../context.js';

type Stat = ReturnType<typeof meanSd>;
export interface QualityRow {
  dataset: string;
  sampler: string;
  steps: number;
  modeError: Stat;
  mmd: Stat;
  slicedW2: Stat;
  seconds: Stat;
}

export interface Quality {
  md: string[];
  quality: QualityRow[];
}

export async function qualityFor(ctx: BenchContext, path: string): Promise<Quality> {
  const { n: N, steps, seeds } = ctx;
  const m = await loadModels([path]);
  const ds = m.dataset!;
  const quality: QualityRow[] = [];
  const floors = evaluateSamples({ points: ds.sample(new Rng(99, 'bench-floor'), N) }, ds, { seed: 7 });
  const floor = (name: string) => floors.find((r) => r.metric.startsWith(name))!.floor!;
  const pictures: { title: string; points: Float32Array; subtitle: string }[] = [];
  for (const s of SAMPLERS) {
    for (const k of steps) {
      const [err, mmd, sw, secs]: number[][] = [[], [], [], []];
      for (const seed of seeds) {
        const t0 = performance.now();
        const g = await generate(m, { sampler: s, n: N, steps: k, seed });
        secs.push((performance.now() - t0) / 1000);
        const rows = evaluateSamples({ points: g.points }, ds, { seed: 100 + seed, floors: false });
        const get = (name: string) => rows.find((r) => r.metric.startsWith(name))!.value;
        err.push(get('mode-weight'));
        mmd.push(get('MMD'));
        sw.push(get('sliced'));
        if (seed === seeds[0] && k === steps[0]) pictures.push({ title: s, points: g.points, subtitle: `error ${get('mode-weight').toFixed(3)}` });
      }
      const row = { dataset: ds.name, sampler: s, steps: k, modeError: meanSd(err), mmd: meanSd(mmd), slicedW2: meanSd(sw), seconds: meanSd(secs) };
      quality.push(row);
      log(`  ${ds.name} ${s} K=${k}: mode error ${fmt(row.modeError.mean)} ± ${fmt(row.modeError.sd)}, MMD ${fmt(row.mmd.mean)}, ${row.seconds.mean.toFixed(2)} s`);
    }
  }
  const lines = [
    `### Quality vs cost: ${ds.name} (shipped checkpoint, N = ${N}, ${seedsText(seeds)}, mean ± sd; weights on for t ≥ ${m.defaultTOff})`,
    '',
    '| sampler | steps | mode-weight error | MMD² | sliced W2 | seconds |',
    '|---|---|---|---|---|---|',
    ...quality.map((r) => `| ${r.sampler} | ${r.steps} | ${fmt(r.modeError.mean)} ± ${fmt(r.modeError.sd)} | ${fmt(r.mmd.mean)} ± ${fmt(r.mmd.sd)} | ${fmt(r.slicedW2.mean)} ± ${fmt(r.slicedW2.sd)} | ${r.seconds.mean.toFixed(2)} |`),
    `| *floor* (two draws of the data) | | ${fmt(floor('mode-weight'))} | ${fmt(floor('MMD'))} | ${fmt(floor('sliced'))} | |`,
    '',
  ];
  const pic = join(ctx.out, `samplers-${ds.name}.png`);
  const reference = ds.sample(new Rng(5, 'bench-ref'), 2000);
  await renderChart(scatterSpec(pictures.map((p) => ({ ...p, title: `${p.title}, ${steps[0]} steps` })), { reference, title: `${ds.name}: the same checkpoint, four samplers` }), pic);
  const errPic = join(ctx.out, `error-vs-time-${ds.name}.png`);
  const series = SAMPLERS.map((s) => {
    const rows = quality.filter((r) => r.sampler === s);
    return { name: s, x: rows.map((r) => r.seconds.mean), y: rows.map((r) => r.modeError.mean) };
  });
  await renderChart(lineSpec(series, { title: `${ds.name}: mode-weight error vs wall time (N = ${N})`, xTitle: 'seconds per run', yTitle: 'mode-weight error', logX: true, logY: true, points: true }), errPic);
  lines.push(`![samplers](${basename(pic)}) ![error vs time](${basename(errPic)})`, '');
  m.dispose();
  return { md: lines, quality };
}

/** The section over every checkpoint's quality tables, in order. */
export function qualitySection(parts: Quality[]): Section {
  return { md: parts.flatMap((p) => p.md), json: { quality: parts.flatMap((p) => p.quality) } };
}
