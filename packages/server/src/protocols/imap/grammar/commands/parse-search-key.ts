/**
 * Search criteria (RFC 9051 §6.4.4 / RFC 3501 §6.4.4 `search-key`, RFC 7162 §3.1.5 MODSEQ, RFC 5032
 * OLDER/YOUNGER, RFC 8514 SAVED*) into the `SearchKey` AST, shared by SEARCH, SORT and THREAD. Nesting is bounded so
 * hostile input cannot exhaust the stack.
 */

import { ArgCursor } from '../arg-cursor.ts';
import { parseImapDate } from '../imap-date.ts';
import { ImapParseError } from '../imap-parse-error.ts';
import { parseSequenceSet } from '../sequence-set.ts';
import type { SearchDateKeyKind, SearchFlagKeyKind, SearchKey, SearchTextKeyKind } from '../search-key.ts';

const MAX_DEPTH = 64;

const flagKeys: Readonly<Record<string, SearchFlagKeyKind>> = {
  ALL: 'all',
  ANSWERED: 'answered',
  DELETED: 'deleted',
  DRAFT: 'draft',
  FLAGGED: 'flagged',
  NEW: 'new',
  OLD: 'old',
  RECENT: 'recent',
  SAVEDATESUPPORTED: 'saveDateSupported',
  SEEN: 'seen',
  UNANSWERED: 'unanswered',
  UNDELETED: 'undeleted',
  UNDRAFT: 'undraft',
  UNFLAGGED: 'unflagged',
  UNSEEN: 'unseen',
};

const textKeys: Readonly<Record<string, SearchTextKeyKind>> = {
  BCC: 'bcc',
  BODY: 'body',
  CC: 'cc',
  FROM: 'from',
  SUBJECT: 'subject',
  TEXT: 'text',
  TO: 'to',
};

const dateKeys: Readonly<Record<string, SearchDateKeyKind>> = {
  BEFORE: 'before',
  ON: 'on',
  SINCE: 'since',
  SENTBEFORE: 'sentBefore',
  SENTON: 'sentOn',
  SENTSINCE: 'sentSince',
  SAVEDBEFORE: 'savedBefore',
  SAVEDON: 'savedOn',
  SAVEDSINCE: 'savedSince',
};

function readModseq(cursor: ArgCursor): SearchKey {
  let entry: { readonly name: string; readonly type: 'priv' | 'shared' | 'all' } | null = null;
  if (cursor.peek()?.kind === 'quoted') {
    const name = cursor.string('MODSEQ entry name');
    const type = cursor.atom('MODSEQ entry type').toLowerCase();
    if (type !== 'priv' && type !== 'shared' && type !== 'all')
      throw new ImapParseError('invalid MODSEQ entry type');
    entry = { name, type };
  }
  return { kind: 'modseq', modseq: cursor.number64('MODSEQ value'), entry };
}

/** Reads one search key at the cursor. */
export function readSearchKey(cursor: ArgCursor, depth = 0): SearchKey {
  if (depth > MAX_DEPTH) throw new ImapParseError('search criteria nested too deeply');
  const value = cursor.next('search key');
  if (value.kind === 'list') {
    const inner = new ArgCursor(value.items);
    const keys = readSearchKeys(inner, depth + 1);
    return keys.length === 1 && keys[0] !== undefined ? keys[0] : { kind: 'and', keys };
  }
  if (value.kind !== 'atom') throw new ImapParseError('search key: expected a keyword');
  const word = value.value.toUpperCase();
  const flagKind = flagKeys[word];
  if (flagKind !== undefined) return { kind: flagKind };
  const textKind = textKeys[word];
  if (textKind !== undefined) return { kind: textKind, value: cursor.astring(`${word} value`) };
  const dateKind = dateKeys[word];
  if (dateKind !== undefined) {
    const date = parseImapDate(cursor.astring(`${word} date`));
    if (date === null) throw new ImapParseError(`${word}: invalid date`);
    return { kind: dateKind, date };
  }
  switch (word) {
    case 'KEYWORD':
    case 'UNKEYWORD':
      return { kind: word === 'KEYWORD' ? 'keyword' : 'unkeyword', flag: cursor.flag(`${word} flag`) };
    case 'HEADER': {
      const field = cursor.astring('HEADER field name');
      return { kind: 'header', field, value: cursor.astring('HEADER value') };
    }
    case 'LARGER':
    case 'SMALLER':
      return { kind: word === 'LARGER' ? 'larger' : 'smaller', size: cursor.number64(`${word} size`) };
    case 'UID':
      return { kind: 'uid', set: cursor.sequenceSet('UID set') };
    case 'EMAILID':
    case 'THREADID': {
      const id = cursor.astring(`${word} object id`);
      if (!/^[A-Za-z0-9_-]{1,255}$/.test(id)) throw new ImapParseError(`invalid ${word} object id`);
      return { kind: word === 'EMAILID' ? 'emailid' : 'threadid', id };
    }
    case 'YOUNGER':
    case 'OLDER':
      return { kind: word === 'YOUNGER' ? 'younger' : 'older', seconds: cursor.nzNumber(`${word} interval`) };
    case 'MODSEQ':
      return readModseq(cursor);
    case 'NOT':
      return { kind: 'not', key: readSearchKey(cursor, depth + 1) };
    case 'OR': {
      const left = readSearchKey(cursor, depth + 1);
      return { kind: 'or', left, right: readSearchKey(cursor, depth + 1) };
    }
  }
  const set = parseSequenceSet(value.value);
  if (set !== null) return { kind: 'sequence', set };
  throw new ImapParseError(`unknown search key ${value.value.slice(0, 40)}`);
}

/** Reads keys until the cursor is exhausted (at least one). */
export function readSearchKeys(cursor: ArgCursor, depth = 0): SearchKey[] {
  const keys: SearchKey[] = [];
  while (!cursor.done) keys.push(readSearchKey(cursor, depth));
  if (keys.length === 0) throw new ImapParseError('missing search criteria');
  return keys;
}

/** The criteria as one key: a single key as is, several as their AND. */
export function combineSearchKeys(keys: readonly SearchKey[]): SearchKey {
  return keys.length === 1 && keys[0] !== undefined ? keys[0] : { kind: 'and', keys };
}
