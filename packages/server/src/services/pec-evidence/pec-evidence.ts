/**
 * The PEC evidence service's use cases and their typed outcomes: the PEC details of any stored
 * message, the receipts dossier of a sent message, and its evidence pack. Every answer is computed
 * from the stored bytes; nothing is re-serialised (ARCHITECTURE "Signed bytes are sacred").
 */
import type { DaticertError, DaticertType, MessageKind, ReceiptVariant, RecipientKind } from '@pec/core';
import type { DeliveryStatus } from '../../ports/message-tracking-store.ts';
import type { MessageLocator } from './pec-evidence-dependencies.ts';

/** Another message of the same mailbox, one click away. */
export interface MessageLink {
  readonly folderId: number;
  readonly uid: number;
  readonly pecType: MessageKind;
  readonly subject: string;
  readonly date: Date;
}

/** The signature check as the holder reads it (pec-spec §8.4). */
export interface SignatureFacts {
  readonly present: boolean;
  readonly valid: boolean;
  readonly signer: string | null;
  readonly signerEmail: string | null;
  /** `providerName` of the index record whose certificate signed (pec-spec §7.3). */
  readonly provider: string | null;
  readonly signingTime: Date | null;
  readonly certificateValidAtSigningTime: boolean | null;
  readonly chainValid: boolean | null;
  /** What the CRL or OCSP responder said at signing time (decision 0009); null: not checked. */
  readonly revocation: {
    readonly status: string;
    readonly source: string;
    readonly checkedAt: Date;
    readonly revokedAt: Date | null;
    /** The URL that answered, or why the status is unknown. */
    readonly detail: string | null;
  } | null;
  readonly digestAlgorithm: string | null;
  readonly errors: readonly string[];
}

/** The facts of daticert.xml (pec-spec §4.1). */
export interface DaticertFacts {
  readonly type: DaticertType | null;
  readonly error: DaticertError | null;
  readonly sender: string | null;
  readonly recipients: readonly { readonly address: string; readonly kind: RecipientKind | null }[];
  readonly subject: string | null;
  readonly issuer: string | null;
  readonly day: string | null;
  readonly time: string | null;
  readonly zone: string | null;
  readonly identifier: string | null;
  readonly msgid: string | null;
  readonly receiptVariant: ReceiptVariant | null;
  readonly delivery: string | null;
  readonly takenInCharge: readonly string[];
  readonly extendedError: string | null;
  readonly wellFormed: boolean;
  readonly problems: readonly string[];
}

export interface PecDetails {
  readonly kind: MessageKind;
  /** Delivery receipt variant, or the variant an envelope asks for (`X-TipoRicevuta`, pec-spec §3.5). */
  readonly receiptVariant: ReceiptVariant | null;
  /** A virus notice (`X-VerificaSicurezza: errore` or daticert `errore="virus"`, pec-spec §3.3, §3.8). */
  readonly virus: boolean;
  readonly signature: SignatureFacts;
  readonly daticert: DaticertFacts | null;
  readonly identifier: string | null;
  /** This is the holder's copy of a PEC they sent, tracked under `identifier`. */
  readonly sent: { readonly identifier: string; readonly acceptedAt: Date } | null;
  /** For a receipt or notice: the sent message it proves, when it is in this mailbox. */
  readonly proves: MessageLink | null;
  readonly errors: readonly string[];
  readonly checkedAt: Date;
}

/** One step of a recipient's timeline (pec-spec §2.5, §3.2–§3.8, §6.3). */
export type DossierStepKind = DeliveryStatus | 'virus';

export interface DossierStep {
  readonly step: DossierStepKind;
  readonly at: Date;
  readonly detail: string | null;
  readonly receipt: MessageLink | null;
}

export interface DossierRecipient {
  readonly address: string;
  readonly kind: RecipientKind;
  readonly status: DeliveryStatus;
  readonly steps: readonly DossierStep[];
}

export interface ReceiptsDossier {
  readonly identifier: string;
  readonly subject: string | null;
  readonly acceptedAt: Date;
  readonly message: MessageLink;
  readonly recipients: readonly DossierRecipient[];
  /** Every receipt and notice of this message found in the mailbox, oldest first. */
  readonly receipts: readonly MessageLink[];
  readonly envelopeAvailable: boolean;
}

export interface EvidencePack {
  readonly fileName: string;
  readonly zip: Uint8Array;
}

export interface PecEvidence {
  /** Undefined: no such message in this mailbox. */
  details(locator: MessageLocator): Promise<PecDetails | undefined>;
  /** Undefined: not a PEC this holder sent (or a receipt of one) in this mailbox. */
  dossier(locator: MessageLocator): Promise<ReceiptsDossier | undefined>;
  /** Undefined: as `dossier`. */
  evidencePack(locator: MessageLocator): Promise<EvidencePack | undefined>;
}
