// The browser demo in a real browser: Debian's Chromium driven by playwright-core against the
// page `npm run demo` serves. It loads a shipped checkpoint, runs em and wfr side by side, draws
// on both canvases, shows mode-weight errors, logs no console errors; the screenshot goes to
// test-output/demo.png. Without Chromium it is skipped with a message, except under CI=true.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..');
const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const available = existsSync(executablePath);
if (!available) {
  if (process.env.CI === 'true') throw new Error(`CI=true but no Chromium at ${executablePath}: .ci/run must install Debian's chromium`);
  console.warn(`skipping the browser test: no Chromium at ${executablePath} (install it with: apt-get install chromium, or set CHROMIUM_PATH)`);
}

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });

describe.skipIf(!available)('browser demo', () => {
  let server: ChildProcess | undefined;
  let browser: Browser | undefined;
  let url = '';

  beforeAll(async () => {
    const port = await freePort();
    server = spawn(process.execPath, ['--import', 'tsx', 'scripts/demo.ts', '--port', String(port)], { cwd: root });
    url = await new Promise<string>((resolve, reject) => {
      let out = '';
      server!.stdout!.on('data', (d) => {
        out += d;
        const m = /demo: (http\S+)/.exec(out);
        if (m) resolve(m[1]);
      });
      server!.stderr!.on('data', (d) => (out += d));
      server!.on('exit', (code) => reject(new Error(`demo server exited (${code}): ${out}`)));
    });
    browser = await chromium.launch({
      executablePath,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    server?.kill();
  });

  it('loads a shipped checkpoint, runs em and wfr to the end, and shows mode-weight errors', async () => {
    const page = await browser!.newPage({ viewport: { width: 1200, height: 620 } });
    const errors: string[] = [];
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${url}?model=eight-gaussians-imbalanced&steps=25&n=800&seed=1`);
    await page.waitForFunction(() => document.getElementById('status')?.textContent?.startsWith('done'), undefined, { timeout: 150_000 });

    for (const side of ['left', 'right']) {
      await expect.poll(() => page.textContent(`#result-${side}`)).toMatch(/mode-weight error \d\.\d{3}/);
      // Not blank: a good share of the canvas is neither white nor the faint reference grey.
      const inked = await page.evaluate((id) => {
        const c = document.getElementById(id) as HTMLCanvasElement;
        const d = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
        let n = 0;
        for (let i = 0; i < d.length; i += 4) if (d[i + 2] > d[i] + 40) n++; // blue particles
        return n;
      }, `canvas-${side}`);
      expect(inked).toBeGreaterThan(500);
    }
    expect(await page.textContent('#error')).toBe('');
    expect(errors).toEqual([]);
    mkdirSync(join(root, 'test-output'), { recursive: true });
    await page.screenshot({ path: join(root, 'test-output', 'demo.png') });
  }, 200_000);

  it('shows a clear message when a checkpoint fails to load', async () => {
    const page = await browser!.newPage();
    await page.goto(`${url}?autoplay=0`);
    await page.waitForFunction(() => !document.getElementById('status')?.textContent?.startsWith('Loading'), undefined, { timeout: 60_000 });
    await page.fill('#url', `${url}models/does-not-exist/model.json`);
    await page.dispatchEvent('#url', 'change');
    await expect.poll(() => page.textContent('#error'), { timeout: 30_000 }).toMatch(/Could not load checkpoint .*does-not-exist/);
  }, 120_000);
});
