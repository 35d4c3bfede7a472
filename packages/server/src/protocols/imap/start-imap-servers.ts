/**
 * Starts the provider's IMAP listeners from its configuration (pec-spec §8.6): `ports.imap` with
 * STARTTLS and LOGINDISABLED until TLS, `ports.imaps` with implicit TLS (RFC 8314). Both share the
 * per-IP and per-account connection limits. `close()` says BYE to every client and stops both.
 */
import type { ProviderContext } from '../../app/provider-context.ts';
import { createConnectionLimiter } from './connection-limiter.ts';
import { defaultImapLimits, type ImapLimits } from './imap-limits.ts';
import type { ImapServices } from './imap-services.ts';
import { createImapListener, type ImapListener } from './listener.ts';
import { nullEventLog, type EventLog } from '../../ports/event-log.ts';

export interface ImapEndpoint {
  readonly name: 'imap' | 'imaps';
  readonly tls: 'starttls' | 'implicit';
  readonly host: string;
  readonly port: number;
}

export interface RunningImapServers {
  readonly endpoints: readonly ImapEndpoint[];
  /** Graceful stop of both listeners; idempotent. */
  close(): Promise<void>;
}

export interface StartImapOptions {
  readonly limits?: Partial<ImapLimits>;
  /** Where connections, logins and failures are reported (ports/event-log.ts). Default: nowhere. */
  readonly events?: EventLog;
}

export async function startImapServers(
  ctx: ProviderContext,
  services: ImapServices,
  options: StartImapOptions = {},
): Promise<RunningImapServers> {
  const { config } = ctx.config;
  // APPEND takes a message as one literal: as large as the service accepts (pec-spec §6.5).
  const limits: ImapLimits = {
    ...defaultImapLimits,
    maxLiteralBytes: config.limits.maxMessageBytes,
    ...options.limits,
  };
  const context = {
    host: config.listen.host,
    tls: { cert: ctx.tls.cert, key: ctx.tls.key, minVersion: config.tls.minVersion },
    limits,
    ipLimiter: createConnectionLimiter(limits.maxConnectionsPerIp),
    accountLimiter: createConnectionLimiter(limits.maxConnectionsPerAccount),
    events: (options.events ?? nullEventLog).child({ protocol: 'imap' }),
  };
  const listeners: ImapListener[] = [];
  const endpoints: ImapEndpoint[] = [];
  try {
    const plain = createImapListener(context, services, { port: config.ports.imap, implicitTls: false });
    listeners.push(plain);
    const plainAddress = await plain.listen();
    endpoints.push({ name: 'imap', tls: 'starttls', ...plainAddress });
    const implicit = createImapListener(context, services, { port: config.ports.imaps, implicitTls: true });
    listeners.push(implicit);
    const implicitAddress = await implicit.listen();
    endpoints.push({ name: 'imaps', tls: 'implicit', ...implicitAddress });
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
