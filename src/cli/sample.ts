// `npm run sample`: flags → a sampling run on one checkpoint (or several: a product of experts).
// Everything the sampler needs (SDE, standardisation, how the model was trained) comes from the
// checkpoint; flags only choose the sampler and its knobs (sampling/settings.ts).

import { BACKEND_KNOBS, selectBackend, wasmThreads } from '../node/backend.js';
import { parsePlotRange } from '../node/plot.js';
import { MAX_FRAMES } from '../node/animation.js';
import { ANIMATE_SIZE, sampleCommand } from '../node/sampleCommand.js';
import { backendFromArgv, yargsOptions } from './flags.js';
import { cli, explicitFlags, run, say, UsageError, warn } from './common.js';
import { checkSamplerFlagsUsed, checkSdeFlagsUsed } from './flagUse.js';
import { SAMPLE_EXAMPLES } from './examples.js';
import { exactOptionsFrom, guidanceFrom, lambdasFrom, SAMPLER_FLAGS, sampleSettingsFrom } from './samplerFlags.js';

run(async () => {
  const argv = await cli('sample')
    .usage('$0 [--model DIR]... [--sampler NAME] [options]')
    .epilogue(
      'Generates samples from a checkpoint with one of the samplers; two or more --model give their product ' +
        'exp(−ΣλᵢUᵢ) (one SDE and one frame: train them with the same --frame). Writes the samples CSV (data units), a JSON report (settings, seed, timings, ESS trace, mode weights) ' +
        'and a scatter picture over the data; --animate adds the run as a GIF, one frame per step over the landscape.',
    )
    .example(SAMPLE_EXAMPLES.map(([line, what]) => [`$0 ${line}`, what]))
    .options({
      ...SAMPLER_FLAGS,
      out: { type: 'string', desc: 'samples CSV (default out/<model>-<sampler>.csv, "shipped-" before shipped models); a .json report goes beside it' },
      plot: { type: 'string', desc: 'scatter picture (.png or .svg; default beside --out)' },
      'no-plot': { type: 'boolean', default: false, desc: 'skip the picture' },
      'plot-range': { type: 'string', desc: "the picture's axes x0,x1,y0,y1 in data units (default: the data's or exact law's extent, the same for every sampler)" },
      animate: { type: 'string', desc: `a GIF of the run (.gif): one frame per step (at most ${MAX_FRAMES}), the particles over the landscape exp(−βU(x, t)) on the picture's axes, weighted ones coloured by log-weight` },
      'animate-size': { type: 'number', default: ANIMATE_SIZE, desc: "the GIF's width and height in pixels (64–1024)" },
      ...yargsOptions(BACKEND_KNOBS),
    })
    .parseAsync();
  const settings = sampleSettingsFrom(argv);
  const typed = explicitFlags();
  checkSamplerFlagsUsed(settings, typed);
  if (typed.has('sde') || typed.has('betaMin') || typed.has('betaMax') || typed.has('sigmaMin') || typed.has('sigmaMax')) checkSdeFlagsUsed(argv.sde as string | undefined, typed);
  const lambdas = lambdasFrom(argv);
  const exact = exactOptionsFrom(argv);
  const animateSize = argv['animate-size'];
  if (!(Number.isInteger(animateSize) && animateSize >= 64 && animateSize <= 1024)) throw new UsageError(`--animate-size must be an integer from 64 to 1024, got ${animateSize}`);
  const guidance = guidanceFrom(argv);
  const plotRange = argv['plot-range'] === undefined ? undefined : parsePlotRange(argv['plot-range']);
  const backend = await selectBackend(backendFromArgv(argv).backend, { threads: backendFromArgv(argv).threads });
  say(`backend: ${backend}${(await wasmThreads() ?? 1) > 1 ? `, ${await wasmThreads()} threads` : ''}`);
  await sampleCommand({ models: [...argv.model], lambdas, exact, guidance, settings, out: argv.out, plot: argv.plot, plotRange, noPlot: argv['no-plot'], animate: argv.animate, animateSize, backend, log: say, warn });
});
