// `npm run sample`: flags → a sampling run on one checkpoint (or several: a product of experts).
// Everything the sampler needs (SDE, standardisation, how the model was trained) comes from the
// checkpoint; flags only choose the sampler and its knobs (sampling/settings.ts).

import { BACKENDS, selectBackend } from '../node/backend.js';
import { sampleCommand } from '../node/sampleCommand.js';
import { cli, explicitFlags, run, say, warn } from './common.js';
import { checkSamplerFlagsUsed, checkSdeFlagsUsed } from './flagUse.js';
import { SAMPLE_EXAMPLES } from './examples.js';
import { exactOptionsFrom, lambdasFrom, SAMPLER_FLAGS, sampleSettingsFrom } from './samplerFlags.js';

run(async () => {
  const argv = await cli('sample')
    .usage('$0 [--model DIR]... [--sampler NAME] [options]')
    .epilogue(
      'Generates samples from a checkpoint with one of the samplers; two or more --model give their product ' +
        'exp(−ΣλᵢUᵢ) (one SDE and one frame: train them with the same --frame). Writes the samples CSV (data units), a JSON report (settings, seed, timings, ESS trace, mode weights) ' +
        'and a scatter picture over the data.',
    )
    .example(SAMPLE_EXAMPLES.map(([line, what]) => [`$0 ${line}`, what]))
    .options({
      ...SAMPLER_FLAGS,
      out: { type: 'string', desc: 'samples CSV (default out/<model>-<sampler>.csv, "shipped-" before shipped models); a .json report goes beside it' },
      plot: { type: 'string', desc: 'scatter picture (.png or .svg; default beside --out)' },
      'no-plot': { type: 'boolean', default: false, desc: 'skip the picture' },
      backend: { type: 'string', default: 'auto', choices: BACKENDS, desc: 'TensorFlow.js backend' },
    })
    .parseAsync();
  const settings = sampleSettingsFrom(argv);
  const typed = explicitFlags();
  checkSamplerFlagsUsed(settings, typed);
  if (typed.has('sde') || typed.has('betaMin') || typed.has('betaMax') || typed.has('sigmaMin') || typed.has('sigmaMax')) checkSdeFlagsUsed(argv.sde as string | undefined, typed);
  const lambdas = lambdasFrom(argv);
  const exact = exactOptionsFrom(argv);
  const backend = await selectBackend(argv.backend);
  console.log(`backend: ${backend}`);
  await sampleCommand({ models: [...argv.model], lambdas, exact, settings, out: argv.out, plot: argv.plot, noPlot: argv['no-plot'], backend, log: say, warn });
});
