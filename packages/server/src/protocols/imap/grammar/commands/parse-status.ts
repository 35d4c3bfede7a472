/**
 * STATUS (RFC 9051 §6.3.11; SIZE/DELETED RFC 9051 and RFC 8438; HIGHESTMODSEQ RFC 7162 §3.1.6): a
 * mailbox and a non-empty list of status items, also reused by LIST's `RETURN (STATUS (...))`.
 */

import { ArgCursor } from '../arg-cursor.ts';
import { ImapParseError } from '../imap-parse-error.ts';
import type { ImapValue } from '../imap-value.ts';
import type { MailboxNameOptions } from '../mailbox-name.ts';

export const statusItems = [
  'MESSAGES',
  'RECENT',
  'UIDNEXT',
  'UIDVALIDITY',
  'UNSEEN',
  'DELETED',
  'SIZE',
  'MAILBOXID',
  'HIGHESTMODSEQ',
] as const;

export type StatusItem = (typeof statusItems)[number];

export interface StatusCommand {
  readonly name: 'STATUS';
  readonly mailbox: string;
  /** Requested items in request order, without repeats. */
  readonly items: readonly StatusItem[];
}

/** Reads a `( status-att *(SP status-att) )` list. */
export function readStatusItems(list: ArgCursor): StatusItem[] {
  const items: StatusItem[] = [];
  while (!list.done) {
    const item = list.keyword('status item');
    const known = statusItems.find((s) => s === item);
    if (known === undefined) throw new ImapParseError(`unknown status item ${item}`);
    if (!items.includes(known)) items.push(known);
  }
  if (items.length === 0) throw new ImapParseError('empty status item list');
  return items;
}

export function parseStatus(args: readonly ImapValue[], options: MailboxNameOptions): StatusCommand {
  const cursor = new ArgCursor(args);
  const mailbox = cursor.mailbox('mailbox', options);
  const items = readStatusItems(cursor.list('status items'));
  cursor.end();
  return { name: 'STATUS', mailbox, items };
}
