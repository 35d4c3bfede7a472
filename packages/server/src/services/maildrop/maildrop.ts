/**
 * The POP3 view of a mailbox (RFC 1939 §3–§6): a snapshot of INBOX taken at login, numbered from 1,
 * with sizes and unique ids (`<uidValidity>.<uid>`, stable across sessions, RFC 1939 §7 UIDL).
 * Deletions are only marks until `commit` (the UPDATE state), which removes exactly the marked
 * messages by UID, so IMAP sessions working on the same INBOX meanwhile lose nothing else.
 */
import type { RefusalOf } from '../refusal/refusal.ts';

export interface MaildropMessage {
  /** Message number of this session, 1-based (RFC 1939 §5). */
  readonly number: number;
  readonly uid: number;
  /** Exact size in octets of the stored message. */
  readonly size: number;
  /** Unique-id listing: printable ASCII 0x21–0x7E, at most 70 characters (RFC 1939 §7). */
  readonly uniqueId: string;
}

export interface MaildropCommit {
  /** UIDs removed from INBOX, ascending (those already gone are left out). */
  readonly removed: readonly number[];
  /** Messages of the snapshot not marked deleted. */
  readonly remaining: number;
}

export interface Maildrop {
  readonly mailboxId: number;
  /** Every message of the snapshot, marked deleted or not, in number order. */
  readonly messages: readonly MaildropMessage[];
  /** Count and total size of the messages not marked deleted (STAT). */
  stat(): { readonly count: number; readonly octets: number };
  /** The message numbered `number`, unless out of range or marked deleted. */
  message(number: number): MaildropMessage | undefined;
  /** The messages not marked deleted, in number order (LIST, UIDL). */
  visible(): readonly MaildropMessage[];
  /** The raw message, byte-exact; undefined when there is no such message. Remembers it as read. */
  read(number: number): Promise<Buffer | undefined>;
  /** The header, the blank line and the first `lines` body lines, byte-exact (TOP). */
  top(number: number, lines: number): Promise<Buffer | undefined>;
  /** False when there is no such message (out of range or already marked). */
  markDeleted(number: number): boolean;
  /** Clears every deletion mark (RSET). */
  reset(): void;
  /**
   * The UPDATE state: removes the marked messages, adds `\Seen` to those read in full, publishes the
   * changes and releases the lock, even when removal fails (then it rejects).
   */
  commit(): Promise<MaildropCommit>;
  /** Releases the lock without changing anything (connection lost, timeout); idempotent. */
  release(): void;
}

export type MaildropOpenResult =
  | { readonly ok: true; readonly maildrop: Maildrop }
  /** Another POP3 session holds this mailbox (RFC 1939 §8 exclusive lock). */
  | { readonly ok: false; readonly refusal: RefusalOf<'mailbox-in-use'> };

export interface MaildropService {
  open(mailboxId: number): Promise<MaildropOpenResult>;
}
