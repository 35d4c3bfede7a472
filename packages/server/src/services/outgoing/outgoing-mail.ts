/**
 * Sending and drafts for the webmail, in no protocol's words: the holder's fields become a message
 * (compose-holder-message.ts) that goes to the access point as a service call — the same formal
 * checks, acceptance or non-acceptance, envelope, tracking and Sent copy as SMTP submission, with
 * no SMTP loop-back — and drafts are ordinary messages flagged \Draft in the Drafts folder.
 */
import type { ReceiptVariant } from '@pec/core';
import type { RefusalOf } from '../refusal/refusal.ts';
import type { ComposedAttachment } from './compose-holder-message.ts';

/** Who is writing: the signed-in mailbox (From is always this address). */
export interface Writer {
  readonly mailboxId: number;
  readonly address: string;
  readonly displayName: string;
  readonly remoteAddress: string;
  readonly secure: boolean;
}

/** What the holder wrote. There is no Bcc: a PEC is sent to To and Cc only (pec-spec §2.2). */
export interface OutgoingFields {
  readonly to: readonly string[];
  readonly cc: readonly string[];
  readonly subject: string;
  readonly text: string;
  /** The HTML body (sent with `text` as multipart/alternative); absent for plain text. */
  readonly html?: string;
  readonly receiptType: ReceiptVariant;
  readonly attachments: readonly ComposedAttachment[];
  readonly inReplyTo?: string;
  readonly references?: string;
}

/** The limits the compose screen checks before uploading (pec-spec §6.5). */
export interface OutgoingLimits {
  readonly maxMessageBytes: number;
  readonly maxRecipients: number;
  readonly maxRecipientsTimesSize: number;
}

/**
 * `this-provider`: one of our domains. `certified`: a PEC domain in the providers' index.
 * `not-in-index`: an ordinary domain — the message reaches it as ordinary mail, or not at all.
 */
export type RecipientKindOfDomain = 'this-provider' | 'certified' | 'not-in-index';

export type RecipientCheck =
  | { readonly address: string; readonly valid: false }
  | { readonly address: string; readonly valid: true; readonly kind: RecipientKindOfDomain };

/** Refused before anything was built or issued: no notice exists. */
export type SendRefusal = RefusalOf<
  | 'invalid-address'
  | 'too-many-recipients'
  | 'message-too-large'
  | 'sender-not-holder'
  | 'sender-unknown'
  | 'sending-disabled'
  | 'mailbox-expired'
  | 'quota-exceeded'
>;

export type SendOutcome =
  | {
      readonly kind: 'accepted';
      /** The identificativo of the transport envelope (pec-spec §6.1), the tracking id. */
      readonly identifier: string;
      /** The Message-ID of the message as the holder wrote it. */
      readonly messageId: string;
      readonly recipients: readonly RecipientCheck[];
    }
  | {
      /** A non-acceptance notice was issued into the holder's INBOX (pec-spec §3.3). */
      readonly kind: 'not-accepted';
      readonly identifier: string;
      readonly messageId: string;
      readonly refusal: RefusalOf<'malformed-message' | 'virus-found'>;
    }
  | { readonly kind: 'refused'; readonly refusal: SendRefusal };

export interface SavedDraft {
  readonly folderId: number;
  readonly uid: number;
}

export interface OutgoingMail {
  readonly limits: OutgoingLimits;
  checkRecipient(address: string): Promise<RecipientCheck>;
  send(writer: Writer, fields: OutgoingFields): Promise<SendOutcome>;
  /** Files the draft in Drafts (\Draft \Seen); `replaces` (a UID there) is removed after. */
  saveDraft(writer: Writer, fields: OutgoingFields, replaces?: number): Promise<SavedDraft>;
  /** A draft's fields as written (attachments byte-exact); undefined when Drafts holds no such UID. */
  readDraft(writer: Writer, uid: number): Promise<OutgoingFields | undefined>;
  /** Removes a draft; false when Drafts holds no such UID. */
  deleteDraft(writer: Writer, uid: number): Promise<boolean>;
}
