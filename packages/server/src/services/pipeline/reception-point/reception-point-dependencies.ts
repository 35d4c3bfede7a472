/**
 * What the reception point needs, handed down by the composition root: storage, blobs, the signer,
 * the clock, the providers' index, the account service (for the service mailbox) and plain
 * settings (no configuration object).
 */
import type { ProviderIdentity, ProviderIndex, Signer } from '@pec/core';
import type { BlobStore } from '../../../ports/blob-store.ts';
import type { Clock } from '../../../ports/clock.ts';
import type { EventLog } from '../../../ports/event-log.ts';
import type { Storage } from '../../../ports/storage.ts';
import type { SpamScanner } from '../../../ports/spam-scanner.ts';
import type { VirusScanner } from '../../../ports/virus-scanner.ts';
import type { AccountService } from '../../accounts/create-account-service.ts';
import type { RevocationChecker } from '../../revocation/revocation-checker.ts';
import type { QuarantineStore } from '../../quarantine/open-quarantine-store.ts';
import type { DeliveryStatusOf } from './recipient-failures.ts';

/** The one quarantine operation the reception point needs (pec-spec §2.1: kept 30 months). */
export type QuarantineWriter = Pick<QuarantineStore, 'put'>;

export interface ReceptionPointSettings {
  /** gestore-emittente and the service domain of every artefact issued. */
  readonly identity: ProviderIdentity;
  /** This provider's host name: the Reporting-MTA of the DSNs it issues. */
  readonly hostname: string;
  /** Our `mailReceipt` (pec-spec §7.2), where take-charge receipts and virus notices arrive. */
  readonly serviceMailbox: string;
  /** Most recipients of one transaction (pec-spec §6.5). */
  readonly maxRecipients: number;
  /** Largest message accepted, in bytes (pec-spec §6.5). */
  readonly maxMessageBytes: number;
  /** How long relay jobs queued here may wait (pec-spec §2.3). */
  readonly queueLifetimeMs: number;
  /** Days an expired mailbox keeps receiving (super ricezione). */
  readonly graceDaysAfterExpiry: number;
}

export interface ReceptionPointDependencies {
  readonly storage: Storage;
  readonly blobs: BlobStore;
  readonly signer: Signer;
  readonly clock: Clock;
  /** The providers' index (pec-spec §7.3), a live view when the provider refreshes it. */
  readonly index: ProviderIndex;
  /** Creates the service mailbox at its first use. */
  readonly accounts: Pick<AccountService, 'ensureServiceMailbox'>;
  readonly settings: ReceptionPointSettings;
  /** Where infected messages are kept for 30 months (pec-spec §2.1). */
  readonly quarantine: QuarantineWriter;
  /** Default: none (development; pec-spec §2.1 requires a real one at the reception point). */
  readonly virusScanner?: VirusScanner;
  /** Scores ordinary mail for the holders' spam filters (decision 0034); none: nothing is scored. */
  readonly spamScanner?: SpamScanner;
  /** DER trust anchors for the signers' chains (pec-spec §8.4 step 4); not checked when absent. */
  readonly trustAnchors?: readonly Uint8Array[];
  /** Signer revocation at signing time (pec-spec §8.4 step 4, decision 0009); not checked when absent. */
  readonly revocation?: RevocationChecker;
  /** Called after outbox jobs may have been committed, e.g. to wake the outbox worker. */
  readonly onQueued?: () => void;
  /** The RFC 3464 status of a refused recipient, as the MX would have answered it. */
  readonly deliveryStatusOf: DeliveryStatusOf;
  /** Told how long verification and classification took (`signature.verified`). Default: nowhere. */
  readonly events?: EventLog;
}
