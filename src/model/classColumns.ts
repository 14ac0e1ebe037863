// The class input of a class-conditional potential: a one-hot of the class appended to each
// row's time features (the null class ∅ is all zeros), so the network's first layer reads
// [x, emb(t), onehot(c)] and the fused derivative ops need no change — the class columns are
// constant in t (their ∂ₜ is 0) and in x.

/** Row-major time features [rows, width] and their ∂ₜ, widened by `classes` one-hot columns; label −1 is the null class. */
export function withClassColumns(f: { value: Float32Array; dt: Float32Array }, rows: number, classes: number, labels: ArrayLike<number>): { value: Float32Array; dt: Float32Array } {
  if (labels.length !== rows) throw new Error(`got ${labels.length} class labels for ${rows} feature rows`);
  const width = f.value.length / rows;
  const w = width + classes;
  const value = new Float32Array(rows * w);
  const dt = new Float32Array(rows * w);
  for (let i = 0; i < rows; i++) {
    value.set(f.value.subarray(i * width, (i + 1) * width), i * w);
    dt.set(f.dt.subarray(i * width, (i + 1) * width), i * w);
    const c = labels[i];
    if (c >= 0) value[i * w + width + c] = 1;
  }
  return { value, dt };
}
