// Builds the browser demo into out/demo and copies the shipped checkpoints (model.json +
// weights) and the reference data beside it, with models/index.json listing them.
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { defineConfig, type Plugin } from 'vite';

const root = resolve(import.meta.dirname, '..');
const outDir = join(root, 'out', 'demo');

function shippedAssets(): Plugin {
  return {
    name: 'shipped-checkpoints',
    apply: 'build',
    closeBundle() {
      const list: Record<string, unknown>[] = [];
      for (const name of readdirSync(join(root, 'models')).sort()) {
        const dir = join(root, 'models', name);
        if (!existsSync(join(dir, 'model.json'))) continue;
        const json = JSON.parse(readFileSync(join(dir, 'model.json'), 'utf8'));
        const files = ['model.json', ...json.weightsManifest.flatMap((g: { paths: string[] }) => g.paths)];
        mkdirSync(join(outDir, 'models', name), { recursive: true });
        for (const f of files) copyFileSync(join(dir, f), join(outDir, 'models', name, f));
        const meta = json.userDefinedMetadata.wfr;
        list.push({ name, dataset: meta.dataset.name, sde: meta.sde.name, step: meta.training.step, timeScoreSteps: meta.training.timeScoreSteps });
      }
      writeFileSync(join(outDir, 'models', 'index.json'), JSON.stringify(list, null, 2));
      mkdirSync(join(outDir, 'data'), { recursive: true });
      for (const f of readdirSync(join(root, 'data'))) if (f.endsWith('.csv')) copyFileSync(join(root, 'data', f), join(outDir, 'data', f));
    },
  };
}

export default defineConfig({
  root: import.meta.dirname,
  base: './',
  logLevel: 'warn',
  build: { outDir, emptyOutDir: true, chunkSizeWarningLimit: 4000 },
  plugins: [shippedAssets()],
});
