/**
 * Starts the provider's POP3 listeners: `ports.pop3` (plain with STLS) and `ports.pop3s` (implicit
 * TLS) on one host, with the provider's TLS certificate and minimum version (pec-spec §8.6). Logins go through the shared Authenticator, so the access
 * history records them when the Authenticator was built with the history's `onLogin` hook.
 */
import type { Authenticator } from '../../services/accounts/authenticator.ts';
import type { MaildropService } from '../../services/maildrop/maildrop.ts';
import type { ListenerAddress, ListenerTls } from '../listener-address.ts';
import type { Pop3Limits } from './pop3-limits.ts';
import type { EventLog } from '../../ports/event-log.ts';
import { createPop3Server } from './pop3-listener.ts';
import type { ConnectionGuardSettings } from '../connection-guard.ts';

export interface Pop3ServerSettings {
  /** Address to bind. */
  readonly host: string;
  /** Plain listener with STLS (`ports.pop3`); 0 picks a free port. */
  readonly pop3Port: number;
  /** Implicit TLS listener (`ports.pop3s`); 0 picks a free port. */
  readonly pop3sPort: number;
  readonly tls: ListenerTls;
}

export interface Pop3Dependencies {
  readonly authenticator: Authenticator;
  readonly maildrops: MaildropService;
  readonly limits?: Partial<Pop3Limits>;
  /** Caps per address, per /24 and in all, and the early deadlines. */
  readonly connections?: ConnectionGuardSettings;
  readonly events?: EventLog;
}

export interface StartedPop3Servers {
  /** The bound listeners (ports resolved when configured as 0). */
  readonly endpoints: readonly ListenerAddress[];
  /** Stops accepting, ends open sessions without committing, waits for them; idempotent. */
  close(): Promise<void>;
}

export async function startPop3Servers(
  settings: Pop3ServerSettings,
  dependencies: Pop3Dependencies,
): Promise<StartedPop3Servers> {
  const server = createPop3Server({
    host: settings.host,
    plainPort: settings.pop3Port,
    implicitTlsPort: settings.pop3sPort,
    tls: settings.tls,
    services: { authenticator: dependencies.authenticator, maildrops: dependencies.maildrops },
    ...(dependencies.limits === undefined ? {} : { limits: dependencies.limits }),
    ...(dependencies.connections === undefined ? {} : { connections: dependencies.connections }),
    ...(dependencies.events === undefined ? {} : { events: dependencies.events }),
  });
  try {
    const endpoints = await server.listen();
    return { endpoints, close: () => server.close() };
  } catch (error) {
    await server.close();
    throw error;
  }
}
