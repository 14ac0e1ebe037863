// Progress for long work (steps, loss, rate, ETA) on cli-progress: a live bar on a terminal,
// a line every few seconds when output is a log (CI).

import cliProgress from 'cli-progress';

export interface Progress {
  update(value: number, fields?: Record<string, string>): void;
  stop(): void;
}

/** `stream`: where the bar goes (default stdout; the bench times the loop with one writing nowhere). */
export function progressBar(label: string, total: number, start = 0, fields: Record<string, string> = {}, stream?: NodeJS.WritableStream): Progress {
  const extra = Object.keys(fields).map((k) => ` | ${k} {${k}}`).join('');
  const bar = new cliProgress.SingleBar(
    {
      format: `${label} {bar} {value}/{total}${extra} | {speed}/s | ETA {eta_formatted}`,
      noTTYOutput: true,
      notTTYSchedule: 5000,
      etaBuffer: 50,
      hideCursor: true,
      ...(stream && { stream }),
    },
    cliProgress.Presets.shades_classic,
  );
  bar.start(total, start, { ...fields, speed: '–' });
  const t0 = performance.now();
  return {
    update(value, f = {}) {
      const rate = ((value - start) * 1000) / (performance.now() - t0);
      bar.update(value, { ...f, speed: rate.toFixed(1) });
    },
    stop: () => bar.stop(),
  };
}
