/**
 * The POP3 listeners (RFC 1939, RFC 8314 §3.3): a plain one offering STLS (110-style) and an
 * implicit TLS one (995-style), both optional. Connections from one address are bounded; `close`
 * stops accepting, tells open sessions the server is going away and waits for them to end
 * (a session cut this way never commits deletions).
 */
import { createServer as createTcpServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { createSecureContext, createServer as createTlsServer, type SecureContext } from 'node:tls';
import type { ListenerAddress } from '../listener-address.ts';
import {
  createConnectionGuard,
  defaultConnectionGuardSettings,
  type ConnectionGuardSettings,
} from '../connection-guard.ts';
import { refusalResponse } from './refusal-response.ts';
import { defaultPop3Limits, type Pop3Limits } from './pop3-limits.ts';
import type { Pop3Services } from './pop3-services.ts';
import { nullEventLog, type EventLog } from '../../ports/event-log.ts';
import { createSessionId } from '../create-session-id.ts';
import { reportNetworkError } from '../report-network-error.ts';
import { startPop3Session, type Pop3Session } from './pop3-session.ts';

export interface Pop3ServerOptions {
  /** Address to bind, e.g. 127.0.0.1. */
  readonly host: string;
  /** Plain listener with STLS; 0 picks a free port; undefined does not open it. */
  readonly plainPort?: number | undefined;
  /** Implicit TLS listener; 0 picks a free port; undefined does not open it. */
  readonly implicitTlsPort?: number | undefined;
  /** PEM certificate chain and key, served by both listeners. */
  readonly tls: { readonly cert: string; readonly key: string; readonly minVersion?: 'TLSv1.2' | 'TLSv1.3' };
  readonly services: Pop3Services;
  readonly limits?: Partial<Pop3Limits>;
  /** Caps per address, per /24 and in all, and the early deadlines. Default: the guard's defaults with `maxConnectionsPerAddress`. */
  readonly connections?: ConnectionGuardSettings;
  /** Text of the greeting; default `PEC POP3 server ready`. */
  readonly greeting?: string;
  /** Where connections, logins, commands and failures are reported (ports/event-log.ts). Default: nowhere. */
  readonly events?: EventLog;
}

export interface Pop3Server {
  /** Binds every configured listener; resolves with the bound addresses (ports resolved when 0). */
  /** `pop3` (STLS) and `pop3s` (implicit TLS), as configured. */
  listen(): Promise<readonly ListenerAddress[]>;
  /** Graceful stop; idempotent. */
  close(): Promise<void>;
}

export function createPop3Server(options: Pop3ServerOptions): Pop3Server {
  const limits: Pop3Limits = { ...defaultPop3Limits, ...options.limits };
  const events = (options.events ?? nullEventLog).child({ protocol: 'pop3' });
  const greeting = options.greeting ?? 'PEC POP3 server ready';
  const minVersion = options.tls.minVersion ?? 'TLSv1.2';
  const secureContext: SecureContext = createSecureContext({
    cert: options.tls.cert,
    key: options.tls.key,
    minVersion,
  });
  const sessions = new Set<Pop3Session>();
  const connectionSettings = options.connections ?? {
    ...defaultConnectionGuardSettings,
    maxPerAddress: limits.maxConnectionsPerAddress,
  };
  const guard = createConnectionGuard(connectionSettings);
  const listeners: { name: 'pop3' | 'pop3s'; server: Server; port: number }[] = [];
  let closing: Promise<void> | undefined;

  function accept(socket: Socket, secure: boolean): void {
    const address = socket.remoteAddress ?? 'unknown';
    const sessionEvents = events.child({ session: createSessionId(), remoteAddress: address });
    const admission = closing === undefined ? guard.admit(address) : undefined;
    if (admission === undefined || !admission.admitted) {
      sessionEvents.emit({
        event: 'connection.rejected',
        reason: admission === undefined ? 'shutting-down' : 'too-many-connections',
      });
      socket.on('error', () => socket.destroy());
      socket.end(
        refusalResponse(
          admission === undefined
            ? { reason: 'shutting-down' }
            : { reason: 'too-many-connections', scope: admission.scope },
        ),
      );
      return;
    }
    sessionEvents.emit({ event: 'connection.opened', tls: secure });
    // The first command is due soon after the greeting (the idle timeout takes over from there).
    const firstCommand = setTimeout(() => socket.destroy(), connectionSettings.firstCommandTimeoutMs);
    firstCommand.unref();
    const session = startPop3Session({
      socket,
      secure,
      secureContext: secure ? undefined : secureContext,
      services: options.services,
      limits,
      events: sessionEvents,
      greeting,
      onClose: () => {
        sessionEvents.emit({ event: 'connection.closed' });
        sessions.delete(session);
        clearTimeout(firstCommand);
        admission.release();
      },
    });
    sessions.add(session);
    socket.once('data', () => {
      clearTimeout(firstCommand);
    });
  }

  if (options.plainPort !== undefined) {
    const server = createTcpServer((socket) => {
      accept(socket, false);
    });
    listeners.push({ name: 'pop3', server, port: options.plainPort });
  }
  if (options.implicitTlsPort !== undefined) {
    const server = createTlsServer(
      {
        cert: options.tls.cert,
        key: options.tls.key,
        minVersion,
        handshakeTimeout: Math.min(limits.handshakeTimeoutMs, connectionSettings.tlsHandshakeTimeoutMs),
      },
      (socket) => {
        accept(socket, true);
      },
    );
    // Handshakes in progress are not counted per address yet: bound them in all (Node drops more).
    server.maxConnections = connectionSettings.maxTotal + connectionSettings.maxPerAddress;
    // Failed handshakes (scanners, wrong protocol) end there: one short event, never a stack.
    server.on('tlsClientError', (error, socket) => {
      reportNetworkError(
        events.child({ remoteAddress: socket.remoteAddress ?? 'unknown' }),
        'pop3 TLS handshake',
        error,
      );
      // Node reports a handshake timeout here but leaves the socket open: close it.
      socket.destroy();
    });
    listeners.push({ name: 'pop3s', server, port: options.implicitTlsPort });
  }

  return {
    async listen() {
      const endpoints: ListenerAddress[] = [];
      for (const listener of listeners) {
        await new Promise<void>((resolve, reject) => {
          listener.server.once('error', reject);
          listener.server.listen(listener.port, options.host, () => {
            listener.server.off('error', reject);
            resolve();
          });
        });
        const address = listener.server.address() as AddressInfo;
        endpoints.push({
          name: listener.name,
          protocol: 'pop3',
          tls: listener.name === 'pop3s' ? 'implicit' : 'starttls',
          host: options.host,
          port: address.port,
        });
      }
      return endpoints;
    },
    close() {
      closing ??= (async () => {
        const stopped = listeners.map(
          (listener) =>
            new Promise<void>((resolve) => {
              if (!listener.server.listening) {
                resolve();
                return;
              }
              listener.server.close(() => {
                resolve();
              });
            }),
        );
        for (const session of sessions) session.shutdown({ reason: 'shutting-down' });
        await Promise.all(stopped);
      })();
      return closing;
    },
  };
}
