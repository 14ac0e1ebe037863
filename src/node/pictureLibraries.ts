// The libraries that draw pictures (Vega, Vega-Lite, resvg: 16 MB with a native binary) are
// optional for an installed package, so that a library user gets only tfjs. They load on first
// use; without them the commands still write their CSV/JSON outputs and say how to get pictures.

import type { TopLevelSpec } from 'vega-lite';

export const PICTURE_PACKAGES = ['vega', 'vega-lite', '@resvg/resvg-js'] as const;
export const PICTURE_INSTALL = `npm install ${PICTURE_PACKAGES.join(' ')}`;

export interface PictureLibraries {
  /** A Vega-Lite spec to SVG text. */
  toSvg(spec: TopLevelSpec): Promise<string>;
  /** SVG text to PNG bytes at twice its size. */
  toPng(svg: string): Uint8Array;
}

let loading: Promise<PictureLibraries | string> | undefined;

/** The picture libraries, or why they are unavailable (a sentence naming the install line). */
export function pictureLibraries(): Promise<PictureLibraries | string> {
  loading ??= load().catch((e: unknown) => {
    const missing = e instanceof Error && /Cannot find (package|module)/.test(e.message);
    return missing
      ? `pictures need ${PICTURE_PACKAGES.join(', ')}, which are not installed (${PICTURE_INSTALL}); the other outputs are written without them`
      : `the picture libraries failed to load: ${e instanceof Error ? e.message : String(e)}`;
  });
  return loading;
}

async function load(): Promise<PictureLibraries> {
  const [vega, vegaLite, resvg] = await Promise.all([import('vega'), import('vega-lite'), import('@resvg/resvg-js')]);
  return {
    async toSvg(spec) {
      const view = new vega.View(vega.parse(vegaLite.compile(spec).spec), { renderer: 'none' });
      const svg = await view.toSVG();
      view.finalize();
      return svg;
    },
    toPng(svg) {
      const options = { background: 'white', fitTo: { mode: 'zoom' as const, value: 2 }, font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans' } };
      return new resvg.Resvg(svg, options).render().asPng();
    },
  };
}

/**
 * Whether a picture will be drawn: `undefined` when the libraries are missing and the picture was
 * only the default (`warn` says so once); an error when the user asked for it by name.
 */
export async function picturePath(path: string | undefined, askedByName: boolean, warn: (line: string) => void): Promise<string | undefined> {
  if (path === undefined) return undefined;
  const libs = await pictureLibraries();
  if (typeof libs !== 'string') return path;
  if (askedByName) throw new Error(`--plot ${path}: ${libs}`);
  warn(`note: no picture: ${libs}`);
  return undefined;
}
