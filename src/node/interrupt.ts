// Ctrl-C, SIGTERM (kill, a service manager) and SIGHUP (the terminal closed) during a long run,
// one mechanism for every phase: the first signal asks the run to stop (training saves a
// checkpoint, sampling writes nothing), and the process then exits with 128 + the signal's number
// (130, 143, 129); a second one quits at once with that code, for when saving itself hangs.
// Handlers only run when the event loop turns, so every long phase awaits `pauseForSignals()`
// between blocks of work of a few ms (training steps, the cut-off measurement's blocks, sampling
// steps). A terminal sends Ctrl-C to the whole process group, and npm and tsx forward it to their
// child as well, so this process may see one Ctrl-C two or three times within a few ms: repeats
// of the first signal within DUPLICATE_MS count as that one signal, not as the second.

/** The signals that stop a run cleanly, with their exit codes. */
export const SAVING_SIGNALS = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 } as const;
export type SavingSignal = keyof typeof SAVING_SIGNALS;

/** Copies of one signal closer than this are one signal (terminal group + npm/tsx forwarding). */
export const DUPLICATE_MS = 400;

/** Thrown by pollInterrupt() once a signal has arrived: the run stops, its exit code is the signal's. */
export class InterruptedError extends Error {
  constructor(readonly signal: SavingSignal) {
    super(`${signal === 'SIGINT' ? 'interrupted (Ctrl-C)' : signal}`);
  }
  get exitCode(): number {
    return SAVING_SIGNALS[this.signal];
  }
}

let received: { signal: SavingSignal; at: number } | undefined;
let onFirst: ((signal: SavingSignal) => string) | undefined;
let installed = false;

/**
 * Installs the handlers (once per process); `message` is printed on the first signal. The
 * returned function gives the signal received, if any.
 */
export function watchInterrupt(message: (signal: SavingSignal) => string): () => SavingSignal | undefined {
  onFirst = message;
  if (!installed) {
    installed = true;
    for (const signal of Object.keys(SAVING_SIGNALS) as SavingSignal[]) process.on(signal, () => onSignal(signal));
  }
  return interruptSignal;
}

function onSignal(signal: SavingSignal): void {
  const now = Date.now();
  if (received) {
    if (signal === received.signal && now - received.at < DUPLICATE_MS) return;
    process.stderr.write(`\n${signal}: quitting at once\n`);
    process.exit(SAVING_SIGNALS[signal]);
  }
  received = { signal, at: now };
  process.stderr.write(`\n${onFirst?.(signal) ?? `${signal}: stopping`}\n`);
}

/** The signal received so far, if any. */
export const interruptSignal = (): SavingSignal | undefined => received?.signal;

/** Lets pending signal handlers run (one turn of the event loop, well under a ms when idle). */
export const pauseForSignals = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** pauseForSignals, then throws InterruptedError if a signal has arrived. */
export async function pollInterrupt(): Promise<void> {
  await pauseForSignals();
  if (received) throw new InterruptedError(received.signal);
}

/** For tests in one process: forget a received signal. */
export function resetInterrupt(): void {
  received = undefined;
}
