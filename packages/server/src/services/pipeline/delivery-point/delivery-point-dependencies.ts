/**
 * What the delivery point needs, handed down by the composition root: storage, blobs, the signer
 * and the clock, and plain settings (no configuration object).
 */
import type { ProviderIdentity, Signer } from '@pec/core';
import type { BlobStore } from '../../../ports/blob-store.ts';
import type { Clock } from '../../../ports/clock.ts';
import type { EventLog } from '../../../ports/event-log.ts';
import type { SpamScanner } from '../../../ports/spam-scanner.ts';
import type { Storage } from '../../../ports/storage.ts';

export interface DeliveryPointSettings {
  /** gestore-emittente and the service domain of every receipt issued. */
  readonly identity: ProviderIdentity;
  /** How long receipts relayed to another provider's sender may wait (pec-spec §2.3). */
  readonly queueLifetimeMs: number;
  /** Days an expired mailbox keeps receiving (super ricezione). */
  readonly graceDaysAfterExpiry: number;
}

/** A holder's rule asked to forward a delivered PEC to another PEC address (decision 0026). */
export interface RuleForward {
  readonly mailboxId: number;
  /** The holder's address: the new PEC's sender. */
  readonly address: string;
  readonly to: string;
  /** The identificativo of the delivered envelope. */
  readonly identifier: string;
  readonly subject: string;
}

export interface DeliveryPointDependencies {
  readonly storage: Storage;
  readonly blobs: BlobStore;
  readonly signer: Signer;
  readonly clock: Clock;
  readonly settings: DeliveryPointSettings;
  /**
   * Sends a new PEC from the holder's box carrying `original` (the delivered message), through the
   * access point; it reports its own failures. Absent: forwarding rules are not applied.
   */
  readonly forwardByRule?: (forward: RuleForward, original: Uint8Array) => Promise<void>;
  /**
   * Scores the original a PEC carries for the holders' spam filters (decision 0034): a PEC judged
   * spam is labelled $Junk, and moved to Spam if the holder chose so, never refused. None: no scoring.
   */
  readonly spamScanner?: SpamScanner;
  /** Where the spam filter's scores and failures are told. Default: nowhere. */
  readonly events?: EventLog;
}
