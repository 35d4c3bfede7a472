/**
 * What the relay needs, handed down by the composition root (house style principle 7): storage,
 * blobs, clock, the router and the SMTP transport, and plain settings (no configuration object).
 */
import type { BlobStore } from '../../../ports/blob-store.ts';
import type { Clock } from '../../../ports/clock.ts';
import type { RelayRouter } from '../../../ports/relay-router.ts';
import type { RelayTransport } from '../../../ports/relay-transport.ts';
import type { RouteTlsPolicy } from '../../../ports/route-store.ts';
import type { Storage } from '../../../ports/storage.ts';

export interface RelaySettings {
  /** This provider's host name: EHLO, and the Reporting-MTA and MAILER-DAEMON of DSNs. */
  readonly hostname: string;
  /** gestore name, for the legal log's sending provider. */
  readonly providerName: string;
  /** TLS towards PEC recipients and PEC notices (pec-spec §8.6). Default policy: `required`. */
  readonly certifiedTls: RouteTlsPolicy;
  /** TLS towards ordinary Internet recipients, forwards and DSNs. Default policy: `opportunistic`. */
  readonly externalTls: RouteTlsPolicy;
  /** PEM certificates trusted besides the system's when TLS is verified. */
  readonly tlsCa: readonly string[];
  /** How long a transport envelope may wait in the queue after acceptance (pec-spec §2.3, §6.3). */
  readonly queueLifetimeMs: number;
  /** Delay after the first failed attempt, doubled after each further one. */
  readonly retryBaseMs: number;
  /** Longest delay between attempts. */
  readonly retryMaxMs: number;
  /** Lease kept on a job while it talks to peers (renewed every third of it). */
  readonly leaseMs: number;
}

/** Operator-facing notes of the relay: deferrals, failures, expiries. */
export interface RelayLogEvent {
  readonly kind: 'relayed' | 'deferred' | 'failed' | 'expired';
  readonly jobId: number;
  /** The PEC identificativo or Message-ID the job carries. */
  readonly reference: string;
  readonly recipients: readonly string[];
  /** The hosts spoken to (the recipients' domains where no host answered): for metrics by peer. */
  readonly peers: readonly string[];
  readonly detail: string;
}

export interface RelayDependencies {
  readonly storage: Storage;
  readonly blobs: BlobStore;
  readonly clock: Clock;
  readonly router: RelayRouter;
  readonly transport: RelayTransport;
  readonly settings: RelaySettings;
  /** Default: nothing. */
  readonly log?: (event: RelayLogEvent) => void;
}
