// `npm run sample`: flags → a sampling run on one checkpoint (or several: a product of experts).
// Everything the sampler needs (SDE, standardisation, how the model was trained) comes from the
// checkpoint; flags only choose the sampler and its knobs (sampling/settings.ts).

import { BACKENDS, selectBackend } from '../node/backend.js';
import { sampleCommand } from '../node/sampleCommand.js';
import { cli, run } from './common.js';
import { exactOptionsFrom, lambdasFrom, SAMPLER_FLAGS, sampleSettingsFrom } from './samplerFlags.js';

run(async () => {
  const argv = await cli('sample')
    .usage('$0 [--model DIR]... [--sampler NAME] [options]')
    .epilogue(
      'Generates samples from a checkpoint with one of the samplers; two or more --model give their product ' +
        'exp(−ΣλᵢUᵢ) (one SDE and one frame: train them with the same --frame). Writes the samples CSV (data units), a JSON report (settings, seed, timings, ESS trace, mode weights) ' +
        'and a scatter picture over the data.',
    )
    .example('$0 --sampler wfr --steps 20', 'WFR with 20 steps on the shipped eight-gaussians-imbalanced model')
    .example('$0 --model out/models/double-well --sampler em --steps 500 --out out/dw-em.csv', 'your own checkpoint, reverse-SDE Euler–Maruyama')
    .example('$0 --beta 2 --sampler wfr --steps 100', 'the annealed target p²')
    .example('$0 --model models/compose/blobs-x --model models/compose/blobs-y --sampler wfr', 'a product of experts, scored against its exact law')
    .example(`$0 --model exact:gmm40 --sde ve0 --sigma-min 0.01 --sigma-max 10 --frame '{"mean":[0,0],"scale":50}' --beta 3 --sampler wfr`, "the exact potential of FKC's 40-mode benchmark, annealed to p³")
    .options({
      ...SAMPLER_FLAGS,
      out: { type: 'string', desc: 'samples CSV (default out/<model>-<sampler>.csv, "shipped-" before shipped models); a .json report goes beside it' },
      plot: { type: 'string', desc: 'scatter picture (.png or .svg; default beside --out)' },
      'no-plot': { type: 'boolean', default: false, desc: 'skip the picture' },
      backend: { type: 'string', default: 'auto', choices: BACKENDS, desc: 'TensorFlow.js backend' },
    })
    .parseAsync();
  const settings = sampleSettingsFrom(argv);
  const lambdas = lambdasFrom(argv);
  const exact = exactOptionsFrom(argv);
  const backend = await selectBackend(argv.backend);
  console.log(`backend: ${backend}`);
  await sampleCommand({ models: [...argv.model], lambdas, exact, settings, out: argv.out, plot: argv.plot, noPlot: argv['no-plot'], backend, log: (s) => console.log(s), warn: (s) => console.warn(s) });
});
