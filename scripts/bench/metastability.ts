// `npx tsx scripts/bench/metastability.ts [--quick] [--out DIR]`: the metastability bench section
// alone (about 1–2 minutes), writing DIR/metastability.md, .json and .png (default DIR: bench).

import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { selectBackend } from '../../src/node/backend.js';
import { writeFileAtomic } from '../../src/node/files.js';
import { benchContext, log } from './context.js';
import { metastabilitySection } from './sections/metastability.js';

const args = process.argv.slice(2);
const out = args.includes('--out') ? args[args.indexOf('--out') + 1] : 'bench';
mkdirSync(out, { recursive: true });
await selectBackend('wasm');
const started = performance.now();
const s = await metastabilitySection(benchContext({ quick: args.includes('--quick'), out }));
writeFileAtomic(join(out, 'metastability.md'), s.md.join('\n') + '\n');
writeFileAtomic(join(out, 'metastability.json'), JSON.stringify(s.json) + '\n');
log(s.md.join('\n'));
log(`metastability: ${((performance.now() - started) / 1000).toFixed(0)} s`);
