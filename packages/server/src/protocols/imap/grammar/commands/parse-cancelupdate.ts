/**
 * CANCELUPDATE (RFC 5267 §4.3): `CANCELUPDATE 1*(SP quoted)`, the tags of the searches whose live
 * updates stop. Tags come as quoted strings only, as the grammar says (Dovecot refuses atoms too).
 */

import { ImapParseError } from '../imap-parse-error.ts';
import type { ImapValue } from '../imap-value.ts';

export interface CancelUpdateCommand {
  readonly name: 'CANCELUPDATE';
  /** The search correlators (tags), in the order given. */
  readonly tags: readonly string[];
}

export function parseCancelUpdate(args: readonly ImapValue[]): CancelUpdateCommand {
  if (args.length === 0) throw new ImapParseError('CANCELUPDATE needs at least one tag');
  const tags = args.map((arg) => {
    if (arg.kind !== 'quoted') throw new ImapParseError('CANCELUPDATE tags must be quoted strings');
    return arg.value;
  });
  return { name: 'CANCELUPDATE', tags };
}
