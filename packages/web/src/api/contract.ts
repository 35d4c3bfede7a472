// The provisional contract of the first HTTP API routes (docs/decisions/0010-webmail-front-end.md).
// Hand-written until the server publishes /api/openapi.json; then these types are generated from it
// and this file goes away. Keep the shapes in step with dev/mock-api.ts.

/** Where every route lives: same origin, cookie session. */
export const apiBase = '/api/v1';

/** Custom header every state-changing request carries (CSRF defence alongside SameSite cookies). */
export const csrfHeader = { name: 'X-PEC-Request', value: '1' } as const;

/** RFC 9457 problem details; `reason` is the core's refusal reason, the key the UI translates. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  reason?: string;
}

/** GET /api/v1/provider (public): what the sign-in screen shows before anyone signs in. */
export interface ProviderInfo {
  name: string;
  domain: string;
  passwordRecoveryUrl: string;
}

/** POST /api/v1/session → 204 and a session cookie; 401 problem `invalid-credentials`. */
export interface SignInRequest {
  address: string;
  password: string;
  staySignedIn: boolean;
}

/** GET /api/v1/session → 200, or 401 problem `not-signed-in`. DELETE → 204. */
export interface Session {
  address: string;
  displayName: string;
  expiresAt: string;
  staySignedIn: boolean;
}

export type SpecialUse = 'inbox' | 'sent' | 'drafts' | 'trash' | 'junk' | 'archive' | 'security-archive';

/** What the security archive keeps (decision 0035). */
export type ArchiveKind = 'acceptance' | 'delivery' | 'received' | 'sent';
export const archiveKinds: readonly ArchiveKind[] = ['acceptance', 'delivery', 'received', 'sent'];

/** GET/PATCH /api/v1/security-archive. */
export interface SecurityArchive {
  enabled: boolean;
  kinds: ArchiveKind[];
  manualDeletion: boolean;
  enabledAt: string | null;
  fullSince: string | null;
  folder: { id: number; name: string } | null;
  messages: number;
  usedBytes: number;
  quotaBytes: number;
}

/** GET /api/v1/folders → { folders }. */
export interface Folder {
  id: string;
  name: string;
  specialUse: SpecialUse | null;
  total: number;
  unread: number;
}
export interface FolderList {
  folders: Folder[];
}

/** What a message is, in PEC terms (the reader's PEC panel explains each). */
export type PecType =
  | 'posta-certificata'
  | 'accettazione'
  | 'non-accettazione'
  | 'presa-in-carico'
  | 'avvenuta-consegna'
  | 'errore-consegna'
  | 'preavviso-errore-consegna'
  | 'rilevazione-virus'
  | 'anomalia'
  | 'ordinary';

export type MessageFlag = 'seen' | 'answered' | 'flagged' | 'draft' | 'deleted' | 'junk';

export interface Address {
  name: string;
  address: string;
}

export type SortKey = 'date' | 'from' | 'subject' | 'size';

/** GET /api/v1/folders/:id/messages?sort=&cursor=&limit=&q= (sort may be `-date`: descending). */
export interface MessageSummary {
  uid: number;
  from: Address;
  subject: string;
  /** ISO 8601 with offset. */
  date: string;
  size: number;
  flags: MessageFlag[];
  pecType: PecType;
  hasAttachments: boolean;
  /** The start of the text (IMAP PREVIEW, RFC 8970), when the list asked for it. */
  preview?: string;
}
export interface MessagePage {
  messages: MessageSummary[];
  nextCursor: string | null;
  total: number;
}

export interface Attachment {
  id: string;
  name: string;
  contentType: string;
  size: number;
}

/** GET /api/v1/messages/:folderId/:uid. `html` is already sanitised by the server; the client sanitises again. */
export interface Message extends MessageSummary {
  folderId: string;
  to: Address[];
  cc: Address[];
  text: string;
  html: string | null;
  /** The HTML body as its own sanitised document with its own CSP (`?remote=1` loads remote images). */
  htmlUrl?: string | null;
  /** The HTML body loads remote content, blocked until the holder asks for it. */
  remoteContent?: boolean;
  attachments: Attachment[];
  /** Message-ID as written (postacert.eml's for an envelope): a reply's In-Reply-To. */
  messageId: string | null;
  /** Its References, else its one In-Reply-To (RFC 5322 §3.6.4): a reply's References starts with it. */
  references: string | null;
}

/** Another message of the mailbox, one click away (a receipt, or the sent message a receipt proves). */
export interface MessageLink {
  folderId: string;
  uid: number;
  pecType: PecType;
  subject: string;
  date: string;
}

/** GET /api/v1/messages/:folderId/:uid/pec: what the message is, its signature, its daticert. */
export interface PecDetails {
  kind: PecType;
  receiptVariant: 'completa' | 'breve' | 'sintetica' | null;
  virus: boolean;
  signature: {
    present: boolean;
    valid: boolean;
    signer: string | null;
    signerEmail: string | null;
    provider: string | null;
    signingTime: string | null;
    certificateValidAtSigningTime: boolean | null;
    chainValid: boolean | null;
    revocation: {
      status: string;
      source: string;
      checkedAt: string;
      revokedAt: string | null;
      detail: string | null;
    } | null;
    digestAlgorithm: string | null;
    errors: string[];
  };
  daticert: {
    type: string | null;
    error: string | null;
    sender: string | null;
    recipients: { address: string; kind: string | null }[];
    subject: string | null;
    issuer: string | null;
    day: string | null;
    time: string | null;
    zone: string | null;
    identifier: string | null;
    msgid: string | null;
    receiptVariant: string | null;
    delivery: string | null;
    takenInCharge: string[];
    extendedError: string | null;
    wellFormed: boolean;
    problems: string[];
  } | null;
  identifier: string | null;
  sent: { identifier: string; acceptedAt: string } | null;
  proves: MessageLink | null;
  errors: string[];
  checkedAt: string;
}

export type DossierStepKind =
  'accepted' | 'taken-in-charge' | 'timeout-12h' | 'delivered' | 'error' | 'timeout-24h' | 'virus';

/** GET /api/v1/messages/:folderId/:uid/receipts: one timeline per recipient of a sent PEC. */
export interface ReceiptsDossier {
  identifier: string;
  subject: string | null;
  acceptedAt: string;
  message: MessageLink;
  recipients: {
    address: string;
    kind: 'certificato' | 'esterno';
    status: Exclude<DossierStepKind, 'virus'>;
    steps: { step: DossierStepKind; at: string; detail: string | null; receipt: MessageLink | null }[];
  }[];
  receipts: MessageLink[];
  envelopeAvailable: boolean;
}

/** POST /api/v1/messages/move and /copy answer where the messages went (`targetUids[i]` ← `sourceUids[i]`). */
export interface Filed {
  targetFolderId: string;
  sourceUids: number[];
  targetUids: number[];
}

/** POST /api/v1/messages/delete: moved to Trash, or (from Trash) removed for good. */
export type DeleteResult = ({ kind: 'moved-to-trash' } & Filed) | { kind: 'expunged'; uids: number[] };

/** GET /api/events, `event: mailbox`: a hint to re-read (folder ids as in the other routes). */
export type MailboxEvent =
  { kind: 'exists' | 'flags' | 'expunge'; folderId: string; uids: number[] } | { kind: 'folders' };

// Security settings (server: protocols/http/api/security-routes.ts).

/** POST /api/v1/session → 202 with this body when the box has a second factor. */
export interface SecondFactorNeeded {
  secondFactor: 'totp';
}

export interface SecurityOverview {
  twoFactor: { enabled: boolean; enabledAt: string | null; recoveryCodesLeft: number };
}

export interface WebSessionSummary {
  id: string;
  current: boolean;
  staySignedIn: boolean;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
  userAgent: string | null;
  device: string | null;
  remoteAddress: string;
}

export interface TotpEnrolment {
  uri: string;
  secret: string;
  /** An SVG data URL. */
  qrCode: string;
}

export interface AppPassword {
  id: string;
  name: string;
  createdAt: string;
  lastUsedAt: string | null;
}

export interface AccessEntry {
  id: number;
  at: string;
  protocol: 'smtp' | 'imap' | 'pop3' | 'http';
  remoteAddress: string;
  clientId: string | null;
  device: string | null;
  outcome: 'success' | 'failure' | 'throttled' | 'disabled';
  newOrigin: boolean;
  /** Refused although the credentials were right: the network is not on the allow-list. */
  networkRefused?: boolean;
}

// Sending and drafts (decision 0012): attachments travel as base64 in the JSON body.

/** X-TipoRicevuta (pec-spec §3.5): the delivery receipt the sender asks for. */
export type ReceiptType = 'completa' | 'breve' | 'sintetica';

export interface OutgoingAttachment {
  name: string;
  contentType: string;
  /** base64 */
  content: string;
}

/** POST /api/v1/outgoing (plus `draftUid`) and POST /api/v1/drafts (plus `replaces`). No Bcc in PEC. */
export interface OutgoingFields {
  to: string[];
  cc: string[];
  subject: string;
  text: string;
  receiptType: ReceiptType;
  attachments: OutgoingAttachment[];
  /** With `text` as its plain rendering: sent as multipart/alternative. */
  html?: string;
  inReplyTo?: string;
  references?: string;
}

/** GET /api/v1/drafts/:uid: a draft as the fields it was written from. */
export interface DraftFields {
  to: string[];
  cc: string[];
  subject: string;
  text: string;
  html: string | null;
  receiptType: ReceiptType;
  attachments: OutgoingAttachment[];
  inReplyTo: string | null;
  references: string | null;
}

/** GET /api/v1/outgoing/limits. */
export interface OutgoingLimits {
  maxMessageBytes: number;
  maxRecipients: number;
  maxRecipientsTimesSize: number;
}

/** GET /api/v1/recipients/check?address= */
export interface RecipientCheck {
  address: string;
  valid: boolean;
  kind: 'this-provider' | 'certified' | 'not-in-index' | null;
}

/** 201 from POST /api/v1/outgoing; refusals are problems with `reasons` (and `identifier` when a notice was issued). */
export interface SendResult {
  outcome: 'accepted';
  identifier: string;
  messageId: string;
  recipients: RecipientCheck[];
}

/** 201 from POST /api/v1/drafts. */
export interface SavedDraft {
  folderId: string;
  uid: number;
}
