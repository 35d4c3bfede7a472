/**
 * The relay of one provider, composed from its context (house style principle 7): the SMTP
 * client with this host's EHLO name, static routes from storage then DNS MX (unless
 * `relay.dns` is false), the configured TLS policies and extra CA files, the queue lifetime of
 * `timeouts.queueLifetimeHours`, and the outbox handlers for `relay-envelope` and `relay-message`
 * (pec-spec §2.2 step 8, §2.3, §8.6; decision 0006). The SMTP client keeps up to
 * `relay.connectionsPerDestination` sessions per destination open for `relay.connectionIdleSeconds`
 * and reuses them (decision 0018); `close` ends them.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { nullEventLog, type EventLog } from '../ports/event-log.ts';
import type { MxResolver } from '../ports/mx-resolver.ts';
import type { RelayTransport } from '../ports/relay-transport.ts';
import { createDnsMxResolver } from '../protocols/smtp/relay-client/create-dns-mx-resolver.ts';
import { createSmtpRelayTransport } from '../protocols/smtp/relay-client/create-smtp-relay-transport.ts';
import type { JobHandler } from '../services/pipeline/outbox/create-outbox-worker.ts';
import { createRelayHandlers } from '../services/pipeline/relay/create-relay-handlers.ts';
import { createRelayRouter } from '../services/pipeline/relay/create-relay-router.ts';
import type { RelayLogEvent } from '../services/pipeline/relay/relay-dependencies.ts';
import type { ProviderContext } from './provider-context.ts';

export interface ProviderRelayOptions {
  /** Lease kept on a relay job while it talks to a peer; default 60 s. */
  readonly leaseMs?: number;
  /** Default: the SMTP client. */
  readonly transport?: RelayTransport;
  /** Default: DNS. */
  readonly mx?: MxResolver;
  /** Default: one `relay.attempted` event per peer to `events`. */
  readonly log?: (event: RelayLogEvent) => void;
  /** Where relay attempts are reported when `log` is not given. Default: nowhere. */
  readonly events?: EventLog;
}

/** A relay log line as `relay.attempted` events, one per peer (ports/event-log.ts). */
export function relayEventsTo(events: EventLog): (event: RelayLogEvent) => void {
  return (event) => {
    for (const peer of event.peers) {
      events.emit({
        event: 'relay.attempted',
        id: event.reference,
        jobId: event.jobId,
        peer,
        outcome: event.kind,
        recipients: event.recipients.length,
        detail: event.detail,
      });
    }
  };
}

export interface ProviderRelay {
  /** The outbox handlers for `relay-envelope` and `relay-message`. */
  readonly handlers: Record<string, JobHandler>;
  /** Closes the SMTP sessions kept open (QUIT); call it once the worker has stopped. */
  close(): Promise<void>;
}

export function createProviderRelay(ctx: ProviderContext, options: ProviderRelayOptions = {}): ProviderRelay {
  const { config, dataDir } = ctx.config;
  const relay = config.relay;
  const tlsCa = relay.tlsCaFiles.map((file) => readFileSync(resolve(dataDir, file), 'utf8'));
  const transport =
    options.transport ??
    createSmtpRelayTransport({
      heloName: config.provider.hostname,
      minTlsVersion: config.tls.minVersion,
      pool: {
        maxPerDestination: relay.connectionsPerDestination,
        idleMs: relay.connectionIdleSeconds * 1000,
      },
    });
  const mx = relay.dns ? (options.mx ?? createDnsMxResolver()) : undefined;
  const handlers = createRelayHandlers({
    storage: ctx.storage,
    blobs: ctx.blobs,
    clock: ctx.clock,
    router: createRelayRouter({ routes: ctx.storage.routes, ...(mx === undefined ? {} : { mx }) }),
    transport,
    settings: {
      hostname: config.provider.hostname,
      providerName: ctx.identity.name,
      certifiedTls: relay.certifiedTls,
      externalTls: relay.externalTls,
      tlsCa,
      queueLifetimeMs: config.timeouts.queueLifetimeHours * 3_600_000,
      retryBaseMs: relay.retryBaseSeconds * 1000,
      retryMaxMs: relay.retryMaxSeconds * 1000,
      leaseMs: options.leaseMs ?? 60_000,
    },
    log: options.log ?? relayEventsTo(options.events ?? nullEventLog),
  });
  return {
    handlers,
    // A transport given by the caller is the caller's to close.
    close: async () => {
      if (options.transport === undefined) await transport.close?.();
    },
  };
}
