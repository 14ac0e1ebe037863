// The CLI's pictures do not mislead: scatter pictures of one model share axes set by the data (or
// the exact law), not by each run's own cloud; strays are counted in the title; the legend names
// the exact law of a product as such; masses.png carries the tolerance and the cut-off; the
// --plot-range flag is checked. Asserted on the Vega-Lite specs, not on pixels.
import { describe, expect, it } from 'vitest';
import { massesSpec } from '../src/node/massesChart.js';
import { parsePlotRange, scatterDomain, scatterSpec } from '../src/node/plot.js';
import { loadModels } from '../src/node/generate.js';
import { pictureReference } from '../src/node/sampleCommand.js';
import { MASS_TOLERANCE } from '../src/sampling/cutoff.js';

type Spec = { facet: { column: { sort: string[] } }; spec: { encoding: { x: { scale: { domain: number[] } }; y: { scale: { domain: number[] } }; color: { scale: { domain: string[] } } } } };
const pts = (...xy: number[]) => Float32Array.from(xy);
const reference = pts(-1, -1, 1, 1, -1, 1, 1, -1);

describe('scatter pictures', () => {
  it('two runs over the same reference get the same axes, whatever their own spread', () => {
    const tight = scatterSpec([{ title: 'wfr', points: pts(0, 0, 0.1, 0.1) }], { reference }) as unknown as Spec;
    const wide = scatterSpec([{ title: 'em', points: pts(-6, 0, 6, 0) }], { reference }) as unknown as Spec;
    expect(tight.spec.encoding.x.scale.domain).toEqual(wide.spec.encoding.x.scale.domain);
    expect(tight.spec.encoding.y.scale.domain).toEqual(wide.spec.encoding.y.scale.domain);
    // The reference's extent, padded by 10 %: [-1.1, 1.1].
    expect(wide.spec.encoding.x.scale.domain[0]).toBeCloseTo(-1.1, 6);
    expect(wide.spec.encoding.x.scale.domain[1]).toBeCloseTo(1.1, 6);
    // em's two points lie outside: the title says so instead of hiding them.
    expect(wide.facet.column.sort[0]).toBe('em — 2 of 2 outside the axes');
    expect(tight.facet.column.sort[0]).toBe('wfr');
  });

  it('axes are square; an explicit domain wins; without a reference all points set them', () => {
    const close = (a: number[], b: number[]) => a.forEach((v, i) => expect(v).toBeCloseTo(b[i], 9));
    close(scatterDomain([{ title: 'a', points: pts(0, 0, 4, 1) }], {}), [-0.2, 4.2, 0.5 - 2.2, 0.5 + 2.2]);
    expect(scatterDomain([{ title: 'a', points: pts(0, 0, 4, 1) }], { reference, domain: [-3, 3, -2, 2] })).toEqual([-3, 3, -2, 2]);
    close(scatterDomain([{ title: 'target', points: pts(0, 0, 2, 2) }, { title: 'em', points: pts(-9, -9, 9, 9) }], { frameFrom: 0, reference }), [-0.1, 2.1, -0.1, 2.1]);
  });

  it("a product's picture calls its reference the exact law, a single model's the data", async () => {
    const single = await loadModels(['exact:blobs-x']);
    const prod = await loadModels(['models/compose/blobs-x', 'models/compose/blobs-y']);
    const same = await loadModels(['exact:blobs-x', 'exact:blobs-x']);
    try {
      expect(pictureReference(single).referenceLabel).toBe('data');
      expect(pictureReference(single, 2).referenceLabel).toBe('data (p, not p^β)');
      const p = pictureReference(prod);
      expect(p.referenceLabel).toBe('exact law');
      expect(p.reference!.length).toBe(8000);
      const spec = scatterSpec([{ title: 'wfr', points: pts(0, 0) }], p) as unknown as Spec;
      expect(spec.spec.encoding.color.scale.domain).toEqual(['exact law', 'samples']);
      // Two models of one law (p²): nothing drawn behind, the axes still from a draw of p.
      const square = pictureReference(same);
      expect(square.reference).toBeUndefined();
      expect(square.domain).toEqual(pictureReference(same).domain);
      expect(square.domain![1] - square.domain![0]).toBeGreaterThan(1);
    } finally {
      single.dispose();
      prod.dispose();
      same.dispose();
    }
  });

  it('--plot-range takes four increasing numbers and names itself otherwise', () => {
    expect(parsePlotRange('-4,4,-3,3')).toEqual([-4, 4, -3, 3]);
    expect(() => parsePlotRange('1,2,3')).toThrow(/--plot-range must be four numbers x0,x1,y0,y1, got '1,2,3'/);
    expect(() => parsePlotRange('1,2,3,x')).toThrow(/--plot-range must be four numbers/);
    expect(() => parsePlotRange('2,1,0,1')).toThrow(/--plot-range needs x0 < x1 and y0 < y1/);
  });
});

describe('masses picture', () => {
  const masses = [0.5, 0.1, 0.02].map((t, i) => ({ t, error: [0.01, 0.015, 0.2][i] }));
  type Layer = { mark: { type: string }; data: { values: Record<string, unknown>[] }; encoding: Record<string, { field: string }> };
  const layers = (s: unknown) => (s as { layer: Layer[] }).layer;

  it('draws the tolerance as a horizontal rule and the cut-off as a vertical one, labelled', () => {
    const L = layers(massesSpec({ masses, title: 'm', cutoff: { t: 0.1, noise: 0.34, rule: 'measured' } }));
    const rules = L.filter((l) => l.mark.type === 'rule');
    expect(rules).toHaveLength(2);
    const tol = rules.find((r) => r.encoding.y)!;
    expect(tol.data.values[0].error).toBe(MASS_TOLERANCE);
    const cut = rules.find((r) => r.encoding.x)!;
    expect(cut.data.values[0].t).toBe(0.1);
    const labels = L.filter((l) => l.mark.type === 'text').map((l) => String(l.data.values[0].label));
    expect((massesSpec({ masses, title: 'm', cutoff: { t: 0.1, noise: 0.34, rule: 'measured' } }) as { title: { subtitle: string } }).title.subtitle).toMatch(/^cut-off: noise level σ\/α = 0.34 \(measured\), t = 0.1/);
    expect(labels).toEqual([`tolerance ${MASS_TOLERANCE}`, 'cut-off t = 0.1: weights act →']);
  });

  it('an exact potential has no cut-off mark; zero errors sit at the log axis floor', () => {
    const L = layers(massesSpec({ masses: [{ t: 0.5, error: 0 }], title: 'm' }));
    expect(L.filter((l) => l.mark.type === 'rule')).toHaveLength(1);
    expect(L[0].data.values[0].error).toBe(1e-4);
  });
});
