/**
 * The SEARCH criteria AST (RFC 9051 §6.4.4, RFC 3501 §6.4.4; MODSEQ from CONDSTORE RFC 7162 §3.1.5;
 * OLDER/YOUNGER from WITHIN RFC 5032). Parsed by `commands/parse-search-key.ts`, evaluated later by a
 * search service. A list of keys means AND; `not`/`or` nest arbitrarily.
 */

import type { ImapDate } from './imap-date.ts';
import type { SequenceSet } from './sequence-set.ts';

/** Keys that test one system flag or message state and take no argument. */
export type SearchFlagKeyKind =
  | 'all'
  | 'answered'
  | 'deleted'
  | 'draft'
  | 'flagged'
  | 'new'
  | 'old'
  | 'recent'
  /** RFC 8514 §4: the folder keeps save dates (ours always do). */
  | 'saveDateSupported'
  | 'seen'
  | 'unanswered'
  | 'undeleted'
  | 'undraft'
  | 'unflagged'
  | 'unseen';

/** Keys that match a substring (case-insensitive) of a header or of the text. */
export type SearchTextKeyKind = 'bcc' | 'body' | 'cc' | 'from' | 'subject' | 'text' | 'to';

/**
 * Date keys: internal date (before/on/since), the Date: header (sent*) or the save date (saved*,
 * RFC 8514 §4), compared by calendar day.
 */
export type SearchDateKeyKind =
  | 'before'
  | 'on'
  | 'since'
  | 'sentBefore'
  | 'sentOn'
  | 'sentSince'
  | 'savedBefore'
  | 'savedOn'
  | 'savedSince';

export type SearchKey =
  | { readonly kind: SearchFlagKeyKind }
  | { readonly kind: SearchTextKeyKind; readonly value: string }
  | { readonly kind: SearchDateKeyKind; readonly date: ImapDate }
  | { readonly kind: 'keyword' | 'unkeyword'; readonly flag: string }
  | { readonly kind: 'header'; readonly field: string; readonly value: string }
  | { readonly kind: 'larger' | 'smaller'; readonly size: number }
  /** `UID set`. */
  | { readonly kind: 'uid'; readonly set: SequenceSet }
  /** A bare message sequence set. */
  | { readonly kind: 'sequence'; readonly set: SequenceSet }
  /** RFC 5032: internal date within the last / before the last `seconds`. */
  | { readonly kind: 'younger' | 'older'; readonly seconds: number }
  | {
      readonly kind: 'modseq';
      readonly modseq: number;
      /** The optional per-flag entry (`"/flags/\\draft" all`); servers may ignore it. */
      readonly entry: { readonly name: string; readonly type: 'priv' | 'shared' | 'all' } | null;
    }
  /** RFC 8474 §6: `EMAILID id` / `THREADID id`. */
  | { readonly kind: 'emailid' | 'threadid'; readonly id: string }
  | { readonly kind: 'not'; readonly key: SearchKey }
  | { readonly kind: 'or'; readonly left: SearchKey; readonly right: SearchKey }
  /** A parenthesised group, or the implicit AND of the top-level keys. */
  | { readonly kind: 'and'; readonly keys: readonly SearchKey[] };

/** Whether any key in the tree needs MODSEQ data (a SEARCH with MODSEQ enables CONDSTORE, RFC 7162 §3.1). */
/** Whether any key in the tree is EMAILID (its ids must be looked up before searching). */
export function searchKeyUsesEmailId(key: SearchKey): boolean {
  switch (key.kind) {
    case 'emailid':
      return true;
    case 'not':
      return searchKeyUsesEmailId(key.key);
    case 'or':
      return searchKeyUsesEmailId(key.left) || searchKeyUsesEmailId(key.right);
    case 'and':
      return key.keys.some(searchKeyUsesEmailId);
    default:
      return false;
  }
}

export function searchKeyUsesModseq(key: SearchKey): boolean {
  switch (key.kind) {
    case 'modseq':
      return true;
    case 'not':
      return searchKeyUsesModseq(key.key);
    case 'or':
      return searchKeyUsesModseq(key.left) || searchKeyUsesModseq(key.right);
    case 'and':
      return key.keys.some(searchKeyUsesModseq);
    default:
      return false;
  }
}
