/**
 * Starts the provider's IMAP listeners (pec-spec §8.6): `ports.imap` with
 * STARTTLS and LOGINDISABLED until TLS, `ports.imaps` with implicit TLS (RFC 8314). Both share the
 * per-IP and per-account connection limits. `close()` says BYE to every client and stops both.
 */
import type { ListenerAddress, ListenerTls } from '../listener-address.ts';
import { createConnectionLimiter } from './connection-limiter.ts';
import {
  createConnectionGuard,
  defaultConnectionGuardSettings,
  type ConnectionGuardSettings,
} from '../connection-guard.ts';
import { defaultImapLimits, type ImapLimits } from './imap-limits.ts';
import type { ImapServices } from './imap-services.ts';
import { createImapListener, type ImapListener } from './listener.ts';
import { nullEventLog, type EventLog } from '../../ports/event-log.ts';

export interface ImapServerSettings {
  /** Address to bind. */
  readonly host: string;
  /** STARTTLS listener (`ports.imap`); 0 picks a free port. */
  readonly imapPort: number;
  /** Implicit TLS listener (`ports.imaps`); 0 picks a free port. */
  readonly imapsPort: number;
  readonly tls: ListenerTls;
  /** Largest message accepted; APPEND literals may be as large (pec-spec §6.5). */
  readonly maxMessageBytes: number;
}

export interface RunningImapServers {
  readonly endpoints: readonly ListenerAddress[];
  /** Graceful stop of both listeners; idempotent. */
  close(): Promise<void>;
}

export interface StartImapOptions {
  readonly limits?: Partial<ImapLimits>;
  /** Caps per address, per /24 and in all, and the early deadlines. Default: the guard's defaults with `maxConnectionsPerIp`. */
  readonly connections?: ConnectionGuardSettings;
  /** Where connections, logins and failures are reported (ports/event-log.ts). Default: nowhere. */
  readonly events?: EventLog;
}

export async function startImapServers(
  settings: ImapServerSettings,
  services: ImapServices,
  options: StartImapOptions = {},
): Promise<RunningImapServers> {
  // APPEND takes a message as one literal: as large as the service accepts (pec-spec §6.5).
  const limits: ImapLimits = {
    ...defaultImapLimits,
    maxLiteralBytes: settings.maxMessageBytes,
    ...options.limits,
  };
  const context = {
    host: settings.host,
    tls: settings.tls,
    limits,
    connections: createConnectionGuard(
      options.connections ?? { ...defaultConnectionGuardSettings, maxPerAddress: limits.maxConnectionsPerIp },
    ),
    accountLimiter: createConnectionLimiter(limits.maxConnectionsPerAccount),
    events: (options.events ?? nullEventLog).child({ protocol: 'imap' }),
  };
  const listeners: ImapListener[] = [];
  const endpoints: ListenerAddress[] = [];
  try {
    const plain = createImapListener(context, services, { port: settings.imapPort, implicitTls: false });
    listeners.push(plain);
    const plainAddress = await plain.listen();
    endpoints.push({ name: 'imap', protocol: 'imap', tls: 'starttls', ...plainAddress });
    const implicit = createImapListener(context, services, { port: settings.imapsPort, implicitTls: true });
    listeners.push(implicit);
    const implicitAddress = await implicit.listen();
    endpoints.push({ name: 'imaps', protocol: 'imap', tls: 'implicit', ...implicitAddress });
  } catch (error) {
    await Promise.all(listeners.map((listener) => listener.close()));
    throw error;
  }
  let closed: Promise<void> | null = null;
  return {
    endpoints,
    close() {
      closed ??= Promise.all(listeners.map((listener) => listener.close())).then(() => undefined);
      return closed;
    },
  };
}
