/**
 * APPEND (RFC 9051 §6.3.12) with MULTIAPPEND (RFC 3502: several messages in one command), BINARY's
 * literal8 (RFC 3516 §4.4) and UTF8=ACCEPT's `UTF8 (~{n})` form (RFC 6855 §4). Message bytes are the
 * literal's bytes, untouched. CATENATE (RFC 4469 §5): `CATENATE (TEXT literal / URL url ...)`, the
 * parts kept in order for the command to assemble.
 */

import { ArgCursor } from '../arg-cursor.ts';
import { parseImapDateTime, type ImapDateTime } from '../imap-date.ts';
import { ImapParseError } from '../imap-parse-error.ts';
import type { ImapLiteral, ImapValue } from '../imap-value.ts';
import type { MailboxNameOptions } from '../mailbox-name.ts';

/** One part of a CATENATE message (RFC 4469 §5): literal bytes, or an IMAP URL to resolve. */
export type CatenatePart =
  { readonly kind: 'text'; readonly bytes: Uint8Array } | { readonly kind: 'url'; readonly url: string };

export interface AppendMessage {
  readonly flags: readonly string[];
  /** The INTERNALDATE asked for; null means "now". */
  readonly internalDate: ImapDateTime | null;
  readonly content: Uint8Array;
  /** True when sent as literal8 `~{n}` (may contain NUL, RFC 3516). */
  readonly binary: boolean;
  /** True for the RFC 6855 `UTF8 (...)` form. */
  readonly utf8: boolean;
  /** RFC 4469 CATENATE parts (then `content` is empty); null for a plain literal. */
  readonly catenate: readonly CatenatePart[] | null;
}

export interface AppendCommand {
  readonly name: 'APPEND';
  readonly mailbox: string;
  /** One message, or several with MULTIAPPEND. */
  readonly messages: readonly AppendMessage[];
}

function readLiteral(cursor: ArgCursor, what: string): ImapLiteral {
  const value = cursor.next(what);
  if (value.kind !== 'literal') throw new ImapParseError(`${what}: expected a literal`);
  return value;
}

function readMessage(cursor: ArgCursor): AppendMessage {
  let flags: string[] = [];
  let internalDate: ImapDateTime | null = null;
  if (cursor.peek()?.kind === 'list') flags = cursor.flagList('flag list');
  if (cursor.peek()?.kind === 'quoted') {
    internalDate = parseImapDateTime(cursor.string('date-time'));
    if (internalDate === null) throw new ImapParseError('invalid date-time');
  }
  if (cursor.acceptKeyword('CATENATE')) {
    const inner = cursor.list('CATENATE parts');
    const parts: CatenatePart[] = [];
    while (!inner.done) {
      const word = inner.atom('CATENATE part').toUpperCase();
      if (word === 'TEXT') {
        parts.push({ kind: 'text', bytes: readLiteral(inner, 'CATENATE TEXT').bytes });
      } else if (word === 'URL') {
        parts.push({ kind: 'url', url: inner.astring('CATENATE URL') });
      } else {
        throw new ImapParseError('CATENATE part: expected TEXT or URL');
      }
    }
    if (parts.length === 0) throw new ImapParseError('CATENATE needs at least one part');
    return { flags, internalDate, content: new Uint8Array(0), binary: false, utf8: false, catenate: parts };
  }
  if (cursor.acceptKeyword('UTF8')) {
    const inner = cursor.list('UTF8 message');
    const literal = readLiteral(inner, 'UTF8 message');
    inner.end();
    if (!literal.binary) throw new ImapParseError('UTF8 APPEND data must be a literal8');
    return { flags, internalDate, content: literal.bytes, binary: true, utf8: true, catenate: null };
  }
  const literal = readLiteral(cursor, 'message literal');
  return {
    flags,
    internalDate,
    content: literal.bytes,
    binary: literal.binary,
    utf8: false,
    catenate: null,
  };
}

export function parseAppend(args: readonly ImapValue[], options: MailboxNameOptions): AppendCommand {
  const cursor = new ArgCursor(args);
  const mailbox = cursor.mailbox('mailbox', options);
  const messages: AppendMessage[] = [readMessage(cursor)];
  while (!cursor.done) messages.push(readMessage(cursor));
  return { name: 'APPEND', mailbox, messages };
}
