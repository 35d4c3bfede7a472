/**
 * The access point's SMTP submission listeners (pec-spec §2.2, §8.6; RFC 6409, RFC 8314): one with
 * STARTTLS (587-style) and one with implicit TLS (465-style). AUTH PLAIN/LOGIN only under TLS, no mail
 * without it, the size limit advertised in EHLO (RFC 1870). `close()` stops accepting, lets the
 * submissions in progress finish and answer, then closes the remaining connections.
 */
import type { ConnectionGuardSettings } from '../../connection-guard.ts';
import type { ListenerAddress, ListenerTls } from '../../listener-address.ts';
import { createSmtpListener, type SmtpSocket } from '../create-smtp-listener.ts';
import { refusalReply } from '../refusal-reply.ts';
import { nullEventLog, type EventLog } from '../../../ports/event-log.ts';
import { reportNetworkError } from '../../report-network-error.ts';
import { createSubmissionHooks } from './submission-hooks.ts';
import type { SubmissionServices } from './submission-hooks.ts';

export type { SubmissionServices } from './submission-hooks.ts';

export interface SubmissionServerOptions {
  /** Address to bind, e.g. 127.0.0.1. */
  readonly host: string;
  /** STARTTLS listener port (587-style); 0 picks a free port; `undefined` does not open it. */
  readonly starttlsPort?: number | undefined;
  /** Implicit TLS listener port (465-style); 0 picks a free port; `undefined` does not open it. */
  readonly implicitTlsPort?: number | undefined;
  /** Host name announced in the greeting and EHLO. */
  readonly hostname: string;
  /** The provider's name, shown in the greeting banner. */
  readonly providerName: string;
  /** PEM certificate chain and key of the listeners. */
  readonly tls: ListenerTls;
  /** Largest message accepted, in bytes; advertised as SIZE. */
  readonly maxMessageBytes: number;
  /** How long `close()` waits for connections still open before cutting them (default 5000). */
  readonly closeTimeoutMs?: number;
  /** Idle time after which a client is disconnected (default 5 minutes, RFC 5321 §4.5.3.2.7). */
  readonly socketTimeoutMs?: number;
  /** Pause before answering a failed AUTH, growing with the failures of the session. Default 1000 ms. */
  readonly authFailureDelayMs?: number;
  /** Caps per address, per /24 and in all, and the early deadlines (connection-guard.ts). */
  readonly connections?: ConnectionGuardSettings;
  /** Where connections, logins, submissions and failures are reported (ports/event-log.ts). Default: nowhere. */
  readonly events?: EventLog;
}

export interface SubmissionServer {
  /** Binds every configured listener (`submission`, `submissions`); resolves with the bound addresses. */
  listen(): Promise<readonly ListenerAddress[]>;
  /** Graceful stop; idempotent. */
  close(): Promise<void>;
}

export function createSubmissionServer(
  services: SubmissionServices,
  options: SubmissionServerOptions,
): SubmissionServer {
  const events = (options.events ?? nullEventLog).child({ protocol: 'smtp-submission' });
  const sockets: SmtpSocket[] = [];
  if (options.starttlsPort !== undefined) {
    sockets.push({ name: 'submission', tls: 'starttls', port: options.starttlsPort });
  }
  if (options.implicitTlsPort !== undefined) {
    sockets.push({ name: 'submissions', tls: 'implicit', port: options.implicitTlsPort });
  }
  return createSmtpListener({
    host: options.host,
    sockets,
    hostname: options.hostname,
    tls: options.tls,
    maxMessageBytes: options.maxMessageBytes,
    closeTimeoutMs: options.closeTimeoutMs,
    socketTimeoutMs: options.socketTimeoutMs,
    connections: options.connections,
    events,
    configure: (lifecycle) => ({
      ...createSubmissionHooks(services, {
        maxMessageBytes: options.maxMessageBytes,
        events,
        isClosing: () => lifecycle.isClosing(),
        track: (work) => lifecycle.track(work),
        ...(options.authFailureDelayMs === undefined
          ? {}
          : { authFailureDelayMs: options.authFailureDelayMs }),
      }),
      banner: `${options.providerName}: PEC access point (message submission; AUTH after TLS)`,
      authMethods: ['PLAIN', 'LOGIN'],
      authOptional: false,
      authRequiredMessage: refusalReply({ reason: 'authentication-required' }).message,
      allowInsecureAuth: false,
    }),
    onError: (socket, error) => {
      reportNetworkError(events, `smtp-submission ${socket.name} listener`, error);
    },
  });
}
