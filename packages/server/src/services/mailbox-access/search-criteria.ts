/**
 * A protocol-neutral search over a folder's messages (the keys of RFC 9051 §6.4.4 SEARCH, RFC 7162
 * MODSEQ and RFC 5032 OLDER/YOUNGER, without the IMAP grammar): IMAP maps its parsed criteria to
 * this tree in one place, the HTTP API builds it from its query. Text keys match case-insensitively
 * as substrings of decoded text (RFC 2047 words, transfer encodings and charsets undone).
 */

/** A calendar day, compared in the provider's zone for internal dates (RFC 9051 §6.4.4). */
export interface CalendarDay {
  readonly year: number;
  /** 1–12. */
  readonly month: number;
  readonly day: number;
}

/** Inclusive range of numbers (UIDs or sequence numbers). */
export interface NumberRange {
  readonly from: number;
  readonly to: number;
}

export type DateComparison = 'before' | 'on' | 'since';

export type AddressField = 'from' | 'to' | 'cc' | 'bcc';

export type SearchCriteria =
  /** Every message. */
  | { readonly kind: 'all' }
  | { readonly kind: 'and'; readonly criteria: readonly SearchCriteria[] }
  | { readonly kind: 'or'; readonly criteria: readonly SearchCriteria[] }
  | { readonly kind: 'not'; readonly criteria: SearchCriteria }
  /** The message carries the flag: a system flag (`\Seen`) or a keyword (`$Fattura`), any case. */
  | { readonly kind: 'flag'; readonly flag: string }
  /** Internal date (arrival) by calendar day in the provider's zone. */
  | { readonly kind: 'internal-date'; readonly comparison: DateComparison; readonly day: CalendarDay }
  /** `Date:` header by the calendar day it was written in; the internal date when it is missing. */
  | { readonly kind: 'sent-date'; readonly comparison: DateComparison; readonly day: CalendarDay }
  /** Save date (RFC 8514: stored in this folder) by calendar day in the provider's zone. */
  | { readonly kind: 'save-date'; readonly comparison: DateComparison; readonly day: CalendarDay }
  /** Arrived at most (`within`) or more than (`older`) this many seconds ago (RFC 5032). */
  | { readonly kind: 'age'; readonly comparison: 'within' | 'older'; readonly seconds: number }
  /** Size in octets strictly larger or smaller. */
  | { readonly kind: 'size'; readonly comparison: 'larger' | 'smaller'; readonly octets: number }
  /** Substring of the decoded addresses (`Name <local@domain>`) of the field. */
  | { readonly kind: 'address'; readonly field: AddressField; readonly value: string }
  | { readonly kind: 'subject'; readonly value: string }
  /** A top-level header field containing `value`; the empty value asks only that the field exists. */
  | { readonly kind: 'header'; readonly field: string; readonly value: string }
  /** The decoded text of the body parts, embedded messages (postacert.eml) included. */
  | { readonly kind: 'body'; readonly value: string }
  /** Header or body text. */
  | { readonly kind: 'text'; readonly value: string }
  | { readonly kind: 'uid'; readonly ranges: readonly NumberRange[] }
  /** Positions (1-based) in the searched view, as IMAP message sequence numbers. */
  | { readonly kind: 'sequence'; readonly ranges: readonly NumberRange[] }
  /** Modseq at least `modseq` (RFC 7162 §3.1.5). */
  | { readonly kind: 'modseq'; readonly modseq: number };
