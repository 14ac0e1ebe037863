// `npm run demo --port`: checked before the build (a minute), as one-line errors naming the flag.
import { createServer } from 'node:net';

/** A port number from its text: a whole number from 1 to 65535. */
export function parsePort(text: string): number {
  const port = Number(text);
  if (!(/^\d+$/.test(text.trim()) && port >= 1 && port <= 65535)) throw new Error(`--port must be a whole number from 1 to 65535, got ${JSON.stringify(text)}`);
  return port;
}

/** Resolves once `port` on 127.0.0.1 is free (by listening on it for a moment); rejects naming --port. */
export function checkPortFree(port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', (e: NodeJS.ErrnoException) =>
      reject(new Error(`--port ${port}: ${e.code === 'EADDRINUSE' ? 'in use by another program (choose another --port)' : e.code === 'EACCES' ? 'not allowed for this user (ports below 1024 need privileges)' : (e.code ?? e.message)}`)),
    );
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve()));
  });
}
