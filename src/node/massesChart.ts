// The picture of `eval --potential-masses`: the model's summed mode-mass error at each noise time,
// with the two things the text is built around — the tolerance a measured cut-off uses, and the
// checkpoint's cut-off itself (the weights act only at t at or above it).

import type { TopLevelSpec } from 'vega-lite';
import { MASS_TOLERANCE } from '../sampling/cutoff.js';

export interface MassesChart {
  masses: { t: number; error: number }[];
  title: string;
  tolerance?: number;
  /** The checkpoint's cut-off as a time and a noise level, and how it was set; none for an exact potential. */
  cutoff?: { t: number; noise: number; rule: string };
}

/** Errors below this are drawn at it (a log axis has no 0). */
const FLOOR = 1e-4;

export function massesSpec(c: MassesChart): TopLevelSpec {
  const tol = c.tolerance ?? MASS_TOLERANCE;
  const rows = c.masses.map((m) => ({ t: m.t, error: Math.max(m.error, FLOOR) }));
  const x = { field: 't', type: 'quantitative', title: 't (log scale; 0 = data, 1 = noise)', scale: { type: 'log' } };
  const y = { field: 'error', type: 'quantitative', title: 'Σ|mode mass − exact| (log scale)', scale: { type: 'log' } };
  const text = { type: 'text', fontSize: 10, color: '#333' };
  const layers: object[] = [
    { data: { values: rows }, mark: { type: 'line', point: true, color: 'rgb(31,95,168)' }, encoding: { x, y } },
    { data: { values: [{ error: tol, label: `tolerance ${tol}` }] }, mark: { type: 'rule', color: '#b00020', strokeDash: [5, 4] }, encoding: { y } },
    { data: { values: [{ error: tol, label: `tolerance ${tol}` }] }, mark: { ...text, align: 'left', baseline: 'bottom', x: 4, dy: -2, color: '#b00020' }, encoding: { y, text: { field: 'label' } } },
  ];
  if (c.cutoff) {
    const at = { values: [{ t: c.cutoff.t, label: `cut-off t = ${c.cutoff.t}: weights act →` }] };
    layers.push(
      { data: at, mark: { type: 'rule', color: '#555', strokeDash: [2, 3] }, encoding: { x } },
      { data: at, mark: { ...text, align: 'left', baseline: 'top', dx: 4, y: 4 }, encoding: { x, text: { field: 'label' } } },
    );
  }
  const subtitle = c.cutoff ? `cut-off: noise level σ/α = ${c.cutoff.noise} (${c.cutoff.rule}), t = ${c.cutoff.t}; tolerance: the summed error a measured cut-off allows` : 'exact potential: weights act at every t';
  return { $schema: 'https://vega.github.io/schema/vega-lite/v6.json', title: { text: c.title, subtitle }, width: 480, height: 280, layer: layers } as TopLevelSpec;
}
