/**
 * The access point's SMTP submission listeners (pec-spec §2.2, §8.6; RFC 6409, RFC 8314): one with
 * STARTTLS (587-style) and one with implicit TLS (465-style). AUTH PLAIN/LOGIN only under TLS, no mail
 * without it, the size limit advertised in EHLO (RFC 1870). `close()` stops accepting, lets the
 * submissions in progress finish and answer, then closes the remaining connections.
 */
import { SMTPServer } from 'smtp-server';
import type { SMTPServerOptions } from 'smtp-server';
import { nullEventLog, type EventLog } from '../../../ports/event-log.ts';
import { smtpReplies } from '../reply.ts';
import { reportNetworkError } from '../../report-network-error.ts';
import { bindSmtpServer, createInFlightWork, stopSmtpServer } from '../smtp-listener-lifecycle.ts';
import { createSubmissionHooks } from './submission-hooks.ts';
import type { SubmissionServices } from './submission-hooks.ts';

export type { SubmissionServices } from './submission-hooks.ts';

export type SubmissionListenerKind = 'starttls' | 'implicit-tls';

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
  readonly tls: { readonly cert: string; readonly key: string; readonly minVersion?: 'TLSv1.2' | 'TLSv1.3' };
  /** Largest message accepted, in bytes; advertised as SIZE. */
  readonly maxMessageBytes: number;
  /** How long `close()` waits for connections still open before cutting them (default 5000). */
  readonly closeTimeoutMs?: number;
  /** Idle time after which a client is disconnected (default 5 minutes, RFC 5321 §4.5.3.2.7). */
  readonly socketTimeoutMs?: number;
  /** Where connections, logins, submissions and failures are reported (ports/event-log.ts). Default: nowhere. */
  readonly events?: EventLog;
}

export interface SubmissionEndpoint {
  readonly kind: SubmissionListenerKind;
  readonly host: string;
  readonly port: number;
}

export interface SubmissionServer {
  /** Binds every configured listener; resolves with the actual addresses (ports resolved when 0). */
  listen(): Promise<readonly SubmissionEndpoint[]>;
  /** Graceful stop; idempotent. */
  close(): Promise<void>;
}

export function createSubmissionServer(
  services: SubmissionServices,
  options: SubmissionServerOptions,
): SubmissionServer {
  const events = (options.events ?? nullEventLog).child({ protocol: 'smtp-submission' });
  const closeTimeoutMs = options.closeTimeoutMs ?? 5000;
  const inFlight = createInFlightWork();
  let closing = false;
  let closed: Promise<void> | undefined;

  const hooks = createSubmissionHooks(services, {
    maxMessageBytes: options.maxMessageBytes,
    events,
    isClosing: () => closing,
    track: (work) => inFlight.track(work),
  });

  const common: SMTPServerOptions = {
    ...hooks,
    name: options.hostname,
    banner: `${options.providerName}: PEC access point (message submission; AUTH after TLS)`,
    key: options.tls.key,
    cert: options.tls.cert,
    minVersion: options.tls.minVersion ?? 'TLSv1.2',
    authMethods: ['PLAIN', 'LOGIN'],
    authOptional: false,
    authRequiredMessage: smtpReplies.authRequired(true).message,
    allowInsecureAuth: false,
    size: options.maxMessageBytes,
    // Our enhanced codes travel in the reply text (see reply.ts); the library would add generic ones.
    hideENHANCEDSTATUSCODES: true,
    // PEC reports through signed receipts, not DSNs (pec-spec §3).
    hideDSN: true,
    disableReverseLookup: true,
    closeTimeout: closeTimeoutMs,
    socketTimeout: options.socketTimeoutMs ?? 5 * 60_000,
    logger: false,
  };

  const listeners: { kind: SubmissionListenerKind; port: number; server: SMTPServer }[] = [];
  if (options.starttlsPort !== undefined) {
    listeners.push({
      kind: 'starttls',
      port: options.starttlsPort,
      server: new SMTPServer({ ...common, secure: false }),
    });
  }
  if (options.implicitTlsPort !== undefined) {
    listeners.push({
      kind: 'implicit-tls',
      port: options.implicitTlsPort,
      server: new SMTPServer({ ...common, secure: true }),
    });
  }
  for (const listener of listeners) {
    listener.server.on('error', (error) => {
      reportNetworkError(events, `smtp-submission ${listener.kind} listener`, error);
    });
  }

  const bind = async (listener: (typeof listeners)[number]): Promise<SubmissionEndpoint> => {
    const address = await bindSmtpServer(listener.server, listener.port, options.host);
    return { kind: listener.kind, host: address.address, port: address.port };
  };

  return {
    async listen() {
      const endpoints: SubmissionEndpoint[] = [];
      try {
        for (const listener of listeners) endpoints.push(await bind(listener));
      } catch (error) {
        await Promise.all(listeners.map((l) => stopSmtpServer(l.server)));
        throw error;
      }
      return endpoints;
    },
    close() {
      closed ??= (async () => {
        closing = true;
        // Submissions already past DATA finish and get their reply before connections are cut
        // (bounded: a stuck one must not keep the process alive).
        await inFlight.drain(closeTimeoutMs);
        await Promise.all(listeners.map((l) => stopSmtpServer(l.server)));
      })();
      return closed;
    },
  };
}
