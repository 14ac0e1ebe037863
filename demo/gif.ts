// The page's "run as GIF": a panel's canvas recorded step by step into an animated GIF with
// gifenc (the encoder `npm run sample -- --animate` uses), one frame per kept step, the last held.

import { GIFEncoder, applyPalette, quantize } from 'gifenc';

/** As the CLI's animation: at most this many frames; 80 ms each, the last 1.5 s. */
export const MAX_GIF_FRAMES = 200;
const [DELAY, LAST_DELAY] = [80, 1500];

/** Draws frames 1…count on `canvas` with `draw(k)` and encodes each as it is drawn. */
export async function recordGif(canvas: HTMLCanvasElement, count: number, draw: (k: number) => void): Promise<Uint8Array<ArrayBuffer>> {
  if (count > MAX_GIF_FRAMES) throw new Error(`a GIF holds at most ${MAX_GIF_FRAMES} frames, one per step: this run has ${count} steps`);
  const gif = GIFEncoder();
  const ctx = canvas.getContext('2d', { willReadFrequently: true })!;
  for (let k = 1; k <= count; k++) {
    draw(k);
    const { data } = ctx.getImageData(0, 0, canvas.width, canvas.height);
    const palette = quantize(data, 256);
    gif.writeFrame(applyPalette(data, palette), canvas.width, canvas.height, { palette, delay: k === count ? LAST_DELAY : DELAY, repeat: 0 });
    if (k % 10 === 0) await new Promise((r) => setTimeout(r)); // let the page breathe on long runs
  }
  gif.finish();
  return gif.bytes();
}
