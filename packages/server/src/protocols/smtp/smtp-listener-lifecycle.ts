/**
 * What the submission listeners and the MX share around smtp-server: binding with the actual
 * address back, stopping, and the in-flight bookkeeping that lets a graceful close wait (bounded)
 * for transactions already past DATA to get their reply (decision 0004).
 */
import type { AddressInfo } from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';
import type { SMTPServer } from 'smtp-server';

/** Listens on host:port (port 0 picks a free one) and resolves with the bound address. */
export function bindSmtpServer(server: SMTPServer, port: number, host: string): Promise<AddressInfo> {
  return new Promise((resolve, reject) => {
    const net = server.server;
    const onError = (error: Error) => {
      reject(error);
    };
    net.once('error', onError);
    server.listen(port, host, () => {
      net.off('error', onError);
      resolve(net.address() as AddressInfo);
    });
  });
}

/** Closes the listener (smtp-server ends open sessions after its closeTimeout); no-op when not listening. */
export function stopSmtpServer(server: SMTPServer): Promise<void> {
  return new Promise((resolve) => {
    if (!server.server.listening) {
      resolve();
      return;
    }
    server.close(() => {
      resolve();
    });
  });
}

export interface InFlightWork {
  /** Registers work (a submission or reception) until it settles; returns it unchanged. */
  track<T>(work: Promise<T>): Promise<T>;
  /** Waits until nothing is in flight, or `timeoutMs` has passed. */
  drain(timeoutMs: number): Promise<void>;
}

export function createInFlightWork(): InFlightWork {
  const inFlight = new Set<Promise<unknown>>();
  return {
    track(work) {
      inFlight.add(work);
      const forget = () => inFlight.delete(work);
      work.then(forget, forget);
      return work;
    },
    async drain(timeoutMs) {
      const deadline = Date.now() + timeoutMs;
      while (inFlight.size > 0 && Date.now() < deadline) {
        await Promise.race([Promise.allSettled([...inFlight]), delay(deadline - Date.now())]);
      }
    },
  };
}
