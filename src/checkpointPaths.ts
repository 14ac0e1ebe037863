// A checkpoint is untrusted input: the files its weights manifest names must stay inside its
// folder, and their size must be what the manifest's weight specs need. Shared by the CLI
// loader (node/checkpointFiles.ts), the URL and file loaders of the demo page (checkpoint.ts)
// and the demo build step (demo/assets.ts). Browser-safe: no file system here.

export class CheckpointPathError extends Error {}

/** A manifest path is a plain relative name: no '..', no absolute path, no URL, no backslash. */
export function manifestPathProblem(p: unknown): string | undefined {
  if (typeof p !== 'string' || p === '') return 'is not a file name';
  if (/^[a-z][a-z0-9+.-]*:/i.test(p) || p.startsWith('//')) return 'is a URL, not a file in the checkpoint folder';
  if (p.startsWith('/') || /^[a-z]:/i.test(p)) return 'is an absolute path, not a file in the checkpoint folder';
  if (p.includes('\\')) return 'contains a backslash';
  if (p.split('/').some((part) => part === '..')) return "leads out of the checkpoint folder ('..')";
  if (p.split('/').some((part) => part === '' || part === '.')) return 'is not a plain relative name';
  return undefined;
}

export interface ManifestGroup {
  paths: string[];
  weights: { name: string; shape: number[]; dtype?: string }[];
}

/** The manifest's groups, every path checked; throws naming the path and the file. */
export function checkedManifest(manifest: unknown, source: string): ManifestGroup[] {
  if (!Array.isArray(manifest) || manifest.length === 0) throw new CheckpointPathError(`${source}: weightsManifest must be a non-empty list`);
  for (const g of manifest as ManifestGroup[]) {
    if (!Array.isArray(g?.paths) || !Array.isArray(g?.weights)) throw new CheckpointPathError(`${source}: every weightsManifest entry needs paths and weights lists`);
    for (const p of g.paths) {
      const problem = manifestPathProblem(p);
      if (problem) throw new CheckpointPathError(`${source}: weights path ${JSON.stringify(p)} ${problem}`);
    }
  }
  return manifest as ManifestGroup[];
}

/** Bytes a group's weight specs need: Σ product(shape) · 4 (float32 only; other dtypes are refused). */
export function weightBytesNeeded(group: ManifestGroup, source: string): number {
  let bytes = 0;
  for (const w of group.weights) {
    if ((w.dtype ?? 'float32') !== 'float32') throw new CheckpointPathError(`${source}: weight ${w.name} has dtype ${w.dtype}; only float32 is read`);
    if (!Array.isArray(w.shape) || !w.shape.every((d) => Number.isInteger(d) && d >= 0)) throw new CheckpointPathError(`${source}: weight ${w.name} has a bad shape ${JSON.stringify(w.shape)}`);
    bytes += w.shape.reduce((a, b) => a * b, 1) * 4;
  }
  return bytes;
}

/** Throws unless the bytes read for a group are exactly what its specs need (naming the files and both sizes). */
export function checkWeightBytes(group: ManifestGroup, got: number, source: string): void {
  const need = weightBytesNeeded(group, source);
  if (got !== need) {
    throw new CheckpointPathError(`${source}: weights file ${group.paths.join(' + ')} has ${got} bytes, the manifest's weight specs need ${need}`);
  }
}
