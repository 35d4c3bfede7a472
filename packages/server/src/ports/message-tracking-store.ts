/**
 * Port for the delivery state of every PEC message our users send: one row per message
 * (keyed by its `identificativo`) and one per recipient, advanced by incoming receipts and timers
 * (pec-spec §2.5, §3.4–§3.7, §6.3). Guarantees: each event's first time and receipt id are kept
 * (duplicates do not overwrite them); the current status only moves forward
 * (accepted → taken-in-charge → timeout-12h → a final one), and the first final status stays.
 */
import type { RecipientKind } from '@pec/core';

/**
 * Per-recipient status. Final: `delivered` (avvenuta consegna), `error` (mancata consegna),
 * `timeout-24h` (final notice, pec-spec §3.7). `timeout-12h` is the preavviso (pec-spec §6.3).
 */
export type DeliveryStatus =
  'accepted' | 'taken-in-charge' | 'timeout-12h' | 'delivered' | 'error' | 'timeout-24h';
export const deliveryStatuses: readonly DeliveryStatus[] = [
  'accepted',
  'taken-in-charge',
  'timeout-12h',
  'delivered',
  'error',
  'timeout-24h',
];
export type DeliveryEventStatus = Exclude<DeliveryStatus, 'accepted'>;
export const finalDeliveryStatuses: readonly DeliveryStatus[] = ['delivered', 'error', 'timeout-24h'];

/** When an event first happened, and the receipt or notice that reported it. */
export interface DeliveryEventRecord {
  readonly at: Date;
  /** Message-ID of the receipt received or the notice we issued, when there is one. */
  readonly receiptId: string | null;
  /** Error text (errore-esteso) for `error`, free text otherwise. */
  readonly detail: string | null;
}

export interface TrackedRecipient {
  readonly address: string;
  readonly kind: RecipientKind;
  readonly status: DeliveryStatus;
  readonly statusAt: Date;
  readonly events: Readonly<Partial<Record<DeliveryEventStatus, DeliveryEventRecord>>>;
}

export interface TrackedMessage {
  /** The PEC `identificativo` (pec-spec §6.1), without angle brackets. */
  readonly identifier: string;
  readonly sender: string;
  readonly subject: string | null;
  /** The client's original Message-ID (`X-Riferimento-Message-ID`, daticert `msgid`), if it had one. */
  readonly originalMsgid: string | null;
  readonly acceptedAt: Date;
  /** BlobStore key of the signed transport envelope (pec-spec §3.1); null when not recorded. */
  readonly envelopeBlobKey: string | null;
  /** In the order given when tracking started. */
  readonly recipients: readonly TrackedRecipient[];
}

export interface NewTrackedMessage {
  readonly identifier: string;
  readonly sender: string;
  readonly subject: string | null;
  readonly originalMsgid: string | null;
  readonly acceptedAt: Date;
  /** BlobStore key of the signed transport envelope, for the holder's evidence pack. */
  readonly envelopeBlobKey?: string | null;
  readonly recipients: readonly { readonly address: string; readonly kind: RecipientKind }[];
}

export interface DeliveryEvent {
  readonly status: DeliveryEventStatus;
  readonly at: Date;
  readonly receiptId?: string | null;
  readonly detail?: string | null;
}

export interface MessageTrackingStore {
  /** Throws StorageError `conflict` for a known identifier. Addresses are stored lower-cased. */
  track(message: NewTrackedMessage): Promise<TrackedMessage>;
  get(identifier: string): Promise<TrackedMessage | undefined>;
  findByOriginalMsgid(originalMsgid: string): Promise<TrackedMessage[]>;
  /** Newest first. */
  listBySender(
    sender: string,
    options?: { readonly since?: Date; readonly limit?: number; readonly offset?: number },
  ): Promise<TrackedMessage[]>;
  /** Applies one event to one recipient. Throws StorageError `not-found` for an unknown pair. */
  recordEvent(identifier: string, recipient: string, event: DeliveryEvent): Promise<TrackedRecipient>;
  /**
   * Messages accepted before `acceptedBefore` (and, when given, at or after `acceptedFrom`) with a
   * recipient still not final, oldest first.
   */
  listOpen(options: {
    readonly acceptedBefore: Date;
    readonly acceptedFrom?: Date;
    readonly limit?: number;
  }): Promise<TrackedMessage[]>;
  /** Deletes messages accepted before `acceptedBefore`; returns how many. */
  purge(acceptedBefore: Date): Promise<number>;
}
