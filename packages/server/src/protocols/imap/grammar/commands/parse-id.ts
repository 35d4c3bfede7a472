/**
 * ID (RFC 2971 §3.1): `ID NIL` or `ID ("key" "value" ...)` with nstring values. Enforces the RFC's
 * limits (30 pairs, 30-byte keys, 1024-byte values) so a client cannot make the server store much.
 */

import { ArgCursor } from '../arg-cursor.ts';
import { ImapParseError } from '../imap-parse-error.ts';
import type { ImapValue } from '../imap-value.ts';

export interface IdField {
  readonly key: string;
  readonly value: string | null;
}

export interface IdCommand {
  readonly name: 'ID';
  /** Null for `ID NIL`. */
  readonly fields: readonly IdField[] | null;
}

export function parseId(args: readonly ImapValue[]): IdCommand {
  const cursor = new ArgCursor(args);
  if (cursor.acceptKeyword('NIL')) {
    cursor.end();
    return { name: 'ID', fields: null };
  }
  const list = cursor.list('ID parameter list');
  cursor.end();
  const fields: IdField[] = [];
  while (!list.done) {
    const key = list.string('ID field name');
    const value = list.nstring('ID field value');
    if (Buffer.byteLength(key) > 30 || (value !== null && Buffer.byteLength(value) > 1024)) {
      throw new ImapParseError('ID field too long');
    }
    fields.push({ key, value });
  }
  if (fields.length > 30) throw new ImapParseError('too many ID fields');
  return { name: 'ID', fields };
}
