// Seeded random streams. Every random number in the project comes from here (never Math.random
// or tfjs's own random ops), so a run is reproducible from --seed and a resumed run continues
// the same stream: the generator state is four uint32 words that checkpoints store.

/** sfc32: small, fast, passes PractRand; state is 128 bits. */
export class Rng {
  private s: Uint32Array;

  constructor(seed: number, stream = '') {
    // splitmix32 over (seed, hash(stream)) so named streams from one seed are independent.
    let h = (Math.imul(seed >>> 0, 0x9e3779b1) ^ hashString(stream)) >>> 0;
    const next = () => {
      h = (h + 0x9e3779b9) >>> 0;
      let z = h;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.s = new Uint32Array([next(), next(), next(), next()]);
    for (let i = 0; i < 12; i++) this.nextUint32();
  }

  static fromState(state: readonly number[]): Rng {
    if (state.length !== 4) throw new Error(`RNG state must have 4 words, got ${state.length}`);
    const r = new Rng(0);
    r.s = Uint32Array.from(state);
    return r;
  }

  state(): number[] {
    return Array.from(this.s);
  }

  /** An independent child stream; advances this stream by one draw. */
  fork(label: string): Rng {
    return new Rng(this.nextUint32(), label);
  }

  nextUint32(): number {
    const s = this.s;
    const t = (((s[0] + s[1]) >>> 0) + s[3]) >>> 0;
    s[3] = (s[3] + 1) >>> 0;
    s[0] = s[1] ^ (s[1] >>> 9);
    s[1] = (s[2] + (s[2] << 3)) >>> 0;
    s[2] = ((s[2] << 21) | (s[2] >>> 11)) >>> 0;
    s[2] = (s[2] + t) >>> 0;
    return t;
  }

  /** Uniform on (0, 1): never exactly 0 or 1, so log(u) is always finite. */
  uniform(): number {
    return (this.nextUint32() + 0.5) / 4294967296;
  }

  /** Integer uniform on {0, …, n−1}. */
  int(n: number): number {
    return Math.floor(this.uniform() * n);
  }

  /** Fills `out` with standard normals (Box–Muller, both values of each pair used). */
  normals<T extends Float32Array | Float64Array>(out: T): T {
    for (let i = 0; i < out.length; i += 2) {
      const r = Math.sqrt(-2 * Math.log(this.uniform()));
      const th = 2 * Math.PI * this.uniform();
      out[i] = r * Math.cos(th);
      if (i + 1 < out.length) out[i + 1] = r * Math.sin(th);
    }
    return out;
  }

  normal(): number {
    return this.normals(new Float64Array(1))[0];
  }
}

function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}
