// `npm run bench`: runs the measurement sections in order (scripts/bench/sections/: training
// speed and the real loop, two cores, sampling cost, single-op costs, quality per checkpoint,
// potential masses, shipped checkpoints, metastability, time to quality against PyTorch) and
// writes bench/results.md + .json (scripts/bench/report.ts); --docs also regenerates the
// published page docs/results.md. `--quick` is a smoke run (tests use it); `--only` runs named sections.

import { benchContext, type BenchContext, type Section } from './bench/context.js';
import { allParts, writePart } from './bench/parts.js';
import { writeReport } from './bench/report.js';
import { composeSection } from './bench/sections/compose.js';
import { fkcSection } from './bench/sections/fkc.js';
import { guidanceSection } from './bench/sections/guidance.js';
import { kernelFloorSection } from './bench/sections/kernelFloor.js';
import { pageTrainingSection } from './bench/sections/pageTraining.js';
import { metastabilitySection } from './bench/sections/metastability.js';
import { qualitySection } from './bench/sections/quality.js';
import { samplingCost } from './bench/sections/samplingCost.js';
import { shippedCheckpoints } from './bench/sections/shipped.js';
import { singleOps } from './bench/sections/singleOps.js';
import { timeScoreSection } from './bench/sections/timeScore.js';
import { recipeSearchPlan, timeToQuality } from './bench/sections/timeToQuality.js';
import { trainingSpeed } from './bench/sections/trainingSpeed.js';
import { twoCores } from './bench/sections/twoCores.js';
import { wasmThreadsSection } from './bench/sections/wasmThreads.js';
import { weightsSection } from './bench/sections/weights.js';
import { SAMPLERS } from '../src/sampling/samplers.js';
import { selectBackend } from '../src/node/backend.js';
import { cli } from '../src/cli/common.js';

/** Sections that run on their own (`--only`); the per-dataset ones need the child processes of a full run. */
const ONLY: Record<string, (ctx: BenchContext) => Promise<Section>> = {
  'training-speed': trainingSpeed,
  'sampling-cost': samplingCost,
  'single-ops': singleOps,
  shipped: shippedCheckpoints,
  metastability: metastabilitySection,
  compose: composeSection,
  fkc: fkcSection,
  guidance: guidanceSection,
  'kernel-floor': kernelFloorSection,
  'page-training': pageTrainingSection,
  'time-to-quality': (ctx) => timeToQuality(ctx),
  'recipe-search': (ctx) => timeToQuality(ctx, recipeSearchPlan(ctx)),
  'two-cores': twoCores,
  'wasm-threads': wasmThreadsSection,
};
const ONLY_NAMES = Object.keys(ONLY);

// In an async function so that a usage error thrown while parsing arrives as a rejection.
const argv = await (async () =>
  cli('bench')
    .usage(
      'Usage: $0 [--quick] [--docs] [--out DIR] [--only NAMES]\n\n' +
        'Measure training speed per backend against a naive nested-tf.grad baseline and the real training loop, two cores, ' +
        'sampling cost per step as N grows, single-op costs, quality against cost for the shipped checkpoints, the ' +
        'potential-mass diagnostic, the weights study, metastability, and time to quality against a PyTorch reference. Writes ' +
        'results.md, results.json and pictures into --out; docs/results.md is rewritten only with --docs. About 40 minutes on 2 cores.',
    )
    .options({
      quick: { type: 'boolean', default: false, desc: 'tiny smoke run (a minute; never touches docs/results.md)' },
      out: { type: 'string', default: 'bench', desc: 'output directory' },
      n: { type: 'number', desc: 'particles for the quality sections (default 2000)' },
      docs: { type: 'boolean', default: false, desc: 'regenerate the published page docs/results.md from this run (a full run only)' },
      only: { type: 'string', desc: `run only these sections (comma-separated: ${ONLY_NAMES.join(', ')}); writes results-<names>.md/.json` },
      readme: { type: 'boolean', hidden: true, desc: '(old name of --docs, refused with a pointer to it)' },
      part: { type: 'string', hidden: true, desc: '(internal) run the per-dataset sections for this checkpoint and write part-<name>.json' },
    })
    .check((a) => !a.readme || '--readme is now --docs: the results are published as docs/results.md, not in the README')
    .check((a) => !(a.quick && a.docs) || '--docs with --quick: a smoke run never replaces docs/results.md')
    .check((a) => !(a.only && a.docs) || '--docs with --only: a partial run never replaces docs/results.md')
    .check((a) => a.only === undefined || a.only.split(',').every((n) => ONLY_NAMES.includes(n)) || `--only: unknown section in '${a.only}'; valid names: ${ONLY_NAMES.join(', ')}`)
    .example('$0 --quick --out /tmp/bench', 'a smoke run into a scratch folder')
    .example('$0', 'the full measurements → bench/results.md, results.json, pictures')
    .example('$0 --docs', 'the same, and docs/results.md regenerated from it')
    .example('$0 --only time-to-quality', 'one section → bench/results-time-to-quality.md')
    .parseAsync())().catch((e: unknown) => {
  // cli() turns every usage error (a mistyped flag with its "did you mean") into one line.
  process.stderr.write(`error: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});

const ctx = benchContext({ quick: argv.quick, out: argv.out, n: argv.n });
if (argv.part) {
  await writePart(ctx, argv.part);
  process.exit(0);
}
const date = new Date().toISOString();
if (argv.only) {
  await selectBackend('wasm'); // a full run's first section leaves wasm selected for the rest
  const names = argv.only.split(',');
  const sections = [];
  for (const name of names) sections.push(await ONLY[name](ctx));
  writeReport(ctx, { date, speed: sections, rest: [] }, { docs: false, name: `results-${names.join('-')}` });
  process.exit(0);
}
const speed = [await trainingSpeed(ctx), await twoCores(ctx), await wasmThreadsSection(ctx), await samplingCost(ctx), await singleOps(ctx)];
const parts = await allParts(ctx);
const rest = [
  qualitySection(parts.map((p) => p.quality)),
  timeScoreSection(ctx, parts.flatMap((p) => p.timeScore)),
  await weightsSection(ctx, parts.flatMap((p) => p.weights), `wfr ${SAMPLERS.wfr.weights}`),
  await shippedCheckpoints(ctx),
  await metastabilitySection(ctx),
  await composeSection(ctx),
  await guidanceSection(ctx),
  await kernelFloorSection(ctx),
  // time-to-quality trains models from scratch against PyTorch (most of an hour on 2 cores):
  // it runs on its own, `--only time-to-quality`, into bench/results-time-to-quality.md.
  ...(ctx.quick ? [await timeToQuality(ctx)] : []),
];
writeReport(ctx, { date, speed, rest }, { docs: argv.docs });
