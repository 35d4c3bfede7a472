/**
 * QUOTA commands (RFC 9208 §4.2–4.4, formerly RFC 2087): GETQUOTA root, GETQUOTAROOT mailbox,
 * SETQUOTA root (resource limit ...). SETQUOTA is parsed only; resource names are upper-cased.
 */

import { ArgCursor } from '../arg-cursor.ts';
import type { ImapValue } from '../imap-value.ts';
import type { MailboxNameOptions } from '../mailbox-name.ts';

export interface GetQuotaCommand {
  readonly name: 'GETQUOTA';
  readonly root: string;
}

export interface GetQuotaRootCommand {
  readonly name: 'GETQUOTAROOT';
  readonly mailbox: string;
}

export interface QuotaLimit {
  readonly resource: string;
  readonly limit: number;
}

export interface SetQuotaCommand {
  readonly name: 'SETQUOTA';
  readonly root: string;
  readonly limits: readonly QuotaLimit[];
}

export function parseGetQuota(args: readonly ImapValue[]): GetQuotaCommand {
  const cursor = new ArgCursor(args);
  const root = cursor.astring('quota root');
  cursor.end();
  return { name: 'GETQUOTA', root };
}

export function parseGetQuotaRoot(
  args: readonly ImapValue[],
  options: MailboxNameOptions,
): GetQuotaRootCommand {
  const cursor = new ArgCursor(args);
  const mailbox = cursor.mailbox('mailbox', options);
  cursor.end();
  return { name: 'GETQUOTAROOT', mailbox };
}

export function parseSetQuota(args: readonly ImapValue[]): SetQuotaCommand {
  const cursor = new ArgCursor(args);
  const root = cursor.astring('quota root');
  const list = cursor.list('quota limits');
  cursor.end();
  const limits: QuotaLimit[] = [];
  while (!list.done) {
    const resource = list.keyword('quota resource');
    limits.push({ resource, limit: list.number64('quota limit') });
  }
  return { name: 'SETQUOTA', root, limits };
}
