// Builds the browser demo into out/demo and copies the shipped checkpoints (model.json +
// weights, checked by demo/assets.ts) and the reference data beside it, with models/index.json
// listing them.
import { copyFileSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { defineConfig, type Plugin } from 'vite';
import { copyCheckpoints } from './assets.js';

const root = resolve(import.meta.dirname, '..');
const outDir = join(root, 'out', 'demo');
// WFR_DEMO_MODELS: serve the checkpoints of another folder (the browser test's hostile ones).
const modelsDir = process.env.WFR_DEMO_MODELS ?? join(root, 'models');

function shippedAssets(): Plugin {
  return {
    name: 'shipped-checkpoints',
    apply: 'build',
    closeBundle() {
      mkdirSync(join(outDir, 'models'), { recursive: true });
      const list = copyCheckpoints(modelsDir, join(outDir, 'models'));
      writeFileSync(join(outDir, 'models', 'index.json'), JSON.stringify(list, null, 2));
      mkdirSync(join(outDir, 'data'), { recursive: true });
      for (const f of readdirSync(join(root, 'data'))) if (f.endsWith('.csv')) copyFileSync(join(root, 'data', f), join(outDir, 'data', f));
    },
  };
}

// Cross-origin isolation (COOP + COEP), so the wasm backend may use SharedArrayBuffer: threads and
// SIMD. A static host must send the same two headers (README, "Browser demo").
export const ISOLATION_HEADERS = { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' };

export default defineConfig({
  root: import.meta.dirname,
  base: './',
  logLevel: 'warn',
  // Not minified: tfjs-backend-wasm starts its threads from the source text of its (bundled) factory
  // function, which must not refer to names the minifier gave to the bundle's scope.
  build: { outDir, emptyOutDir: true, chunkSizeWarningLimit: 8000, minify: false },
  plugins: [shippedAssets()],
  // The training worker imports the core as ES modules (code-split like the page).
  worker: { format: 'es' },
  server: { headers: ISOLATION_HEADERS },
  preview: { headers: ISOLATION_HEADERS },
});
