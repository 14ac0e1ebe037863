// A small GIF reader for the tests: the logical screen's size, and each frame's pixels as RGB
// (LZW-decoded against its local or the global colour table). Independent of the encoder, so a
// test of the animation reads the file as any viewer would.

export interface GifFrame {
  left: number;
  top: number;
  width: number;
  height: number;
  /** Delay in hundredths of a second (from the frame's graphic control extension). */
  delay: number;
  /** RGB triples, row by row. */
  rgb: Uint8Array;
}

export function readGif(b: Uint8Array): { width: number; height: number; frames: GifFrame[] } {
  const sig = String.fromCharCode(...b.subarray(0, 6));
  if (sig !== 'GIF89a' && sig !== 'GIF87a') throw new Error(`not a GIF: ${sig}`);
  const u16 = (i: number) => b[i] | (b[i + 1] << 8);
  const width = u16(6);
  const height = u16(8);
  let p = 13;
  let global: Uint8Array | undefined;
  if (b[10] & 0x80) {
    const size = 3 * (1 << ((b[10] & 7) + 1));
    global = b.subarray(p, p + size);
    p += size;
  }
  const frames: GifFrame[] = [];
  let delay = 0;
  const subBlocks = (): Uint8Array => {
    const parts: number[] = [];
    for (let len = b[p++]; len; len = b[p++]) {
      for (let k = 0; k < len; k++) parts.push(b[p + k]);
      p += len;
    }
    return Uint8Array.from(parts);
  };
  for (;;) {
    const kind = b[p++];
    if (kind === 0x3b) break;
    if (kind === 0x21) {
      const label = b[p++];
      const data = subBlocks();
      if (label === 0xf9) delay = data[1] | (data[2] << 8);
    } else if (kind === 0x2c) {
      const [left, top, w, h, flags] = [u16(p), u16(p + 2), u16(p + 4), u16(p + 6), b[p + 8]];
      p += 9;
      let table = global;
      if (flags & 0x80) {
        const size = 3 * (1 << ((flags & 7) + 1));
        table = b.subarray(p, p + size);
        p += size;
      }
      const minCode = b[p++];
      const indices = lzw(subBlocks(), minCode, w * h);
      const rgb = new Uint8Array(3 * w * h);
      for (let k = 0; k < w * h; k++) rgb.set(table!.subarray(3 * indices[k], 3 * indices[k] + 3), 3 * k);
      frames.push({ left, top, width: w, height: h, delay, rgb });
    } else throw new Error(`unknown GIF block 0x${kind?.toString(16)} at byte ${p - 1}`);
  }
  return { width, height, frames };
}

/** GIF's variable-width LZW. */
function lzw(data: Uint8Array, minCode: number, count: number): Uint8Array {
  const out = new Uint8Array(count);
  const clear = 1 << minCode;
  const end = clear + 1;
  let size = minCode + 1;
  let dict: number[][] = [];
  const reset = () => {
    dict = Array.from({ length: clear + 2 }, (_, i) => [i]);
    size = minCode + 1;
  };
  reset();
  let [bit, n] = [0, 0];
  let prev: number[] | undefined;
  while (bit + size <= 8 * data.length) {
    let code = 0;
    for (let k = 0; k < size; k++, bit++) code |= ((data[bit >> 3] >> (bit & 7)) & 1) << k;
    if (code === clear) {
      reset();
      prev = undefined;
      continue;
    }
    if (code === end) break;
    const entry = code < dict.length ? dict[code] : [...prev!, prev![0]];
    if (prev) dict.push([...prev, entry[0]]);
    for (const v of entry) if (n < count) out[n++] = v;
    prev = entry;
    if (dict.length === 1 << size && size < 12) size++;
  }
  return out;
}
