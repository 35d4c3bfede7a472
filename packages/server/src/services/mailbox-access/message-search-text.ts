/**
 * Searchable text of a stored message (RFC 9051 §6.4.4 BODY / TEXT / HEADER): header fields with
 * encoded words decoded (RFC 2047), and the body text of every text part, XML part (a PEC
 * daticert.xml) and embedded message (a PEC postacert.eml, headers included) with transfer encodings
 * and charsets undone. Binary attachments are skipped. Texts are folded for case-insensitive
 * substring matching with `foldSearchText`. Shared by IMAP SEARCH and the webmail.
 */
import { decodeCharset, decodeEncodedWords, decodeTransferEncoding, parseHeaderBlock } from '@pec/core';
import type { MimeStructure } from '../../ports/mailbox-store.ts';

/** Case- and width-insensitive form with white space runs collapsed to one space. */
export function foldSearchText(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ');
}

/** Header fields of the block between `start` and `end`, values with encoded words decoded. */
export function decodedHeaderFields(
  raw: Uint8Array,
  start: number,
  end: number,
): { readonly name: string; readonly value: string }[] {
  return parseHeaderBlock(raw, start, end).fields.map((field) => ({
    name: field.name,
    value: decodeEncodedWords(field.value),
  }));
}

function headerText(raw: Uint8Array, structure: MimeStructure): string {
  return decodedHeaderFields(raw, structure.offsets.header, structure.offsets.body)
    .map((field) => `${field.name}: ${field.value}`)
    .join('\n');
}

function isSearchableLeaf(part: MimeStructure): boolean {
  if (part.type === 'text') return true;
  return part.subtype === 'xml' || part.subtype.endsWith('+xml');
}

const maxDepth = 32;

function collectBody(raw: Uint8Array, part: MimeStructure, out: string[], depth: number): void {
  if (depth > maxDepth) return;
  if (part.type === 'multipart') {
    for (const child of part.parts) collectBody(raw, child, out, depth + 1);
    return;
  }
  if (part.message !== null) {
    out.push(headerText(raw, part.message.structure));
    collectBody(raw, part.message.structure, out, depth + 1);
    return;
  }
  if (!isSearchableLeaf(part)) return;
  const body = raw.subarray(part.offsets.body, part.offsets.end);
  const decoded = decodeTransferEncoding(body, part.encoding ?? '7bit');
  out.push(decodeCharset(decoded, part.params['charset']));
}

export interface MessageSearchText {
  /** Decoded header fields of the message, one `Name: value` per line. */
  readonly header: string;
  /** Decoded text of the body parts, embedded messages included: `bodyParts` joined by line feeds. */
  readonly body: string;
  /** The body's parts in order (each text part, each embedded message's header text). */
  readonly bodyParts: readonly string[];
}

/** The header and body text of `raw` (described by `structure`), not yet folded. */
export function messageSearchText(raw: Uint8Array, structure: MimeStructure): MessageSearchText {
  const body: string[] = [];
  collectBody(raw, structure, body, 0);
  return { header: headerText(raw, structure), body: body.join('\n'), bodyParts: body };
}
