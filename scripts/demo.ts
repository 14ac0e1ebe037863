// `npm run demo`: builds the browser demo with Vite and serves it on localhost (with the
// cross-origin isolation headers of demo/vite.config.ts, so wasm may use threads).
import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
import { build, preview } from 'vite';
import { createServer } from 'node:net';
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

/** Resolves once `port` on 127.0.0.1 is free (by listening on it for a moment); rejects naming --port. */
function checkPortFree(port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', (e: NodeJS.ErrnoException) =>
      reject(new Error(`--port ${port}: ${e.code === 'EADDRINUSE' ? 'in use by another program (choose another --port)' : e.code === 'EACCES' ? 'not allowed for this user (ports below 1024 need privileges)' : (e.code ?? e.message)}`)),
    );
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve()));
  });
}

// The port is checked before the build (a minute), and every failure is one line, not a stack.
run(async () => {
  const port = Number(argv.port);
  if (!(/^\d+$/.test(argv.port.trim()) && port >= 1 && port <= 65535)) throw new Error(`--port must be a whole number from 1 to 65535, got ${JSON.stringify(argv.port)}`);
  await checkPortFree(port);
  await build({ configFile });
  const server = await preview({ configFile, preview: { port, strictPort: true, host: '127.0.0.1', open: false } });
  const url = server.resolvedUrls?.local[0] ?? `http://127.0.0.1:${port}/`;
  console.log(`demo: ${url}  (Ctrl-C to stop)`);
  // Served until Ctrl-C: run() must not exit when this function returns.
  await new Promise(() => {});
});
