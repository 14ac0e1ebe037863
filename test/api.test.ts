// The public API (src/index.ts, src/node/index.ts) against what `npm run sample` runs: the same
// bits for the same seed, points in data units, the checkpoint's cut-off applied, products and
// exact models as the CLI builds them, and evaluate() as `npm run eval` scores.
import { describe, expect, it } from 'vitest';
import { generate, loadModels } from '../src/node/generate.js';
import { evaluate, exactModel, loadModel, product } from '../src/node/index.js';

const SHIPPED = 'models/eight-gaussians-imbalanced';
const settings = { sampler: 'wfr', steps: 12, n: 400, seed: 7 } as const;

describe('the public API', () => {
  it('samples a checkpoint bit for bit as npm run sample does, in data units, with its cut-off', async () => {
    const model = await loadModel(SHIPPED);
    const cli = await loadModels([SHIPPED]);
    try {
      const mine = await model.sample(settings);
      const theirs = await generate(cli, settings);
      expect(Buffer.from(mine.points.buffer).equals(Buffer.from(theirs.points.buffer))).toBe(true);
      expect(mine.tOff).toBe(cli.defaultTOff);
      expect(mine.tOff).toBeGreaterThan(0);
      expect(model.tOff).toBe(cli.defaultTOff);
      // Data units: the eight centres sit at radius 2√2 ≈ 2.83, not at the standardised ≈ 1.
      const r = Array.from({ length: mine.n }, (_, i) => Math.hypot(mine.points[2 * i]!, mine.points[2 * i + 1]!));
      expect(r.sort((a, b) => a - b)[mine.n >> 1]).toBeGreaterThan(2.3);
      expect(mine.settings.sampler).toBe('wfr');
      expect(mine.trace.ess).toHaveLength(12);
      const e = evaluate(mine, 'eight-gaussians-imbalanced', { floors: false });
      // A sanity bound, not a quality bar: at K = 12, N = 400 wfr's error scatters 0.09–0.33 over seeds.
      expect(e.modes?.error).toBeLessThan(0.35);
      expect(e.rows.map((row) => row.metric)).toContain('mode-weight error Σ|ŵ−π|');
    } finally {
      model.dispose();
      cli.dispose();
    }
  });

  it('keeps weights when asked, reports progress in data units, and matches an explicit t-off', async () => {
    const model = await loadModel(SHIPPED);
    const cli = await loadModels([SHIPPED]);
    try {
      let last: Float32Array | undefined;
      const s = await model.sample({ sampler: 'fk', steps: 8, n: 300, keepWeights: true, tOff: 0.3, onStep: (p) => void (last = p.points()) });
      const g = await generate(cli, { sampler: 'fk', steps: 8, n: 300, keepWeights: true, tOff: 0.3 });
      expect(s.weights).toEqual(g.result.weights);
      expect(s.tOff).toBe(0.3);
      expect(Array.from(last!)).toEqual(Array.from(s.points));
    } finally {
      model.dispose();
      cli.dispose();
    }
  });

  it('builds exact models and products as the CLI does', async () => {
    const opts = { sampler: 'wfr', steps: 10, n: 300, seed: 2 } as const;
    const exact = exactModel('blobs-x', { frame: 'standard' });
    const exact2 = exactModel('exact:blobs-y', { frame: exact });
    const xy = product([exact, exact2]);
    const cli = await loadModels(['exact:blobs-x', 'exact:blobs-y'], { exact: { frame: { mean: [0, 0], scale: 1 } } });
    const mine = await xy.sample(opts);
    const theirs = await generate(cli, opts);
    expect(Array.from(mine.points)).toEqual(Array.from(theirs.points));
    expect(xy.name).toBe('exact:blobs-x × exact:blobs-y');
    expect(xy.dataset).toBe(cli.dataset!.name);
    expect(evaluate(mine, xy, { floors: false }).modes).toBeDefined();
    expect(() => product([exact, exactModel('blobs-y')])).toThrow(/different frames/);
    expect(() => product([exact], [0])).toThrow(/exponent/);
  });
});
