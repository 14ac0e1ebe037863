// `npm run demo`: builds the browser demo with Vite and serves it on localhost (with the
// cross-origin isolation headers of demo/vite.config.ts, so wasm may use threads).
import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
import { build, preview } from 'vite';
import { checkPortFree, parsePort } from './demoPort.js';
import { run } from '../src/cli/common.js';

const argv = await yargs(hideBin(process.argv))
  .scriptName('npm run demo --')
  .usage(
    'Usage: $0 [--port N]\n\n' +
      'Build the browser demo (demo/) with Vite and serve it on 127.0.0.1, cross-origin isolated (COOP/COEP): train a ' +
      'model in the page (a built-in dataset, points you draw, or a CSV) and run two samplers side by side on it or on a ' +
      'shipped checkpoint (or your own), step by step, with per-mode masses, ESS and metrics. Ctrl-C stops the server.',
  )
  .options({ port: { type: 'string', default: '5173', desc: 'port on 127.0.0.1 (1–65535)' } })
  .example('$0', 'serve on http://127.0.0.1:5173/')
  .example('$0 --port 8080', 'another port')
  .strict()
  .parseAsync();
const configFile = 'demo/vite.config.ts';

// The port is checked before the build (a minute), and every failure is one line, not a stack.
run(async () => {
  const port = parsePort(argv.port);
  await checkPortFree(port);
  await build({ configFile });
  const server = await preview({ configFile, preview: { port, strictPort: true, host: '127.0.0.1', open: false } });
  const url = server.resolvedUrls?.local[0] ?? `http://127.0.0.1:${port}/`;
  console.log(`demo: ${url}  (Ctrl-C to stop)`);
  // Served until Ctrl-C: run() must not exit when this function returns.
  await new Promise(() => {});
});
