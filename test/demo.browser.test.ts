// The browser demo in a real browser: Debian's Chromium driven by playwright-core against the
// page `npm run demo` serves. It loads a shipped checkpoint, runs em and wfr side by side, draws
// on both canvases, shows mode-weight errors, logs no console errors; the screenshot goes to
// test-output/demo.png. Checkpoints are untrusted: markup in their names shows as text, a whole
// picked folder loads, and hostile URLs/manifests are refused with a message. Without Chromium it is skipped with a message, except under CI=true.
import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
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

// The page serves these checkpoints (WFR_DEMO_MODELS): a shipped one, and a copy of it whose
// folder name and metadata carry markup that must show as text, never become elements.
const shippedName = 'eight-gaussians-imbalanced';
const shippedDir = join(root, 'models', shippedName);
// (No '=' in the folder name: Vite's static server does not serve such paths.)
const hostileName = '<img src onerror><i>x';
const hostileDataset = '<img src=y onerror=window.__pwned=2><b>bold</b>';
function servedModels(): string {
  const models = mkdtempSync(join(tmpdir(), 'wfr-demo-models-'));
  const json = JSON.parse(readFileSync(join(shippedDir, 'model.json'), 'utf8'));
  const bin = json.weightsManifest[0].paths[0];
  for (const [name, dataset] of [[shippedName, undefined], [hostileName, hostileDataset]]) {
    mkdirSync(join(models, name!));
    copyFileSync(join(shippedDir, bin), join(models, name!, bin));
    const j = structuredClone(json);
    if (dataset) j.userDefinedMetadata.wfr.dataset.name = dataset;
    writeFileSync(join(models, name!, 'model.json'), JSON.stringify(j));
  }
  return models;
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
    server = spawn(process.execPath, ['--import', 'tsx', 'scripts/demo.ts', '--port', String(port)], { cwd: root, env: { ...process.env, WFR_DEMO_MODELS: servedModels() } });
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

  it('shows a checkpoint folder name and metadata with markup as text, creating no element', async () => {
    const page = await browser!.newPage();
    await page.goto(`${url}?model=${encodeURIComponent(hostileName)}&autoplay=0`);
    await page.waitForFunction(() => /SDE, step/.test(document.getElementById('status')?.textContent ?? ''), undefined, { timeout: 60_000 });
    expect(await page.textContent('#error')).toBe('');
    expect(await page.textContent('#status')).toContain(hostileDataset);
    expect(await page.$$eval('#model option', (os) => os.map((o) => o.textContent))).toContain(hostileName);
    expect(await page.evaluate(() => document.querySelectorAll('img, b, i').length)).toBe(0);
    expect(await page.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined();
  }, 120_000);

  it('loads a whole checkpoint folder picked in the file input (state.bin, loss.png, train.json ignored)', async () => {
    const page = await browser!.newPage();
    await page.goto(`${url}?autoplay=0`);
    await page.waitForFunction(() => /SDE, step/.test(document.getElementById('status')?.textContent ?? ''), undefined, { timeout: 60_000 });
    const files = readdirSync(shippedDir).map((f) => join(shippedDir, f));
    expect(files.map((f) => f.split('/').pop())).toEqual(expect.arrayContaining(['state.bin', 'loss.png', 'train.json', 'model.json']));
    // The status is overwritten by the run that follows a load: record every text it shows.
    await page.evaluate(() => {
      const el = document.getElementById('status')!;
      const seen: string[] = ((window as unknown as { statuses: string[] }).statuses = []);
      new MutationObserver(() => seen.push(el.textContent ?? '')).observe(el, { childList: true, characterData: true, subtree: true });
    });
    await page.setInputFiles('#files', files);
    await expect
      .poll(() => page.evaluate(() => (window as unknown as { statuses: string[] }).statuses.join('\n')), { timeout: 30_000 })
      .toMatch(/^model\.json: eight-gaussians-imbalanced, vp SDE/m);
    expect(await page.textContent('#error')).toBe('');
  }, 120_000);

  const hostileUrls: [string, string, string, RegExp][] = [
    ['a URL that returns HTML', 'html/model.json', '<!doctype html><title>not found</title>', /returned HTML, not a model\.json/],
    ['a manifest path with ..', 'evil1/model.json', 'paths:../../models/x/w.bin', /weights path "\.\.\/\.\.\/models\/x\/w\.bin" leads out of the checkpoint folder/],
    ['a manifest path that is a URL', 'evil2/model.json', 'paths:https://example.invalid/w.bin', /weights path "https:\/\/example\.invalid\/w\.bin" is a URL/],
    ['a manifest path that is absolute', 'evil3/model.json', 'paths:/etc/passwd', /weights path "\/etc\/passwd" is an absolute path/],
  ];
  for (const [what, path, body, msg] of hostileUrls) {
    it(`refuses ${what} with a message`, async () => {
      const page = await browser!.newPage();
      const json = JSON.parse(readFileSync(join(shippedDir, 'model.json'), 'utf8'));
      if (body.startsWith('paths:')) json.weightsManifest[0].paths = [body.slice(6)];
      const weightRequests: string[] = [];
      await page.route(`**/${path}`, (r) => r.fulfill({ body: body.startsWith('paths:') ? JSON.stringify(json) : body, contentType: body.startsWith('paths:') ? 'application/json' : 'text/html' }));
      page.on('request', (r) => r.url().endsWith('.bin') && weightRequests.push(r.url()));
      await page.goto(`${url}?autoplay=0`);
      await page.waitForFunction(() => /SDE, step/.test(document.getElementById('status')?.textContent ?? ''), undefined, { timeout: 60_000 });
      const before = weightRequests.length;
      await page.fill('#url', `${url}${path}`);
      await page.dispatchEvent('#url', 'change');
      await expect.poll(() => page.textContent('#error'), { timeout: 30_000 }).toMatch(msg);
      expect(weightRequests.length).toBe(before); // nothing fetched from where the manifest pointed
      expect(await page.textContent('#status')).toBe('kept the previous checkpoint');
    }, 120_000);
  }
});
