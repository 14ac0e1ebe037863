// Ctrl-C, SIGTERM (kill, a service manager) and SIGHUP (the terminal closed) during a long run:
// the first one asks the run to stop after saving a checkpoint, and the process then exits with
// 128 + the signal's number (130, 143, 129); a second one quits at once with that code, for
// when saving itself hangs.

/** The signals that save a checkpoint, with their exit codes. */
export const SAVING_SIGNALS = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 } as const;
export type SavingSignal = keyof typeof SAVING_SIGNALS;

/** Installs the handlers; the returned function gives the signal received, if any. */
export function watchInterrupt(message: (signal: SavingSignal) => string): () => SavingSignal | undefined {
  let received: SavingSignal | undefined;
  for (const signal of Object.keys(SAVING_SIGNALS) as SavingSignal[]) {
    process.on(signal, () => {
      if (received) process.exit(SAVING_SIGNALS[signal]);
      received = signal;
      process.stderr.write(`\n${message(signal)}\n`);
    });
  }
  return () => received;
}
