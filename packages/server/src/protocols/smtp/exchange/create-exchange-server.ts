/**
 * The reception point's SMTP listener (the MX, pec-spec §2.3, §8.6; RFC 5321, RFC 3207): other
 * providers and the Internet deliver here. STARTTLS is offered with the provider's TLS certificate
 * and plain connections are accepted, because ordinary mail arrives in plain (pec-spec §2.3); no
 * AUTH. Size (advertised as SIZE, RFC 1870), recipient and line limits; `close()` stops accepting,
 * lets messages being received finish and answer, then closes the remaining connections.
 */
import type { ConnectionGuardSettings } from '../../connection-guard.ts';
import type { ListenerAddress, ListenerTls } from '../../listener-address.ts';
import { createSmtpListener } from '../create-smtp-listener.ts';
import { nullEventLog, type EventLog } from '../../../ports/event-log.ts';
import type { ReceptionPoint } from '../../../services/pipeline/reception-point/reception-point.ts';
import { reportNetworkError } from '../../report-network-error.ts';
import type { MessageLimits } from './check-message-limits.ts';
import { createExchangeHooks } from './exchange-hooks.ts';

export interface ExchangeServerOptions {
  /** Address to bind, e.g. 127.0.0.1. */
  readonly host: string;
  /** The MX port (`ports.smtp`); 0 picks a free port. */
  readonly port: number;
  /** Host name announced in the greeting and EHLO. */
  readonly hostname: string;
  /** The provider's name, shown in the greeting banner. */
  readonly providerName: string;
  /** PEM certificate chain and key offered with STARTTLS. */
  readonly tls: ListenerTls;
  /** Largest message accepted, in bytes; advertised as SIZE. */
  readonly maxMessageBytes: number;
  /** Longest line and largest header block accepted. */
  readonly limits: MessageLimits;
  /** How long `close()` waits for connections still open before cutting them (default 5000). */
  readonly closeTimeoutMs?: number;
  /** Idle time after which a client is disconnected (default 5 minutes, RFC 5321 §4.5.3.2.7). */
  readonly socketTimeoutMs?: number;
  /** Caps per address, per /24 and in all, and the early deadlines (connection-guard.ts). */
  readonly connections?: ConnectionGuardSettings;
  /** Where connections, receptions and failures are reported (ports/event-log.ts). Default: nowhere. */
  readonly events?: EventLog;
}

export interface ExchangeServer {
  /** Binds the listener; resolves with its address (`smtp`, the port resolved when 0). */
  listen(): Promise<readonly ListenerAddress[]>;
  /** Graceful stop; idempotent. */
  close(): Promise<void>;
}

export function createExchangeServer(
  receptionPoint: ReceptionPoint,
  options: ExchangeServerOptions,
): ExchangeServer {
  const events = (options.events ?? nullEventLog).child({ protocol: 'smtp-mx' });
  return createSmtpListener({
    host: options.host,
    sockets: [{ name: 'smtp', tls: 'starttls', port: options.port }],
    hostname: options.hostname,
    tls: options.tls,
    maxMessageBytes: options.maxMessageBytes,
    closeTimeoutMs: options.closeTimeoutMs,
    socketTimeoutMs: options.socketTimeoutMs,
    connections: options.connections,
    events,
    configure: (lifecycle) => ({
      ...createExchangeHooks(receptionPoint, {
        maxMessageBytes: options.maxMessageBytes,
        limits: options.limits,
        events,
        isClosing: () => lifecycle.isClosing(),
        track: (work) => lifecycle.track(work),
      }),
      banner: `${options.providerName} PEC reception point (ESMTP, STARTTLS available)`,
      // Mail between providers and from the Internet is relayed without authentication.
      authOptional: true,
      disabledCommands: ['AUTH'],
    }),
    onError: (_socket, error) => {
      reportNetworkError(events, 'smtp-mx listener', error);
    },
  });
}
