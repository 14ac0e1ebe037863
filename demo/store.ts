// The model trained in the page, kept in IndexedDB so it survives a reload: the checkpoint files
// (as the worker wrote them) and, for drawn or uploaded data, the points it was trained on (the
// page scores samples against them). What is read back is loaded through the same checks as any
// other checkpoint.

import type { TrainedCheckpoint } from './trainProtocol.js';

export interface StoredModel {
  checkpoint: TrainedCheckpoint;
  /** What the page calls it, e.g. "trained here: eight-gaussians, step 200". */
  label: string;
  /** The training points (data coordinates) when they were drawn or uploaded. */
  reference?: Float32Array;
}

const DB = 'wfr-score-demo';
const STORE = 'models';
const KEY = 'last-trained';

function open(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(DB, 1);
    req.onupgradeneeded = () => req.result.createObjectStore(STORE);
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

async function transact<T>(mode: IDBTransactionMode, f: (s: IDBObjectStore) => IDBRequest): Promise<T> {
  const db = await open();
  try {
    return await new Promise<T>((resolve, reject) => {
      const req = f(db.transaction(STORE, mode).objectStore(STORE));
      req.onsuccess = () => resolve(req.result as T);
      req.onerror = () => reject(req.error);
    });
  } finally {
    db.close();
  }
}

export const saveTrained = (m: StoredModel) => transact<void>('readwrite', (s) => s.put(m, KEY));

/** The stored model, or undefined (also when IndexedDB is unavailable, e.g. a private window). */
export async function loadTrained(): Promise<StoredModel | undefined> {
  try {
    return await transact<StoredModel | undefined>('readonly', (s) => s.get(KEY));
  } catch {
    return undefined;
  }
}
