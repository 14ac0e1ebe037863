// Bench section: time to a weights-ready model in the page (Debian's Chromium, the page `npm run
// demo` serves): the recipe with the time-score term from step 1000 and stop-when-good
// (docs/speed.md, "the recipe search"), trained in the page's worker on wasm until the masses'
// bar stops it. Wall-clock from the worker's start, as the page's status line prints it.

import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { loadavg } from 'node:os';
import { chromium } from 'playwright-core';
import { log, type BenchContext, type Section } from '../context.js';

/** The recipe as page URL parameters (the training controls' names). */
export const FAST_RECIPE = 'dsmSteps=6000&timeScoreSteps=0&timeScoreFrom=1000&timeScoreWeight=1&timeScoreReference=256&stopWhenGood=500';
const DATASETS = ['eight-gaussians-imbalanced', 'double-well'];

interface PageRow {
  dataset: string;
  status: string;
  step?: number;
  seconds?: number;
  good: boolean;
}

/** A port free now on 127.0.0.1 (the demo server refuses 0). */
const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });

async function served(): Promise<{ url: string; stop(): void }> {
  const server = spawn(process.execPath, ['--import', 'tsx', 'scripts/demo.ts', '--port', String(await freePort())], { stdio: ['ignore', 'pipe', 'pipe'] });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    server.stdout!.on('data', (d) => {
      out += d;
      const m = /demo: (http\S+)/.exec(out);
      if (m) resolve(m[1]);
    });
    server.on('exit', (code) => reject(new Error(`demo server exited (${code}): ${out}`)));
  });
  return { url, stop: () => server.kill() };
}

export async function pageTrainingSection(ctx: BenchContext): Promise<Section> {
  log('== time to a weights-ready model in the page');
  const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!existsSync(executablePath)) return { md: [`(page training skipped: no Chromium at ${executablePath})`, ''], json: {} };
  const load = loadavg().map((l) => l.toFixed(2)).join(', ');
  const server = await served();
  const browser = await chromium.launch({ executablePath, args: ['--headless', '--no-sandbox', '--disable-gpu'] });
  const rows: PageRow[] = [];
  try {
    for (const dataset of ctx.quick ? DATASETS.slice(0, 1) : DATASETS) {
      const page = await browser.newPage();
      const recipe = ctx.quick ? FAST_RECIPE.replace('dsmSteps=6000', 'dsmSteps=40').replace('timeScoreFrom=1000', 'timeScoreFrom=20').replace('stopWhenGood=500', 'stopWhenGood=100') : FAST_RECIPE;
      await page.goto(`${server.url}?train=${dataset}&${recipe}&backend=wasm`);
      // The page may still be loading or sampling its opening checkpoint: Train is enabled after.
      await page.click('#train', { timeout: 5 * 60_000 });
      await page.waitForFunction(() => /^(good enough|done|stopped)/.test(document.getElementById('train-status')?.textContent ?? ''), undefined, { timeout: 20 * 60_000 });
      const status = (await page.textContent('#train-status')) ?? '';
      const m = / at step (\d+) after ([\d.]+) s/.exec(status);
      const row: PageRow = { dataset, status, step: m ? Number(m[1]) : undefined, seconds: m ? Number(m[2]) : undefined, good: status.startsWith('good enough') };
      rows.push(row);
      log(`  ${dataset}: ${row.good ? 'weights-ready' : 'not weights-ready'} at step ${row.step} after ${row.seconds} s`);
      await page.close();
    }
  } finally {
    await browser.close();
    server.stop();
  }
  const md = [
    '### Time to a weights-ready model in the page',
    '',
    `Chromium (headless, Debian's), the page's worker on wasm, the default recipe (docs/speed.md's search), also given as page parameters (\`${FAST_RECIPE}\`): ` +
      `3×128, batch 1024, the time-score term (μ = 1, posterior target R = 256) from step 1000, stopped by the masses' bar checked every 500 steps. Load average at the start: ${load}.`,
    '',
    '| dataset | weights-ready | step | seconds (wall-clock in the page) |',
    '|---|---|---|---|',
    ...rows.map((r) => `| ${r.dataset} | ${r.good ? 'yes' : 'no'} | ${r.step ?? '—'} | ${r.seconds ?? '—'} |`),
    '',
  ];
  return { md, json: { pageTraining: rows } };
}
