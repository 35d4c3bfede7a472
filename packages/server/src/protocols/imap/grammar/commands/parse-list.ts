/**
 * LIST and LSUB (RFC 9051 §6.3.9, RFC 3501 §6.3.9) with LIST-EXTENDED (RFC 5258): selection options
 * (SUBSCRIBED, REMOTE, RECURSIVEMATCH, SPECIAL-USE), several patterns, and return options
 * (SUBSCRIBED, CHILDREN, SPECIAL-USE, STATUS from RFC 5819). Names and patterns are decoded.
 */

import { ArgCursor } from '../arg-cursor.ts';
import { ImapParseError } from '../imap-parse-error.ts';
import type { ImapValue } from '../imap-value.ts';
import type { MailboxNameOptions } from '../mailbox-name.ts';
import { readStatusItems, type StatusItem } from './parse-status.ts';

export interface ListSelection {
  readonly subscribed: boolean;
  readonly remote: boolean;
  readonly recursiveMatch: boolean;
  readonly specialUse: boolean;
}

export interface ListReturn {
  readonly subscribed: boolean;
  readonly children: boolean;
  readonly specialUse: boolean;
  /** RFC 5819 LIST-STATUS items; null when not asked. */
  readonly status: readonly StatusItem[] | null;
}

export interface ListCommand {
  readonly name: 'LIST';
  readonly reference: string;
  /** One or more patterns with `*` / `%` wildcards; `""` asks for the hierarchy delimiter. */
  readonly patterns: readonly string[];
  readonly selection: ListSelection;
  readonly returns: ListReturn;
  /** True when any LIST-EXTENDED syntax was used (the reply then follows RFC 5258 rules). */
  readonly extended: boolean;
}

export interface LsubCommand {
  readonly name: 'LSUB';
  readonly reference: string;
  readonly pattern: string;
}

function readSelection(list: ArgCursor): ListSelection {
  const seen = new Set<string>();
  while (!list.done) {
    const option = list.keyword('list selection option');
    if (!['SUBSCRIBED', 'REMOTE', 'RECURSIVEMATCH', 'SPECIAL-USE'].includes(option)) {
      throw new ImapParseError(`unknown list selection option ${option}`);
    }
    seen.add(option);
  }
  // RFC 5258 §3.1: RECURSIVEMATCH only modifies another selection option.
  if (seen.has('RECURSIVEMATCH') && !seen.has('SUBSCRIBED') && !seen.has('SPECIAL-USE')) {
    throw new ImapParseError('RECURSIVEMATCH needs another selection option');
  }
  return {
    subscribed: seen.has('SUBSCRIBED'),
    remote: seen.has('REMOTE'),
    recursiveMatch: seen.has('RECURSIVEMATCH'),
    specialUse: seen.has('SPECIAL-USE'),
  };
}

function readReturn(list: ArgCursor): ListReturn {
  const result = {
    subscribed: false,
    children: false,
    specialUse: false,
    status: null as StatusItem[] | null,
  };
  while (!list.done) {
    const option = list.keyword('list return option');
    if (option === 'SUBSCRIBED') result.subscribed = true;
    else if (option === 'CHILDREN') result.children = true;
    else if (option === 'SPECIAL-USE') result.specialUse = true;
    else if (option === 'STATUS') result.status = readStatusItems(list.list('status items'));
    else throw new ImapParseError(`unknown list return option ${option}`);
  }
  return result;
}

export function parseList(args: readonly ImapValue[], options: MailboxNameOptions): ListCommand {
  const cursor = new ArgCursor(args);
  let extended = false;
  let selection: ListSelection = {
    subscribed: false,
    remote: false,
    recursiveMatch: false,
    specialUse: false,
  };
  if (cursor.peek()?.kind === 'list') {
    extended = true;
    selection = readSelection(cursor.list('list selection options'));
  }
  const reference = cursor.mailbox('reference name', options);
  const patterns: string[] = [];
  if (cursor.peek()?.kind === 'list') {
    extended = true;
    const list = cursor.list('mailbox patterns');
    while (!list.done) patterns.push(list.mailbox('mailbox pattern', options));
    if (patterns.length === 0) throw new ImapParseError('empty pattern list');
  } else {
    patterns.push(cursor.mailbox('mailbox pattern', options));
  }
  let returns: ListReturn = { subscribed: false, children: false, specialUse: false, status: null };
  if (cursor.acceptKeyword('RETURN')) {
    extended = true;
    returns = readReturn(cursor.list('list return options'));
  }
  cursor.end();
  return { name: 'LIST', reference, patterns, selection, returns, extended };
}

export function parseLsub(args: readonly ImapValue[], options: MailboxNameOptions): LsubCommand {
  const cursor = new ArgCursor(args);
  const reference = cursor.mailbox('reference name', options);
  const pattern = cursor.mailbox('mailbox pattern', options);
  cursor.end();
  return { name: 'LSUB', reference, pattern };
}
