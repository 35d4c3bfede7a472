/**
 * An IMAP listener on net or tls (RFC 9051 §2.1, RFC 8314 implicit TLS on 993): one session per
 * connection, STARTTLS upgrade in place on the plain port, a bound on connections per IP, TCP
 * keep-alive and inactivity timers so half-open sockets go away, and a graceful `close()` that says
 * BYE to every client before cutting what is left.
 */
import net from 'node:net';
import tls from 'node:tls';
import type { ConnectionGuard } from '../connection-guard.ts';
import type { ConnectionLimiter } from './connection-limiter.ts';
import type { ImapLimits } from './imap-limits.ts';
import type { ImapServices } from './imap-services.ts';
import { refusalByeLine } from './refusal-response.ts';
import type { EventLog } from '../../ports/event-log.ts';
import { createSessionId } from '../create-session-id.ts';
import { reportNetworkError } from '../report-network-error.ts';
import type { ImapSession } from './imap-session.ts';
import { createImapSession } from './session.ts';
import type { SessionTransport } from './session-transport.ts';
import { coalescedWrites } from './coalesced-writes.ts';

/** What every listener of one server shares. */
export interface ImapListenerContext {
  /** Address to bind, e.g. 127.0.0.1. */
  readonly host: string;
  /** PEM certificate chain and key; without them the plain port offers no STARTTLS. */
  readonly tls: {
    readonly cert: string;
    readonly key: string;
    readonly minVersion?: 'TLSv1.2' | 'TLSv1.3';
  } | null;
  readonly limits: ImapLimits;
  /** Concurrent connections per remote address, per /24 and in all, across listeners; early deadlines. */
  readonly connections: ConnectionGuard;
  /** Concurrent sessions per account, across listeners. */
  readonly accountLimiter: ConnectionLimiter;
  /** Where connections, logins, commands and failures are reported, bound to `protocol: 'imap'`. */
  readonly events?: EventLog;
  /** How long `close()` waits for clients to leave after BYE (default 2000 ms). */
  readonly closeTimeoutMs?: number;
}

export interface ImapListenerOptions {
  /** 0 picks a free port. */
  readonly port: number;
  readonly implicitTls: boolean;
}

export interface ImapListener {
  /** Binds; resolves with the actual port. */
  listen(): Promise<{ readonly host: string; readonly port: number }>;
  /** Stops accepting, says BYE to every session, waits briefly, destroys the rest. Idempotent. */
  close(): Promise<void>;
  /** Open connections (for tests and metrics). */
  readonly connectionCount: number;
}

const writeHighWaterMark = 256 * 1024;

/**
 * One TLS context per certificate for every STARTTLS upgrade of a listener: a context per connection
 * parsed the certificate and key again each time and kept its own copy for the connection's life.
 * Keyed by the material object, so a replaced certificate gets a context of its own.
 */
const startTlsContexts = new WeakMap<NonNullable<ImapListenerContext['tls']>, tls.SecureContext>();

function startTlsContext(material: NonNullable<ImapListenerContext['tls']>): tls.SecureContext {
  let secureContext = startTlsContexts.get(material);
  if (secureContext === undefined) {
    secureContext = tls.createSecureContext({
      cert: material.cert,
      key: material.key,
      minVersion: material.minVersion ?? 'TLSv1.2',
    });
    startTlsContexts.set(material, secureContext);
  }
  return secureContext;
}

/** What the getter of `TransportGetters` reads from each transport. */
interface TransportState {
  isClosed(): boolean;
}

/**
 * The transport's getter, on a prototype shared by every connection: an object literal with a getter
 * (or one added to a literal of this size) is kept by V8 as a property dictionary, about 470 bytes.
 */
abstract class TransportGetters implements TransportState {
  abstract isClosed(): boolean;

  get closed(): boolean {
    return this.isClosed();
  }
}

function createTransport(
  initial: net.Socket,
  context: ImapListenerContext,
  onData: (chunk: Uint8Array) => void,
): SessionTransport {
  let socket = initial;
  let onTimeout: (() => void) | null = null;
  const dataListener = (chunk: Buffer) => {
    onData(chunk);
  };
  const timeoutListener = () => onTimeout?.();
  function attach(target: net.Socket): void {
    target.on('data', dataListener);
    target.on('timeout', timeoutListener);
  }
  attach(socket);
  const output = coalescedWrites(() => socket);
  const transport = {
    remoteAddress: initial.remoteAddress ?? 'unknown',
    write: (bytes) => {
      if (socket.destroyed || socket.writableEnded) return false;
      output.write(bytes);
      return true;
    },
    drained: () => {
      output.flush();
      return socket.writableLength < writeHighWaterMark || socket.destroyed
        ? Promise.resolve()
        : new Promise((resolve) => {
            const done = () => {
              socket.off('drain', done);
              socket.off('close', done);
              resolve();
            };
            socket.on('drain', done);
            socket.on('close', done);
          });
    },
    pauseInput: () => socket.pause(),
    resumeInput: () => socket.resume(),
    setIdleTimeout: (ms, handler) => {
      onTimeout = handler;
      socket.setTimeout(ms);
    },
    startTls: () => {
      const material = context.tls;
      if (material === null) return Promise.reject(new Error('no TLS material'));
      output.flush();
      const plain = socket;
      plain.off('data', dataListener);
      plain.off('timeout', timeoutListener);
      const secure = new tls.TLSSocket(plain, {
        isServer: true,
        secureContext: startTlsContext(material),
      });
      socket = secure;
      attach(secure);
      secure.setTimeout(context.limits.preAuthIdleMs);
      return new Promise((resolve, reject) => {
        secure.once('secure', () => {
          resolve();
        });
        secure.once('error', reject);
        secure.once('close', () => {
          reject(new Error('connection closed during the TLS handshake'));
        });
      });
    },
    end: () => {
      output.flush();
      const current = socket;
      current.end();
      // A client that never reads must not keep the socket: cut it after a grace period.
      setTimeout(() => current.destroy(), 5000).unref();
    },
    isClosed: () => socket.destroyed || socket.writableEnded,
  } satisfies Omit<SessionTransport, 'closed'> & TransportState;
  return Object.setPrototypeOf(transport, TransportGetters.prototype) as SessionTransport;
}

export function createImapListener(
  context: ImapListenerContext,
  services: ImapServices,
  options: ImapListenerOptions,
): ImapListener {
  const sessions = new Map<net.Socket, ImapSession>();
  const sockets = new Set<net.Socket>();
  let closing: Promise<void> | null = null;

  function onConnection(socket: net.Socket): void {
    sockets.add(socket);
    const events = context.events?.child({
      session: createSessionId(),
      remoteAddress: socket.remoteAddress ?? 'unknown',
    });
    // A reset or timeout is the network's doing: one short event, never a stack.
    socket.on('error', (error) => {
      if (events !== undefined) reportNetworkError(events, 'imap socket', error);
    });
    socket.setNoDelay(true);
    socket.setKeepAlive(true, 60_000);
    const admission = context.connections.admit(socket.remoteAddress ?? 'unknown');
    // The first command is due soon after the greeting (the pre-authentication idle timeout
    // then takes over): a silent connection must not hold its slot for minutes. Cleared and let go
    // at the first bytes, so an idle session keeps neither the timer nor a listener for it.
    let firstCommand: NodeJS.Timeout | null = null;
    let opened = false;
    const firstBytes = () => {
      if (firstCommand !== null) clearTimeout(firstCommand);
      firstCommand = null;
    };
    // One close listener for everything a connection releases (each `once` kept a wrapper until then).
    socket.once('close', () => {
      firstBytes();
      sockets.delete(socket);
      if (admission.admitted) admission.release();
      sessions.get(socket)?.closed();
      sessions.delete(socket);
      if (opened) events?.emit({ event: 'connection.closed' });
    });
    if (!admission.admitted || closing !== null) {
      events?.emit({
        event: 'connection.rejected',
        reason: closing === null ? 'too-many-connections' : 'shutting-down',
      });
      socket.end(
        refusalByeLine(
          admission.admitted || closing !== null
            ? { reason: 'shutting-down' }
            : { reason: 'too-many-connections', scope: admission.scope },
        ),
      );
      setTimeout(() => socket.destroy(), 1000).unref();
      return;
    }
    events?.emit({ event: 'connection.opened', tls: options.implicitTls });
    opened = true;
    let session: ImapSession | null = null;
    const transport = createTransport(socket, context, (chunk) => session?.receive(chunk));
    session = createImapSession(transport, services, {
      limits: context.limits,
      secure: options.implicitTls,
      canStartTls: !options.implicitTls && context.tls !== null,
      accountLimiter: context.accountLimiter,
      ...(events === undefined ? {} : { events }),
    });
    sessions.set(socket, session);
    firstCommand = setTimeout(() => socket.destroy(), context.connections.settings.firstCommandTimeoutMs);
    firstCommand.unref();
    socket.once('data', firstBytes);
  }

  let server: net.Server;
  if (options.implicitTls) {
    const material = context.tls;
    if (material === null) throw new Error('implicit TLS listener needs TLS material');
    server = tls.createServer(
      {
        cert: material.cert,
        key: material.key,
        minVersion: material.minVersion ?? 'TLSv1.2',
        handshakeTimeout: context.connections.settings.tlsHandshakeTimeoutMs,
      },
      onConnection,
    );
    // Handshakes in progress are not counted per address yet: bound them in all (Node drops more).
    server.maxConnections =
      context.connections.settings.maxTotal + context.connections.settings.maxPerAddress;
    // Failed handshakes (scanners, plain-text clients) are not errors of the server: one short event.
    server.on('tlsClientError', (error: Error, socket: tls.TLSSocket) => {
      const events = context.events?.child({ remoteAddress: socket.remoteAddress ?? 'unknown' });
      if (events !== undefined) reportNetworkError(events, 'imap TLS handshake', error);
      // Node reports a handshake timeout here but leaves the socket open: close it.
      socket.destroy();
    });
  } else {
    server = net.createServer(onConnection);
  }

  return {
    listen: () =>
      new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(options.port, context.host, () => {
          server.off('error', reject);
          const address = server.address() as net.AddressInfo;
          resolve({ host: context.host, port: address.port });
        });
      }),
    close() {
      closing ??= (async () => {
        const stopped = new Promise<void>((resolve) => {
          server.close(() => {
            resolve();
          });
        });
        for (const session of sessions.values()) session.shutdown('Server shutting down.');
        const deadline = Date.now() + (context.closeTimeoutMs ?? 2000);
        while (sockets.size > 0 && Date.now() < deadline) {
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
        for (const socket of sockets) socket.destroy();
        await stopped;
      })();
      return closing;
    },
    get connectionCount() {
      return sockets.size;
    },
  };
}
