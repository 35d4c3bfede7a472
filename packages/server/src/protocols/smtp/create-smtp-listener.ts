/**
 * One SMTP listener factory for the submission listeners and the MX: the smtp-server options both
 * share (host name, TLS, SIZE, enhanced codes in our own reply text, no DSN extension, timeouts),
 * one server per socket, binding with rollback, and the graceful close (stop taking mail, let the
 * transactions already past DATA get their reply, bounded, then cut the rest; decision 0004).
 */
import { SMTPServer, type SMTPServerOptions } from 'smtp-server';
import type { ListenerAddress, ListenerName, ListenerTls } from '../listener-address.ts';
import { bindSmtpServer, createInFlightWork, stopSmtpServer } from './smtp-listener-lifecycle.ts';

export interface SmtpSocket {
  readonly name: ListenerName;
  /** `implicit`: TLS from the first byte (RFC 8314); `starttls`: plain until STARTTLS (RFC 3207). */
  readonly tls: 'starttls' | 'implicit';
  /** 0 picks a free port. */
  readonly port: number;
}

/** What the hooks of a listener need from its lifecycle. */
export interface SmtpLifecycle {
  /** True once `close()` began: new transactions are turned away. */
  isClosing(): boolean;
  /** Registers work that `close()` waits for (bounded). */
  track<T>(work: Promise<T>): Promise<T>;
}

export interface SmtpListenerOptions {
  /** Address to bind, e.g. 127.0.0.1. */
  readonly host: string;
  readonly sockets: readonly SmtpSocket[];
  /** Host name announced in the greeting and EHLO. */
  readonly hostname: string;
  readonly tls: ListenerTls;
  /** Largest message accepted, in bytes; advertised as SIZE (RFC 1870). */
  readonly maxMessageBytes: number;
  /** How long `close()` waits for connections still open before cutting them (default 5000). */
  readonly closeTimeoutMs?: number | undefined;
  /** Idle time after which a client is disconnected (default 5 minutes, RFC 5321 §4.5.3.2.7). */
  readonly socketTimeoutMs?: number | undefined;
  /** The hooks and the options of this kind of listener (banner, AUTH), given its lifecycle. */
  readonly configure: (lifecycle: SmtpLifecycle) => SMTPServerOptions;
  /** Errors of a listening socket. */
  readonly onError: (socket: SmtpSocket, error: Error) => void;
}

export interface SmtpListener {
  /** Binds every socket, or none; resolves with the actual addresses (ports resolved when 0). */
  listen(): Promise<readonly ListenerAddress[]>;
  /** Graceful stop; idempotent. */
  close(): Promise<void>;
}

export function createSmtpListener(options: SmtpListenerOptions): SmtpListener {
  const closeTimeoutMs = options.closeTimeoutMs ?? 5000;
  const inFlight = createInFlightWork();
  let closing = false;
  let closed: Promise<void> | undefined;

  const specific = options.configure({ isClosing: () => closing, track: (work) => inFlight.track(work) });
  const common: SMTPServerOptions = {
    name: options.hostname,
    key: options.tls.key,
    cert: options.tls.cert,
    minVersion: options.tls.minVersion ?? 'TLSv1.2',
    size: options.maxMessageBytes,
    // Our enhanced codes travel in the reply text (see reply.ts); the library would add generic ones.
    hideENHANCEDSTATUSCODES: true,
    // PEC reports through signed receipts; ordinary failures through our own DSNs (decision 0007).
    hideDSN: true,
    disableReverseLookup: true,
    closeTimeout: closeTimeoutMs,
    socketTimeout: options.socketTimeoutMs ?? 5 * 60_000,
    logger: false,
    ...specific,
  };
  const servers = options.sockets.map((socket) => {
    const server = new SMTPServer({ ...common, secure: socket.tls === 'implicit' });
    server.on('error', (error) => {
      options.onError(socket, error);
    });
    return { socket, server };
  });
  const stopAll = () => Promise.all(servers.map(({ server }) => stopSmtpServer(server)));

  return {
    async listen() {
      const addresses: ListenerAddress[] = [];
      try {
        for (const { socket, server } of servers) {
          const bound = await bindSmtpServer(server, socket.port, options.host);
          addresses.push({
            name: socket.name,
            protocol: 'smtp',
            tls: socket.tls,
            host: bound.address,
            port: bound.port,
          });
        }
      } catch (error) {
        await stopAll();
        throw error;
      }
      return addresses;
    },
    close() {
      closed ??= (async () => {
        closing = true;
        // Transactions already past DATA finish and get their reply before connections are cut
        // (bounded: a stuck one must not keep the process alive).
        await inFlight.drain(closeTimeoutMs);
        await stopAll();
      })();
      return closed;
    },
  };
}
