// The command-line tools' build for the package (run after tsc by `npm run build`): dist/cli/*.js
// as bundles with yargs and cli-progress inside, so an install needs no CLI-only dependency.
// tfjs stays a peer; the picture libraries stay optional imports (src/node/pictureLibraries.ts).
import { defineConfig } from 'vite';

export default defineConfig({
  logLevel: 'warn',
  build: {
    ssr: true,
    outDir: 'dist/cli',
    emptyOutDir: false,
    minify: false,
    target: 'node20',
    rollupOptions: {
      input: { train: 'src/cli/train.ts', sample: 'src/cli/sample.ts', eval: 'src/cli/eval.ts' },
      external: [/^node:/, /^@tensorflow\//, 'vega', 'vega-lite', '@resvg/resvg-js'],
      output: { format: 'esm', entryFileNames: '[name].js', chunkFileNames: 'shared/[name]-[hash].js' },
    },
  },
  ssr: { noExternal: true, target: 'node' },
});
