/**
 * What the access point needs, handed down by the composition root: storage, blobs, the signer,
 * the clock and the providers' index, and plain settings (no configuration object).
 */
import type { ProviderIdentity, ProviderIndex, Signer } from '@pec/core';
import type { BlobStore } from '../../../ports/blob-store.ts';
import type { Clock } from '../../../ports/clock.ts';
import type { Storage } from '../../../ports/storage.ts';
import type { VirusScanner } from '../../../ports/virus-scanner.ts';
import type { QuarantineStore } from '../../quarantine/open-quarantine-store.ts';
import type { OutboxWorker } from '../outbox/create-outbox-worker.ts';

export interface AccessPointSettings {
  /** gestore-emittente and the service domain of every artefact issued. */
  readonly identity: ProviderIdentity;
  /** Most recipients of one message (DM 2/11/2005 art. 12, pec-spec §6.5). */
  readonly maxRecipients: number;
  /** Largest message accepted, in bytes (pec-spec §6.5). */
  readonly maxMessageBytes: number;
  /** Largest recipients × size, in bytes (pec-spec §6.5). */
  readonly maxRecipientsTimesSize: number;
  /** Longest line, in octets including CRLF (RFC 5322 §2.1.1). Default 1000. */
  readonly maxLineLength?: number;
  /** Days an expired box keeps receiving (Super Ricezione), for the refusal's text; default 90. */
  readonly graceDaysAfterExpiry?: number;
}

export interface AccessPointDependencies {
  readonly storage: Storage;
  readonly blobs: BlobStore;
  readonly signer: Signer;
  readonly clock: Clock;
  /** The providers' index (pec-spec §7.3), a live view when the provider refreshes it. */
  readonly index: ProviderIndex;
  readonly settings: AccessPointSettings;
  /** Default: none (development; pec-spec §2.2 step 3 requires a real one in production). */
  readonly virusScanner?: VirusScanner;
  /** Where infected submissions are kept for 30 months (DPR 68/2005 art. 12, pec-spec §2.1). */
  readonly quarantine?: Pick<QuarantineStore, 'put'>;
  /** Called after outbox jobs were committed, e.g. to wake the outbox worker. */
  readonly onQueued?: () => void;
  /**
   * This node's outbox worker: the jobs of an acceptance are written leased to it and handed over
   * once committed, without a claim (decision 0061). Without it (or with no free slot) they are
   * queued for any node's worker to claim.
   */
  readonly jobSlots?: Pick<OutboxWorker, 'reserve'>;
}
