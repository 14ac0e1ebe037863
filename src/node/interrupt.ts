// Ctrl-C during a long run: the first one asks the run to stop after saving a checkpoint, a
// second one quits at once (exit 130) for when saving itself hangs.

/** Installs the SIGINT handler; the returned function says whether Ctrl-C was pressed. */
export function watchInterrupt(message: string): () => boolean {
  let interrupted = false;
  process.on('SIGINT', () => {
    if (interrupted) process.exit(130);
    interrupted = true;
    process.stderr.write(`\n${message}\n`);
  });
  return () => interrupted;
}
