/**
 * What the PEC evidence service needs: the mailbox index and blobs (stored bytes, served and
 * hashed byte-exact), the tracking rows of sent messages, the providers' index that names a
 * signer's provider (pec-spec §7.3), and, when configured, trust anchors and a revocation check.
 */
import type { ProviderIndex, RevocationCheck } from '@pec/core';
import type { BlobStore } from '../../ports/blob-store.ts';
import type { Clock } from '../../ports/clock.ts';
import type { MailboxStore } from '../../ports/mailbox-store.ts';
import type { MessageTrackingStore } from '../../ports/message-tracking-store.ts';

export interface PecEvidenceDependencies {
  readonly mailboxes: Pick<MailboxStore, 'getFolderById' | 'getMessage' | 'findByPecReference'>;
  readonly blobs: Pick<BlobStore, 'get'>;
  readonly tracking: Pick<MessageTrackingStore, 'get'>;
  readonly index: ProviderIndex;
  readonly clock: Clock;
  /** DER trust anchors for the chain check; none: the chain is reported as not checked. */
  readonly trustAnchors?: readonly Uint8Array[];
  /** Signer revocation at signing time (pec-spec §8.4 step 4); none: reported as not checked. */
  readonly revocation?: RevocationCheck;
}

export interface PecEvidenceSettings {
  /** The provider's accredited name, written into the verification report. */
  readonly providerName: string;
}

/** One message of one mailbox: the folder is checked to belong to `mailboxId`. */
export interface MessageLocator {
  readonly mailboxId: number;
  /** The mailbox's address: only messages it sent have a dossier. */
  readonly holder: string;
  readonly folderId: number;
  readonly uid: number;
}
