/**
 * Evaluates a SEARCH criteria tree (RFC 9051 §6.4.4, RFC 3501 §6.4.4; MODSEQ RFC 7162 §3.1.5;
 * OLDER/YOUNGER RFC 5032) against one message. Three-valued: without the message content, keys
 * that need it (HEADER, BODY, TEXT) are unknown, so a caller reads blobs only for messages the
 * cheap keys leave undecided. Flags, sizes, dates and addresses come from stored metadata.
 */
import { decodeEncodedWords } from '@pec/core';
import type { EnvelopeAddress, MessageEnvelope, MimeStructure } from '../../../ports/mailbox-store.ts';
import {
  decodedHeaderFields,
  foldSearchText,
  messageSearchText,
  type MessageSearchText,
} from '../../../services/mailbox-access/message-search-text.ts';
import { sequenceSetContains, type ImapDate, type SearchKey, type SequenceSet } from '../grammar/index.ts';
import { sentDay } from './sent-day.ts';

export interface SearchMessage {
  readonly sequence: number;
  readonly uid: number;
  readonly modseq: number;
  readonly flags: readonly string[];
  readonly internalDate: Date;
  readonly size: number;
  readonly envelope: MessageEnvelope;
  readonly structure: MimeStructure;
  /** The session sees the message as \Recent. */
  readonly recent: boolean;
}

export interface SearchContext {
  /** Messages in the mailbox (`*` of a sequence set). */
  readonly messageCount: number;
  /** Largest UID in the mailbox (`*` of a UID set). */
  readonly maxUid: number;
  /** UIDs of the saved search result (`$`, RFC 5182). */
  readonly savedUids: readonly number[];
  readonly now: Date;
  /** Minutes east of UTC of the zone internal dates are compared in (BEFORE / ON / SINCE). */
  readonly zoneOffsetMinutes: (instant: Date) => number;
}

/** The raw bytes of a message, given once its content is needed. */
export class SearchContent {
  readonly raw: Uint8Array;
  readonly #structure: MimeStructure;
  #text: MessageSearchText | null = null;
  #folded: { header: string; body: string } | null = null;

  constructor(raw: Uint8Array, structure: MimeStructure) {
    this.raw = raw;
    this.#structure = structure;
  }

  get folded(): { header: string; body: string } {
    if (this.#folded === null) {
      this.#text ??= messageSearchText(this.raw, this.#structure);
      this.#folded = { header: foldSearchText(this.#text.header), body: foldSearchText(this.#text.body) };
    }
    return this.#folded;
  }

  /** Decoded values of the top-level header fields called `name`. */
  headerValues(name: string): string[] {
    const wanted = name.toLowerCase();
    return decodedHeaderFields(this.raw, this.#structure.offsets.header, this.#structure.offsets.body)
      .filter((field) => field.name.toLowerCase() === wanted)
      .map((field) => field.value);
  }
}

/** Whether any key of the tree needs the message content (HEADER, BODY, TEXT). */
export function searchNeedsContent(key: SearchKey): boolean {
  switch (key.kind) {
    case 'header':
    case 'body':
    case 'text':
      return true;
    case 'not':
      return searchNeedsContent(key.key);
    case 'or':
      return searchNeedsContent(key.left) || searchNeedsContent(key.right);
    case 'and':
      return key.keys.some(searchNeedsContent);
    default:
      return false;
  }
}

function dayNumber(date: ImapDate): number {
  return date.year * 10_000 + date.month * 100 + date.day;
}

function internalDay(message: SearchMessage, context: SearchContext): number {
  const local = new Date(
    message.internalDate.getTime() + context.zoneOffsetMinutes(message.internalDate) * 60_000,
  );
  return local.getUTCFullYear() * 10_000 + (local.getUTCMonth() + 1) * 100 + local.getUTCDate();
}

function hasFlag(message: SearchMessage, flag: string): boolean {
  const wanted = flag.toLowerCase();
  return message.flags.some((f) => f.toLowerCase() === wanted);
}

function addressText(list: readonly EnvelopeAddress[]): string {
  return list
    .map((a) => (a.name === null ? a.address : `${decodeEncodedWords(a.name)} <${a.address}>`))
    .join(', ');
}

function contains(haystack: string, needle: string): boolean {
  return foldSearchText(haystack).includes(foldSearchText(needle));
}

function inSet(set: SequenceSet, value: number, max: number, saved: readonly number[], uid: number): boolean {
  if (set.kind === 'saved') return saved.includes(uid);
  return sequenceSetContains(set, value, max);
}

function compareDays(kind: 'before' | 'on' | 'since', day: number, wanted: number): boolean {
  if (kind === 'before') return day < wanted;
  if (kind === 'on') return day === wanted;
  return day >= wanted;
}

/** True / false, or undefined when the answer needs `content` and none was given. */
export function evaluateSearch(
  key: SearchKey,
  message: SearchMessage,
  context: SearchContext,
  content?: SearchContent,
): boolean | undefined {
  const seen = () => hasFlag(message, '\\Seen');
  switch (key.kind) {
    case 'all':
      return true;
    case 'answered':
    case 'deleted':
    case 'draft':
    case 'flagged':
    case 'seen':
      return hasFlag(message, `\\${key.kind.charAt(0).toUpperCase()}${key.kind.slice(1)}`);
    case 'unanswered':
    case 'undeleted':
    case 'undraft':
    case 'unflagged':
    case 'unseen':
      return !hasFlag(message, `\\${key.kind.charAt(2).toUpperCase()}${key.kind.slice(3)}`);
    case 'new':
      return message.recent && !seen();
    case 'old':
      return !message.recent;
    case 'recent':
      return message.recent;
    case 'keyword':
      return hasFlag(message, key.flag);
    case 'unkeyword':
      return !hasFlag(message, key.flag);
    case 'from':
    case 'to':
    case 'cc':
    case 'bcc':
      return contains(addressText(message.envelope[key.kind]), key.value);
    case 'subject':
      return contains(decodeEncodedWords(message.envelope.subject ?? ''), key.value);
    case 'header': {
      if (content === undefined) return undefined;
      const values = content.headerValues(key.field);
      return key.value === '' ? values.length > 0 : values.some((value) => contains(value, key.value));
    }
    case 'body':
    case 'text': {
      if (content === undefined) return undefined;
      const needle = foldSearchText(key.value);
      const { header, body } = content.folded;
      return body.includes(needle) || (key.kind === 'text' && header.includes(needle));
    }
    case 'before':
    case 'on':
    case 'since':
      return compareDays(key.kind, internalDay(message, context), dayNumber(key.date));
    case 'sentBefore':
    case 'sentOn':
    case 'sentSince': {
      const kind = key.kind === 'sentBefore' ? 'before' : key.kind === 'sentOn' ? 'on' : 'since';
      const day = sentDay(message.envelope.date) ?? internalDay(message, context);
      return compareDays(kind, day, dayNumber(key.date));
    }
    case 'larger':
      return message.size > key.size;
    case 'smaller':
      return message.size < key.size;
    case 'uid':
      return inSet(key.set, message.uid, context.maxUid, context.savedUids, message.uid);
    case 'sequence':
      return inSet(key.set, message.sequence, context.messageCount, context.savedUids, message.uid);
    case 'younger':
      return context.now.getTime() - message.internalDate.getTime() <= key.seconds * 1000;
    case 'older':
      return context.now.getTime() - message.internalDate.getTime() > key.seconds * 1000;
    case 'modseq':
      return message.modseq >= key.modseq;
    case 'not': {
      const inner = evaluateSearch(key.key, message, context, content);
      return inner === undefined ? undefined : !inner;
    }
    case 'or': {
      const left = evaluateSearch(key.left, message, context, content);
      if (left === true) return true;
      const right = evaluateSearch(key.right, message, context, content);
      if (right === true) return true;
      return left === undefined || right === undefined ? undefined : false;
    }
    case 'and': {
      let unknown = false;
      for (const inner of key.keys) {
        const result = evaluateSearch(inner, message, context, content);
        if (result === false) return false;
        if (result === undefined) unknown = true;
      }
      return unknown ? undefined : true;
    }
  }
}
