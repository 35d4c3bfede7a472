/**
 * Which of the configured listener ports cannot be bound, checked before anything is created or
 * started, so that `pec start` and `pec serve` can name the busy port instead of failing half-way
 * with EADDRINUSE. Port 0 (any free port) is never busy.
 */
import { createServer } from 'node:net';

export interface BusyPort {
  readonly name: string;
  readonly port: number;
  /** The bind error code: EADDRINUSE (taken), EACCES (privileged), EADDRNOTAVAIL (no such address). */
  readonly code: string;
}

function tryBind(host: string, port: number): Promise<string | undefined> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', (error: NodeJS.ErrnoException) => {
      resolve(error.code ?? 'EUNKNOWN');
    });
    server.listen({ host, port, exclusive: true }, () => {
      server.close(() => {
        resolve(undefined);
      });
    });
  });
}

/** The ports of `ports` that cannot be bound on `host`, in the order given. */
export async function findBusyPorts(
  host: string,
  ports: Readonly<Record<string, number>>,
): Promise<BusyPort[]> {
  const busy: BusyPort[] = [];
  for (const [name, port] of Object.entries(ports)) {
    if (port === 0) continue;
    const code = await tryBind(host, port);
    if (code !== undefined) busy.push({ name, port, code });
  }
  return busy;
}
