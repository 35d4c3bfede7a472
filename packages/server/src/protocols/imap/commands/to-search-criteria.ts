/**
 * The one place where IMAP SEARCH criteria (the grammar's `SearchKey`, RFC 9051 §6.4.4) become the
 * mailbox-access service's protocol-neutral `SearchCriteria`: flag keys become flag tests, `*` and
 * `$` (RFC 5182) are resolved against the session's view, OLDER/YOUNGER (RFC 5032) become ages.
 * RECENT, NEW and OLD use the session's `\Recent` messages (RFC 3501 §6.4.4; none under IMAP4rev2).
 */
import type { SearchCriteria, NumberRange } from '../../../services/mailbox-access/search-criteria.ts';
import type { SearchKey, SequenceSet } from '../grammar/index.ts';

/** What `*` and `$` mean in the session. */
export interface SearchView {
  /** Messages in the view (`*` of a sequence set). */
  readonly messageCount: number;
  /** Largest UID in the view (`*` of a UID set). */
  readonly maxUid: number;
  /** UIDs of the saved search result (`$`, RFC 5182). */
  readonly savedUids: readonly number[];
  /** UIDs that are `\Recent` in this session (RFC 3501 §2.3.2); empty for IMAP4rev2. */
  readonly recentUids?: readonly number[];
  /** EMAILID (RFC 8474) → the UIDs of the view with that id; needed when the key uses EMAILID. */
  readonly emailUids?: ReadonlyMap<string, readonly number[]>;
}

const all: SearchCriteria = { kind: 'all' };
const none: SearchCriteria = { kind: 'not', criteria: all };

function flag(name: string, present: boolean): SearchCriteria {
  const test: SearchCriteria = { kind: 'flag', flag: name };
  return present ? test : { kind: 'not', criteria: test };
}

/** `*` is the largest number in use; ranges may be written in either order (RFC 9051 §9). */
function toRanges(set: Extract<SequenceSet, { kind: 'ranges' }>, max: number): NumberRange[] {
  return set.ranges.map((range) => {
    const a = range.start === '*' ? max : range.start;
    const b = range.end === '*' ? max : range.end;
    return { from: Math.min(a, b), to: Math.max(a, b) };
  });
}

function uidList(uids: readonly number[]): SearchCriteria {
  return uids.length === 0 ? none : { kind: 'uid', ranges: uids.map((uid) => ({ from: uid, to: uid })) };
}

function recent(view: SearchView): SearchCriteria {
  return uidList(view.recentUids ?? []);
}

/** `$` names the saved messages by UID, whether used as a UID set or a sequence set (RFC 5182 §2.1). */
function savedRanges(view: SearchView): SearchCriteria {
  return { kind: 'uid', ranges: view.savedUids.map((uid) => ({ from: uid, to: uid })) };
}

export function toSearchCriteria(key: SearchKey, view: SearchView): SearchCriteria {
  switch (key.kind) {
    case 'all':
    case 'saveDateSupported':
      // RFC 8514 §4: every folder of ours keeps save dates, so SAVEDATESUPPORTED matches all.
      return all;
    case 'recent':
      return recent(view);
    case 'new':
      return { kind: 'and', criteria: [recent(view), flag('\\Seen', false)] };
    case 'old':
      return { kind: 'not', criteria: recent(view) };
    case 'answered':
    case 'deleted':
    case 'draft':
    case 'flagged':
    case 'seen':
      return flag(`\\${key.kind.charAt(0).toUpperCase()}${key.kind.slice(1)}`, true);
    case 'unanswered':
    case 'undeleted':
    case 'undraft':
    case 'unflagged':
    case 'unseen':
      return flag(`\\${key.kind.charAt(2).toUpperCase()}${key.kind.slice(3)}`, false);
    case 'keyword':
      return flag(key.flag, true);
    case 'unkeyword':
      return flag(key.flag, false);
    case 'from':
    case 'to':
    case 'cc':
    case 'bcc':
      return { kind: 'address', field: key.kind, value: key.value };
    case 'subject':
    case 'body':
    case 'text':
      return { kind: key.kind, value: key.value };
    case 'header':
      return { kind: 'header', field: key.field, value: key.value };
    case 'before':
    case 'on':
    case 'since':
      return { kind: 'internal-date', comparison: key.kind, day: key.date };
    case 'sentBefore':
      return { kind: 'sent-date', comparison: 'before', day: key.date };
    case 'sentOn':
      return { kind: 'sent-date', comparison: 'on', day: key.date };
    case 'sentSince':
      return { kind: 'sent-date', comparison: 'since', day: key.date };
    case 'savedBefore':
      return { kind: 'save-date', comparison: 'before', day: key.date };
    case 'savedOn':
      return { kind: 'save-date', comparison: 'on', day: key.date };
    case 'savedSince':
      return { kind: 'save-date', comparison: 'since', day: key.date };
    case 'larger':
    case 'smaller':
      return { kind: 'size', comparison: key.kind, octets: key.size };
    case 'uid':
      return key.set.kind === 'saved'
        ? savedRanges(view)
        : { kind: 'uid', ranges: toRanges(key.set, view.maxUid) };
    case 'sequence':
      return key.set.kind === 'saved'
        ? savedRanges(view)
        : { kind: 'sequence', ranges: toRanges(key.set, view.messageCount) };
    case 'emailid':
      return uidList(view.emailUids?.get(key.id) ?? []);
    case 'threadid':
      // No message has a THREADID (they are NIL, RFC 8474 §5.2): nothing matches.
      return none;
    case 'younger':
      return { kind: 'age', comparison: 'within', seconds: key.seconds };
    case 'older':
      return { kind: 'age', comparison: 'older', seconds: key.seconds };
    case 'modseq':
      return { kind: 'modseq', modseq: key.modseq };
    case 'not':
      return { kind: 'not', criteria: toSearchCriteria(key.key, view) };
    case 'or':
      return { kind: 'or', criteria: [toSearchCriteria(key.left, view), toSearchCriteria(key.right, view)] };
    case 'and':
      return { kind: 'and', criteria: key.keys.map((inner) => toSearchCriteria(inner, view)) };
  }
}
