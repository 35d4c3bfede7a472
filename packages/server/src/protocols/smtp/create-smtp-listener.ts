/**
 * One SMTP listener factory for the submission listeners and the MX: the smtp-server options both
 * share (host name, TLS, SIZE, enhanced codes in our own reply text, no DSN extension, timeouts),
 * one server per socket, binding with rollback, and the graceful close (stop taking mail, let the
 * transactions already past DATA get their reply, bounded, then cut the rest; decision 0004).
 */
import type { Socket } from 'node:net';
import { SMTPServer, type SMTPServerOptions, type SMTPServerSession } from 'smtp-server';
import { nullEventLog, type EventLog } from '../../ports/event-log.ts';
import {
  createConnectionGuard,
  defaultConnectionGuardSettings,
  type Admission,
  type ConnectionGuardSettings,
} from '../connection-guard.ts';
import type { ListenerAddress, ListenerName, ListenerTls } from '../listener-address.ts';
import { remoteAddressKey } from '../../services/accounts/create-login-throttle.ts';
import { refusalReply } from './refusal-reply.ts';
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
  /** Caps per address, per /24 and in all (shared by the sockets), and the early deadlines. */
  readonly connections?: ConnectionGuardSettings | undefined;
  /** Where refused connections are reported. Default: nowhere. */
  readonly events?: EventLog | undefined;
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
  const guarded = guardConnections(
    specific,
    options.connections ?? defaultConnectionGuardSettings,
    options.events,
  );
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
    ...guarded.hooks,
  };
  const servers = options.sockets.map((socket) => {
    const server = new SMTPServer({ ...common, secure: socket.tls === 'implicit' });
    guarded.watch(server, socket.tls === 'implicit');
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

/** A connection the guard has seen on the listening socket, before smtp-server's session. */
interface Arrival {
  readonly socket: Socket;
  readonly admission: Admission;
  greeted: boolean;
  timer?: NodeJS.Timeout;
}

/** The raw socket and the session meet on the remote address (as `remoteAddressKey`) and port. */
const arrivalKey = (address: string | undefined, port: number | undefined): string =>
  `${remoteAddressKey(address ?? 'unknown')}|${String(port)}`;

/**
 * Counts every accepted socket per address, per /24 and in all (connection-guard.ts), before the
 * TLS handshake of an implicit-TLS port, so that handshakes that never finish count too; cuts a
 * handshake that is not over within its deadline (RFC 8314 leaves it to the server), and a session
 * that sends nothing between the greeting and the deadline of its first command. A connection
 * over a cap gets `421 4.7.0` instead of the greeting (RFC 5321 §3.1). smtp-server's own
 * `maxClients` stays above the global cap as a backstop.
 */
function guardConnections(
  specific: SMTPServerOptions,
  settings: ConnectionGuardSettings,
  eventLog: EventLog | undefined,
): {
  hooks: Pick<SMTPServerOptions, 'onConnect' | 'maxClients'>;
  watch(server: SMTPServer, implicitTls: boolean): void;
} {
  const guard = createConnectionGuard(settings);
  const events = eventLog ?? nullEventLog;
  const arrivals = new Map<string, Arrival>();
  return {
    hooks: {
      maxClients: settings.maxTotal + settings.maxPerAddress,
      onConnect(session: SMTPServerSession, callback: (error?: Error | null) => void) {
        const arrival = arrivals.get(arrivalKey(session.remoteAddress, session.remotePort));
        if (arrival !== undefined) {
          arrival.greeted = true;
          clearTimeout(arrival.timer);
          if (!arrival.admission.admitted) {
            events.emit({
              event: 'connection.rejected',
              session: session.id,
              remoteAddress: session.remoteAddress,
              reason: 'too-many-connections',
            });
            callback(refusalReply({ reason: 'too-many-connections', scope: arrival.admission.scope }));
            return;
          }
          // Before AUTH or a transaction, the first command is due within the deadline: a byte
          // from the client after the greeting is enough, the idle timeout takes over from there.
          const { socket } = arrival;
          const before = socket.bytesRead;
          arrival.timer = setTimeout(() => {
            if (socket.bytesRead === before) socket.destroy();
          }, settings.firstCommandTimeoutMs);
          arrival.timer.unref();
        }
        if (specific.onConnect === undefined) callback();
        else specific.onConnect(session, callback);
      },
    },
    watch(server, implicitTls) {
      server.server.prependListener('connection', (socket: Socket) => {
        const key = arrivalKey(socket.remoteAddress, socket.remotePort);
        const arrival: Arrival = {
          socket,
          admission: guard.admit(socket.remoteAddress ?? 'unknown'),
          greeted: false,
        };
        arrivals.set(key, arrival);
        socket.once('close', () => {
          clearTimeout(arrival.timer);
          if (arrival.admission.admitted) arrival.admission.release();
          if (arrivals.get(key) === arrival) arrivals.delete(key);
        });
        if (!implicitTls) return;
        arrival.timer = setTimeout(() => {
          if (arrival.greeted) return;
          // smtp-server runs the handshake on a TLSSocket over this socket; it must be destroyed
          // from the top (destroying the raw socket under a handshake tears TLS down from below).
          const pending = (server as unknown as { _pendingSockets?: Map<Socket, Socket> })._pendingSockets;
          const top = pending?.get(socket) ?? socket;
          const error = Object.assign(new Error('TLS handshake timeout'), {
            code: 'ERR_TLS_HANDSHAKE_TIMEOUT',
          });
          top.destroy(error);
        }, settings.tlsHandshakeTimeoutMs);
        arrival.timer.unref();
      });
    },
  };
}
