/**
 * Server-side ordering of messages (RFC 5256 §3 SORT, RFC 5957 DISPLAYFROM/DISPLAYTO) from stored
 * metadata only: arrival (internal date), sent date (Date: header, else internal date, RFC 5256
 * §2.2), size, first From / To / Cc mailbox, display names and the base subject. Equal messages
 * keep mailbox order, whatever REVERSE says (RFC 5256 §3). Shared by IMAP SORT and the webmail.
 */
import { decodeEncodedWords, sentTime } from '@pec/core';
import type { EnvelopeAddress, MessageEnvelope } from '../../ports/mailbox-store.ts';
import { baseSubject, subjectCollationKey } from './base-subject.ts';

export type SortKeyName =
  'ARRIVAL' | 'CC' | 'DATE' | 'FROM' | 'SIZE' | 'SUBJECT' | 'TO' | 'DISPLAYFROM' | 'DISPLAYTO';

export interface SortCriterion {
  readonly key: SortKeyName;
  readonly reverse: boolean;
}

/** What sorting needs of one message. */
export interface SortInput {
  /** The number to report (sequence number or UID). */
  readonly id: number;
  /** Mailbox order, the final tie-break (the sequence number). */
  readonly order: number;
  readonly internalDate: Date;
  readonly size: number;
  readonly envelope: MessageEnvelope;
}

/** RFC 5256 §2.2 sent date in milliseconds: the Date: header, else the internal date. */
export function sentDate(envelope: MessageEnvelope, internalDate: Date): number {
  return sentTime(envelope.date, internalDate);
}

/**
 * RFC 5256 `addr-mailbox` of the first ENVELOPE address: the local part, or the group name when the
 * list starts with a group (its start marker has no `@`), as Dovecot sorts.
 */
function firstMailbox(list: readonly EnvelopeAddress[]): string {
  const address = list[0]?.address ?? '';
  const at = address.lastIndexOf('@');
  return subjectCollationKey(at < 0 ? address : address.slice(0, at));
}

/** RFC 5957 §3: the decoded display name of the first address, else its address (or group name). */
function firstDisplay(list: readonly EnvelopeAddress[]): string {
  const address = list[0];
  if (address === undefined) return '';
  const name = address.name === null ? '' : decodeEncodedWords(address.name).trim();
  return subjectCollationKey(name === '' ? address.address : name);
}

function keyValue(input: SortInput, key: SortKeyName): string | number {
  switch (key) {
    case 'ARRIVAL':
      return input.internalDate.getTime();
    case 'DATE':
      return sentDate(input.envelope, input.internalDate);
    case 'SIZE':
      return input.size;
    case 'CC':
      return firstMailbox(input.envelope.cc);
    case 'FROM':
      return firstMailbox(input.envelope.from);
    case 'TO':
      return firstMailbox(input.envelope.to);
    case 'DISPLAYFROM':
      return firstDisplay(input.envelope.from);
    case 'DISPLAYTO':
      return firstDisplay(input.envelope.to);
    case 'SUBJECT':
      return subjectCollationKey(baseSubject(input.envelope.subject).text);
  }
}

/** The values `criteria` compare for `input`: milliseconds and octets as numbers, collation keys as strings. */
export function sortKeyValues(input: SortInput, criteria: readonly SortCriterion[]): (string | number)[] {
  return criteria.map((criterion) => keyValue(input, criterion.key));
}

function compareValues(a: string | number, b: string | number): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  const x = String(a);
  const y = String(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

/** Compares two messages' `sortKeyValues` under `criteria` (REVERSE applied); 0 when they tie. */
export function compareSortValues(
  a: readonly (string | number)[],
  b: readonly (string | number)[],
  criteria: readonly SortCriterion[],
): number {
  for (let i = 0; i < criteria.length; i++) {
    const result = compareValues(a[i] ?? 0, b[i] ?? 0);
    if (result !== 0) return criteria[i]?.reverse === true ? -result : result;
  }
  return 0;
}

/** The ids of `messages` in the order the criteria ask for. */
export function sortMessages(messages: readonly SortInput[], criteria: readonly SortCriterion[]): number[] {
  const rows = messages.map((message) => ({ message, values: sortKeyValues(message, criteria) }));
  rows.sort((a, b) => compareSortValues(a.values, b.values, criteria) || a.message.order - b.message.order);
  return rows.map((row) => row.message.id);
}
