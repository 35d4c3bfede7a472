/**
 * Port for PEC mailbox contents: folders with IMAP state (RFC 9051 §2.3.1.1, RFC 7162) and message
 * rows pointing at raw bytes in the BlobStore. Guarantees: UIDs grow strictly per folder and are
 * never reused; each change (append, flags, copy-in, expunge) gets a new, larger modseq; a name's
 * UIDVALIDITY never repeats in a mailbox; the mailbox's used bytes follow every change.
 */
import type { MessageKind } from '@pec/core';

/** The one folder name that is case-insensitive and cannot be renamed or deleted (RFC 9051 §5.1). */
export const inboxName = 'INBOX';
/** Hierarchy delimiter of folder names; renaming a folder renames the names below it. */
export const folderDelimiter = '/';

/** Special-use attributes (RFC 6154). */
export type SpecialUse = '\\All' | '\\Archive' | '\\Drafts' | '\\Flagged' | '\\Junk' | '\\Sent' | '\\Trash';

export interface Folder {
  readonly id: number;
  readonly mailboxId: number;
  /** Full hierarchical name with `folderDelimiter`; `INBOX` is always spelled in capitals. */
  readonly name: string;
  readonly uidValidity: number;
  readonly uidNext: number;
  readonly highestModseq: number;
  readonly specialUse: SpecialUse | null;
  /**
   * The box's security archive (decision 0035): read-only for the holder, its messages counted
   * against the plan's archive quota instead of the box quota.
   */
  readonly securityArchive: boolean;
  readonly createdAt: Date;
}

export interface NewFolder {
  readonly name: string;
  readonly specialUse?: SpecialUse | null;
  /** Also subscribe the name (the provider's standard folders). Defaults to true. */
  readonly subscribed?: boolean;
  /** The security archive (decision 0035): its bytes count against the archive quota, not the box's. */
  readonly securityArchive?: boolean;
}

/** One address of an envelope field, as IMAP ENVELOPE lists it (RFC 9051 §7.5.2). */
export interface EnvelopeAddress {
  /** Display name as it appears in the header (RFC 2047 words not decoded), or null. */
  readonly name: string | null;
  /** `local@domain`; the local part alone for a group marker. */
  readonly address: string;
  /** Obsolete source route as written, `@a.example,@b.example` (RFC 5322 §4.4), when there is one. */
  readonly route?: string;
}

/**
 * The parsed header summary used for listings and IMAP ENVELOPE. Strings are the unfolded header
 * values as sent (encoded words not decoded), null when the header is absent.
 */
export interface MessageEnvelope {
  readonly date: string | null;
  readonly subject: string | null;
  readonly from: readonly EnvelopeAddress[];
  readonly sender: readonly EnvelopeAddress[];
  readonly replyTo: readonly EnvelopeAddress[];
  readonly to: readonly EnvelopeAddress[];
  readonly cc: readonly EnvelopeAddress[];
  readonly bcc: readonly EnvelopeAddress[];
  readonly inReplyTo: string | null;
  readonly messageId: string | null;
}

/** The MIME tree of a message, enough for IMAP BODYSTRUCTURE and partial fetches without re-parsing. */
export interface MimeStructure {
  /** Lower-case media type and subtype, e.g. `multipart` / `signed`. */
  readonly type: string;
  readonly subtype: string;
  /** Content-Type parameters, names lower-case. */
  readonly params: Readonly<Record<string, string>>;
  readonly id: string | null;
  readonly description: string | null;
  readonly encoding: string | null;
  readonly disposition: { readonly type: string; readonly params: Readonly<Record<string, string>> } | null;
  readonly language: readonly string[] | null;
  readonly location: string | null;
  /** Body size in octets. */
  readonly size: number;
  /** Body lines, for text/* and message/rfc822 parts. */
  readonly lines: number | null;
  /** Byte offsets in the raw message: header start, body start, body end (exclusive). */
  readonly offsets: { readonly header: number; readonly body: number; readonly end: number };
  /** Children of a multipart; empty otherwise. */
  readonly parts: readonly MimeStructure[];
  /** The enclosed message of a message/rfc822 part (e.g. postacert.eml), else null. */
  readonly message: { readonly envelope: MessageEnvelope; readonly structure: MimeStructure } | null;
}

export interface StoredMessage {
  readonly folderId: number;
  readonly uid: number;
  readonly modseq: number;
  /** BlobStore key (SHA-256 hex) of the raw bytes. */
  readonly blobKey: string;
  readonly size: number;
  readonly internalDate: Date;
  /** When the message was stored in this folder (RFC 8514): delivery, APPEND, COPY or MOVE. */
  readonly saveDate: Date;
  /** System flags in canonical case (`\Seen`), then keywords; no duplicates, no `\Recent`. */
  readonly flags: readonly string[];
  readonly envelope: MessageEnvelope;
  readonly structure: MimeStructure;
  /** PEC classification (pec-spec §3.10, `MessageKind` of the vocabulary), null when not classified. */
  readonly pecType: MessageKind | null;
  /** `X-Riferimento-Message-ID` of receipts and envelopes (pec-spec §6.1), for grouping. */
  readonly pecReference: string | null;
}

/**
 * A message row without its envelope and MIME structure: what a listing needs when those are served
 * from elsewhere (the IMAP adapter's rendered ENVELOPE and BODYSTRUCTURE), without reading their
 * texts.
 */
export type MessageHead = Pick<
  StoredMessage,
  'folderId' | 'uid' | 'modseq' | 'blobKey' | 'size' | 'internalDate' | 'saveDate' | 'flags'
>;

export interface NewMessage {
  readonly blobKey: string;
  readonly size: number;
  readonly internalDate: Date;
  readonly flags?: readonly string[];
  readonly envelope: MessageEnvelope;
  readonly structure: MimeStructure;
  readonly pecType?: MessageKind | null;
  readonly pecReference?: string | null;
}

/**
 * Inclusive UID range; `to` omitted means no upper bound. Resolving IMAP `*` when `n` exceeds the
 * last UID (RFC 9051 §6.4.8) is the protocol layer's job.
 */
export interface UidRange {
  readonly from: number;
  readonly to?: number;
}

export interface MessageQuery {
  /** Union of ranges; all messages when omitted. */
  readonly uids?: readonly UidRange[];
  /** Only messages whose modseq is greater (RFC 7162 CHANGEDSINCE). */
  readonly changedSince?: number;
  /** By UID; ascending by default. */
  readonly order?: 'asc' | 'desc';
  readonly limit?: number;
  readonly offset?: number;
}

/**
 * One page of a folder by RFC 5256 §2.2 sent time (the `Date:` header, else the internal date; core's
 * `sentTime`), equal times in ascending UID order whichever the direction (RFC 5256 §3).
 */
export interface SentTimePage {
  readonly descending: boolean;
  /** Start strictly after this (sent time, UID) position. */
  readonly after?: { readonly sentTime: number; readonly uid: number };
  /** Messages skipped after the start. */
  readonly offset?: number;
  readonly limit: number;
}

/** The mutable part of a message, for session state and flag listings. */
export interface MessageState {
  readonly uid: number;
  readonly modseq: number;
  readonly flags: readonly string[];
}

/** Consecutive UIDs `from`…`to` (each present) sharing one flag list. */
export interface FlagRun {
  readonly from: number;
  readonly to: number;
  readonly flags: readonly string[];
}

/** A folder's flags as runs (`MailboxStore.listFlagRuns`). */
export interface FlagRuns {
  /** Ascending, disjoint, maximal (no two neighbours with consecutive UIDs share a list). */
  readonly runs: readonly FlagRun[];
  /** The largest modseq of the listed messages; 0 when none. */
  readonly highestModseq: number;
}

export interface FlagUpdate {
  readonly mode: 'add' | 'remove' | 'replace';
  readonly flags: readonly string[];
  /** RFC 7162 UNCHANGEDSINCE: messages with a larger modseq are left alone and reported. */
  readonly unchangedSince?: number;
}

export interface FlagUpdateResult {
  /** Messages whose flags actually changed, with their new modseq. */
  readonly updated: readonly MessageState[];
  /** UIDs refused because of `unchangedSince` (RFC 7162 MODIFIED response code). */
  readonly modified: readonly number[];
}

export interface AppendResult {
  readonly uidValidity: number;
  readonly message: StoredMessage;
}

/** Source to target UID pairs, in source UID order (RFC 4315 COPYUID). */
export interface CopyResult {
  readonly uidValidity: number;
  readonly mapping: readonly { readonly sourceUid: number; readonly targetUid: number }[];
}

export interface FolderStats {
  readonly messages: number;
  readonly unseen: number;
  readonly sizeBytes: number;
  readonly uidValidity: number;
  readonly uidNext: number;
  readonly highestModseq: number;
  /** Lowest UID without `\Seen`, or null. */
  readonly firstUnseenUid: number | null;
  /** Highest UID already claimed as `\Recent` by a session (`claimRecent`). */
  readonly recentUid: number;
  /** Messages above `recentUid`: recent for the next session that claims them (STATUS RECENT). */
  readonly recent: number;
}

/** The UIDs a session sees as `\Recent`: those above `afterUid` up to `throughUid` (none when equal). */
export interface RecentClaim {
  readonly afterUid: number;
  readonly throughUid: number;
}

/** Usage of the box quota; the security archive's messages are not counted (decision 0035). */
export interface QuotaUsage {
  readonly mailboxId: number;
  readonly usedBytes: number;
  readonly quotaBytes: number;
  readonly messages: number;
}

export interface MailboxStore {
  /** Throws StorageError `conflict` when the name exists, `not-found` for an unknown mailbox. */
  createFolder(mailboxId: number, folder: NewFolder): Promise<Folder>;
  getFolder(mailboxId: number, name: string): Promise<Folder | undefined>;
  getFolderById(folderId: number): Promise<Folder | undefined>;
  /** Ordered by name. */
  listFolders(mailboxId: number): Promise<Folder[]>;
  /**
   * Renames the folder and every folder below it, keeping UIDs and UIDVALIDITY. Throws `invalid`
   * for INBOX or a target inside the folder itself, `conflict` when a target name exists.
   */
  renameFolder(folderId: number, newName: string): Promise<Folder>;
  /** Removes the folder and its messages; folders below it stay. Throws `invalid` for INBOX. */
  deleteFolder(folderId: number): Promise<{ readonly removedMessages: number; readonly freedBytes: number }>;
  /**
   * Adds or removes `name` in the mailbox's subscription list. The list is the client's (RFC 3501
   * §6.3.6): names need not exist, and creating, renaming or deleting a folder does not change it
   * (as Dovecot).
   */
  setSubscription(mailboxId: number, name: string, subscribed: boolean): Promise<void>;
  /** The subscribed names, ordered. */
  listSubscriptions(mailboxId: number): Promise<string[]>;
  setSpecialUse(folderId: number, specialUse: SpecialUse | null): Promise<void>;

  /** Assigns the next UID and a new modseq atomically. Throws `not-found` for an unknown folder. */
  append(folderId: number, message: NewMessage): Promise<AppendResult>;
  getMessage(folderId: number, uid: number): Promise<StoredMessage | undefined>;
  listMessages(folderId: number, query?: MessageQuery): Promise<StoredMessage[]>;
  listMessageStates(folderId: number, query?: MessageQuery): Promise<MessageState[]>;
  /**
   * The flags of the messages `uids` selects (all when omitted) as runs of consecutive UIDs sharing
   * one flag list: a folder whose messages have the same flags is one run, whatever its size, so a
   * client's `FETCH 1:* (FLAGS)` reads no row per message. Flag lists are shared frozen arrays.
   */
  listFlagRuns(folderId: number, query?: Pick<MessageQuery, 'uids'>): Promise<FlagRuns>;
  /** `listMessages` without envelopes and structures (they are not read). */
  listMessageHeads(folderId: number, query?: MessageQuery): Promise<MessageHead[]>;
  /** A page of the folder by sent time, from an index: the webmail's default listing. */
  listMessagesBySentTime(folderId: number, page: SentTimePage): Promise<StoredMessage[]>;
  /** All changed messages share one new modseq. */
  setFlags(folderId: number, uids: readonly UidRange[], update: FlagUpdate): Promise<FlagUpdateResult>;
  /** Copies keep bytes (same blob), flags and metadata; each copy gets a new UID and modseq. */
  copy(fromFolderId: number, uids: readonly UidRange[], toFolderId: number): Promise<CopyResult>;
  /** Copy then expunge from the source, atomically (RFC 6851). */
  move(fromFolderId: number, uids: readonly UidRange[], toFolderId: number): Promise<CopyResult>;
  /** Removes messages flagged `\Deleted` (only within `uids` when given) and returns their UIDs ascending. */
  expunge(folderId: number, options?: { readonly uids?: readonly UidRange[] }): Promise<number[]>;
  /** UIDs expunged with a modseq greater than `modseq` (RFC 7162 QRESYNC VANISHED). */
  vanishedSince(folderId: number, modseq: number): Promise<number[]>;

  folderStats(folderId: number): Promise<FolderStats>;
  /**
   * Claims every message of the folder not yet claimed as `\Recent` (RFC 3501 §2.3.2), atomically, so
   * that exactly one session gets each message as recent. Throws `not-found` for an unknown folder.
   */
  claimRecent(folderId: number): Promise<RecentClaim>;
  quotaUsage(mailboxId: number): Promise<QuotaUsage>;
  /** Recounts the used bytes from the message rows, stores and returns them. */
  recomputeUsage(mailboxId: number): Promise<QuotaUsage>;
  /** Messages of the mailbox, in any folder, with this `pecReference` (a message and its receipts). */
  findByPecReference(mailboxId: number, pecReference: string): Promise<StoredMessage[]>;
  /** Whether any message row still points at the blob (for blob garbage collection). */
  isBlobReferenced(blobKey: string): Promise<boolean>;
}
