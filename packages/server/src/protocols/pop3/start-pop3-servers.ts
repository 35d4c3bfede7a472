/**
 * Starts the provider's POP3 listeners from the ProviderContext: `ports.pop3` (plain with STLS)
 * and `ports.pop3s` (implicit TLS) on `listen.host`, with the provider's TLS certificate and
 * minimum version (pec-spec §8.6). Logins go through the shared Authenticator, so the access
 * history records them when the Authenticator was built with the history's `onLogin` hook.
 */
import type { ProviderContext } from '../../app/provider-context.ts';
import type { Authenticator } from '../../services/accounts/authenticator.ts';
import type { MaildropService } from '../../services/maildrop/maildrop.ts';
import type { Pop3Limits } from './pop3-limits.ts';
import type { EventLog } from '../../ports/event-log.ts';
import { createPop3Server, type Pop3Endpoint } from './pop3-listener.ts';

export interface Pop3Dependencies {
  readonly authenticator: Authenticator;
  readonly maildrops: MaildropService;
  readonly limits?: Partial<Pop3Limits>;
  readonly events?: EventLog;
}

export interface StartedPop3Servers {
  /** The bound listeners (ports resolved when configured as 0). */
  readonly endpoints: readonly Pop3Endpoint[];
  /** Stops accepting, ends open sessions without committing, waits for them; idempotent. */
  close(): Promise<void>;
}

export async function startPop3Servers(
  ctx: ProviderContext,
  dependencies: Pop3Dependencies,
): Promise<StartedPop3Servers> {
  const { config } = ctx.config;
  const server = createPop3Server({
    host: config.listen.host,
    plainPort: config.ports.pop3,
    implicitTlsPort: config.ports.pop3s,
    tls: { cert: ctx.tls.cert, key: ctx.tls.key, minVersion: config.tls.minVersion },
    services: { authenticator: dependencies.authenticator, maildrops: dependencies.maildrops },
    ...(dependencies.limits === undefined ? {} : { limits: dependencies.limits }),
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
