/**
 * Mailbox management commands (RFC 9051 §6.3.4–6.3.8): CREATE (with CREATE-SPECIAL-USE `(USE (...))`,
 * RFC 6154 §3), DELETE, RENAME, SUBSCRIBE, UNSUBSCRIBE. Names are decoded and INBOX-normalised.
 */

import { ArgCursor } from '../arg-cursor.ts';
import { ImapParseError } from '../imap-parse-error.ts';
import type { ImapValue } from '../imap-value.ts';
import type { MailboxNameOptions } from '../mailbox-name.ts';

export interface CreateCommand {
  readonly name: 'CREATE';
  readonly mailbox: string;
  /** Special-use attributes requested with `(USE (\Sent))`; empty when none. */
  readonly specialUse: readonly string[];
}

export interface MailboxCommand {
  readonly name: 'DELETE' | 'SUBSCRIBE' | 'UNSUBSCRIBE';
  readonly mailbox: string;
}

export interface RenameCommand {
  readonly name: 'RENAME';
  readonly from: string;
  readonly to: string;
}

export function parseCreate(args: readonly ImapValue[], options: MailboxNameOptions): CreateCommand {
  const cursor = new ArgCursor(args);
  const mailbox = cursor.mailbox('mailbox', options);
  const specialUse: string[] = [];
  if (!cursor.done) {
    const params = cursor.list('create parameters');
    while (!params.done) {
      const param = params.keyword('create parameter');
      if (param !== 'USE') throw new ImapParseError(`unknown create parameter ${param}`);
      specialUse.push(...params.flagList('special-use attributes'));
    }
  }
  cursor.end();
  return { name: 'CREATE', mailbox, specialUse };
}

export function parseMailboxCommand(
  name: 'DELETE' | 'SUBSCRIBE' | 'UNSUBSCRIBE',
  args: readonly ImapValue[],
  options: MailboxNameOptions,
): MailboxCommand {
  const cursor = new ArgCursor(args);
  const mailbox = cursor.mailbox('mailbox', options);
  cursor.end();
  return { name, mailbox };
}

export function parseRename(args: readonly ImapValue[], options: MailboxNameOptions): RenameCommand {
  const cursor = new ArgCursor(args);
  const from = cursor.mailbox('existing mailbox', options);
  const to = cursor.mailbox('new mailbox', options);
  cursor.end();
  return { name: 'RENAME', from, to };
}
