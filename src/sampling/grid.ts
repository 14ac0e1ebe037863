// Reverse-time grids from t = 1 down to t_min: uniform, or quadratic (steps shrink toward
// t_min, where the score changes fastest).

export type GridKind = 'uniform' | 'quadratic';
export const GRID_KINDS: GridKind[] = ['uniform', 'quadratic'];

/** steps + 1 decreasing times, first 1, last tMin. */
export function timeGrid(steps: number, tMin: number, kind: GridKind = 'uniform'): Float64Array {
  const out = new Float64Array(steps + 1);
  for (let k = 0; k <= steps; k++) {
    const u = k / steps;
    out[k] = kind === 'uniform' ? 1 - (1 - tMin) * u : tMin + (1 - tMin) * (1 - u) ** 2;
  }
  return out;
}
