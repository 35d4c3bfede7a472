/**
 * Evaluates a search criteria tree (search-criteria.ts) against one message. Three-valued: without
 * the message content, keys that need it (header, body, text) are unknown, so a caller reads blobs
 * only for messages the cheap keys leave undecided. Flags, sizes, dates and addresses come from
 * stored metadata; internal dates are compared by day in the provider's zone (RFC 9051 §6.4.4).
 */
import { decodeEncodedWords, italianOffsetMinutes } from '@pec/core';
import type { MessageEnvelope, MimeStructure } from '../../ports/mailbox-store.ts';
import { envelopeAddressText } from './envelope-address-text.ts';
import { foldSearchText } from './message-search-text.ts';
import type { CalendarDay, DateComparison, NumberRange, SearchCriteria } from './search-criteria.ts';
import type { SearchContent } from './search-content.ts';
import { sentDay } from './sent-day.ts';

/** What the criteria are evaluated on: the stored metadata and the message's place in the view. */
export interface SearchCandidate {
  /** 1-based position in the searched view (the IMAP message sequence number). */
  readonly sequence: number;
  readonly uid: number;
  readonly modseq: number;
  readonly flags: readonly string[];
  readonly internalDate: Date;
  /** RFC 8514 save date: when the message was stored in this folder. */
  readonly saveDate: Date;
  readonly size: number;
  readonly envelope: MessageEnvelope;
  readonly structure: MimeStructure;
}

/** Whether any key of the tree needs the message content (header, body, text). */
export function criteriaNeedContent(criteria: SearchCriteria): boolean {
  switch (criteria.kind) {
    case 'header':
    case 'body':
    case 'text':
      return true;
    case 'not':
      return criteriaNeedContent(criteria.criteria);
    case 'and':
    case 'or':
      return criteria.criteria.some(criteriaNeedContent);
    default:
      return false;
  }
}

function dayNumber(date: CalendarDay): number {
  return date.year * 10_000 + date.month * 100 + date.day;
}

function internalDay(message: SearchCandidate): number {
  return italianDay(message.internalDate);
}

function italianDay(instant: Date): number {
  const local = new Date(instant.getTime() + italianOffsetMinutes(instant) * 60_000);
  return local.getUTCFullYear() * 10_000 + (local.getUTCMonth() + 1) * 100 + local.getUTCDate();
}

function hasFlag(message: SearchCandidate, flag: string): boolean {
  const wanted = flag.toLowerCase();
  return message.flags.some((f) => f.toLowerCase() === wanted);
}

function contains(haystack: string, needle: string): boolean {
  return foldSearchText(haystack).includes(foldSearchText(needle));
}

function inRanges(ranges: readonly NumberRange[], value: number): boolean {
  return ranges.some((range) => value >= range.from && value <= range.to);
}

function compareDays(comparison: DateComparison, day: number, wanted: number): boolean {
  if (comparison === 'before') return day < wanted;
  if (comparison === 'on') return day === wanted;
  return day >= wanted;
}

/** True / false, or undefined when the answer needs `content` and none was given. */
export function evaluateSearchCriteria(
  criteria: SearchCriteria,
  message: SearchCandidate,
  now: Date,
  content?: SearchContent,
): boolean | undefined {
  switch (criteria.kind) {
    case 'all':
      return true;
    case 'flag':
      return hasFlag(message, criteria.flag);
    case 'address':
      return contains(envelopeAddressText(message.envelope[criteria.field]), criteria.value);
    case 'subject':
      return contains(decodeEncodedWords(message.envelope.subject ?? ''), criteria.value);
    case 'header': {
      if (content === undefined) return undefined;
      const values = content.headerValues(criteria.field);
      return criteria.value === ''
        ? values.length > 0
        : values.some((value) => contains(value, criteria.value));
    }
    case 'body':
    case 'text': {
      if (content === undefined) return undefined;
      const needle = foldSearchText(criteria.value);
      const { header, body } = content.folded;
      return body.includes(needle) || (criteria.kind === 'text' && header.includes(needle));
    }
    case 'internal-date':
      return compareDays(criteria.comparison, internalDay(message), dayNumber(criteria.day));
    case 'save-date':
      return compareDays(criteria.comparison, italianDay(message.saveDate), dayNumber(criteria.day));
    case 'sent-date': {
      const day = sentDay(message.envelope.date) ?? internalDay(message);
      return compareDays(criteria.comparison, day, dayNumber(criteria.day));
    }
    case 'age': {
      const age = now.getTime() - message.internalDate.getTime();
      const limit = criteria.seconds * 1000;
      return criteria.comparison === 'within' ? age <= limit : age > limit;
    }
    case 'size':
      return criteria.comparison === 'larger'
        ? message.size > criteria.octets
        : message.size < criteria.octets;
    case 'uid':
      return inRanges(criteria.ranges, message.uid);
    case 'sequence':
      return inRanges(criteria.ranges, message.sequence);
    case 'modseq':
      return message.modseq >= criteria.modseq;
    case 'not': {
      const inner = evaluateSearchCriteria(criteria.criteria, message, now, content);
      return inner === undefined ? undefined : !inner;
    }
    case 'or': {
      let unknown = false;
      for (const inner of criteria.criteria) {
        const result = evaluateSearchCriteria(inner, message, now, content);
        if (result === true) return true;
        if (result === undefined) unknown = true;
      }
      return unknown ? undefined : false;
    }
    case 'and': {
      let unknown = false;
      for (const inner of criteria.criteria) {
        const result = evaluateSearchCriteria(inner, message, now, content);
        if (result === false) return false;
        if (result === undefined) unknown = true;
      }
      return unknown ? undefined : true;
    }
  }
}
