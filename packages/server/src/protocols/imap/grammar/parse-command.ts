/**
 * Turns a reader `command` event into a typed command (RFC 9051 §6, RFC 3501 §6 and the extensions
 * named in each parser): a discriminated union on `name`, with the UID prefix folded into `uid`.
 * Never throws for client input: syntax problems come back as a `ParseFailure` for a tagged BAD.
 */

import type { ImapValue } from './imap-value.ts';
import { ImapParseError } from './imap-parse-error.ts';
import type { MailboxNameOptions } from './mailbox-name.ts';
import { parseAppend, type AppendCommand } from './commands/parse-append.ts';
import { parseCopyMove, type CopyMoveCommand } from './commands/parse-copy-move.ts';
import { parseEnable, type EnableCommand } from './commands/parse-enable.ts';
import { parseExpunge, type ExpungeCommand } from './commands/parse-expunge.ts';
import { parseFetch, type FetchCommand } from './commands/parse-fetch.ts';
import { parseId, type IdCommand } from './commands/parse-id.ts';
import { parseList, parseLsub, type ListCommand, type LsubCommand } from './commands/parse-list.ts';
import {
  parseAuthenticate,
  parseLogin,
  type AuthenticateCommand,
  type LoginCommand,
} from './commands/parse-login-authenticate.ts';
import {
  parseCreate,
  parseMailboxCommand,
  parseRename,
  type CreateCommand,
  type MailboxCommand,
  type RenameCommand,
} from './commands/parse-mailbox-management.ts';
import {
  parseGetQuota,
  parseGetQuotaRoot,
  parseSetQuota,
  type GetQuotaCommand,
  type GetQuotaRootCommand,
  type SetQuotaCommand,
} from './commands/parse-quota.ts';
import { parseCancelUpdate, type CancelUpdateCommand } from './commands/parse-cancelupdate.ts';
import { parseSearch, type SearchCommand } from './commands/parse-search.ts';
import { parseSelect, type SelectCommand } from './commands/parse-select.ts';
import {
  isSimpleCommandName,
  parseSimpleCommand,
  type SimpleCommand,
} from './commands/parse-simple-command.ts';
import { parseSort, type SortCommand } from './commands/parse-sort.ts';
import { parseStatus, type StatusCommand } from './commands/parse-status.ts';
import { parseStore, type StoreCommand } from './commands/parse-store.ts';
import { parseThread, type ThreadCommand } from './commands/parse-thread.ts';

/** Every command body, discriminated by `name`. */
export type CommandBody =
  | SimpleCommand
  | LoginCommand
  | AuthenticateCommand
  | EnableCommand
  | IdCommand
  | SelectCommand
  | CreateCommand
  | MailboxCommand
  | RenameCommand
  | ListCommand
  | LsubCommand
  | StatusCommand
  | AppendCommand
  | ExpungeCommand
  | SearchCommand
  | CancelUpdateCommand
  | FetchCommand
  | StoreCommand
  | CopyMoveCommand
  | SortCommand
  | ThreadCommand
  | GetQuotaCommand
  | GetQuotaRootCommand
  | SetQuotaCommand;

export type ParsedCommand = { readonly ok: true; readonly tag: string } & CommandBody;

export interface ParseFailure {
  readonly ok: false;
  readonly tag: string;
  /** The command name as received (upper-cased), `UID FETCH` style for UID commands. */
  readonly name: string;
  /** `invalid-name`: well-formed, but a mailbox name that is not modified UTF-7 (answered NO). */
  readonly code: 'unknown-command' | 'syntax' | 'invalid-name';
  readonly message: string;
  /** A response code for the reply (e.g. `CLIENTBUG`), or null. */
  readonly responseCode: string | null;
}

/** What `parseCommand` needs from a reader `command` event. */
export interface RawCommand {
  readonly tag: string;
  readonly name: string;
  readonly args: readonly ImapValue[];
}

const uidCommands = new Set(['FETCH', 'STORE', 'COPY', 'MOVE', 'SEARCH', 'EXPUNGE', 'SORT', 'THREAD']);

function parseBody(
  name: string,
  args: readonly ImapValue[],
  uid: boolean,
  options: MailboxNameOptions,
): CommandBody | null {
  if (isSimpleCommandName(name)) return uid ? null : parseSimpleCommand(name, args);
  switch (name) {
    case 'LOGIN':
      return parseLogin(args);
    case 'AUTHENTICATE':
      return parseAuthenticate(args);
    case 'ENABLE':
      return parseEnable(args);
    case 'ID':
      return parseId(args);
    case 'SELECT':
    case 'EXAMINE':
      return parseSelect(name, args, options);
    case 'CREATE':
      return parseCreate(args, options);
    case 'DELETE':
    case 'SUBSCRIBE':
    case 'UNSUBSCRIBE':
      return parseMailboxCommand(name, args, options);
    case 'RENAME':
      return parseRename(args, options);
    case 'LIST':
      return parseList(args, options);
    case 'LSUB':
      return parseLsub(args, options);
    case 'STATUS':
      return parseStatus(args, options);
    case 'APPEND':
      return parseAppend(args, options);
    case 'EXPUNGE':
      return parseExpunge(args, uid);
    case 'SEARCH':
      return parseSearch(args, uid);
    case 'FETCH':
      return parseFetch(args, uid);
    case 'STORE':
      return parseStore(args, uid);
    case 'COPY':
    case 'MOVE':
      return parseCopyMove(name, args, uid, options);
    case 'SORT':
      return parseSort(args, uid);
    case 'THREAD':
      return parseThread(args, uid);
    case 'GETQUOTA':
      return parseGetQuota(args);
    case 'GETQUOTAROOT':
      return parseGetQuotaRoot(args, options);
    case 'SETQUOTA':
      return parseSetQuota(args);
    case 'CANCELUPDATE':
      return parseCancelUpdate(args);
    default:
      return null;
  }
}

/**
 * Parses one command. `options.utf8` must be true once UTF8=ACCEPT or IMAP4rev2 is enabled, so
 * mailbox names are read as UTF-8 instead of modified UTF-7 (RFC 6855 §3, RFC 9051 §5.1).
 */
export function parseCommand(
  command: RawCommand,
  options: MailboxNameOptions = {},
): ParsedCommand | ParseFailure {
  const { tag } = command;
  let name = command.name.toUpperCase();
  let args = command.args;
  let uid = false;
  if (name === 'UID') {
    const sub = args[0];
    if (sub?.kind !== 'atom' || !uidCommands.has(sub.value.toUpperCase())) {
      return {
        ok: false,
        tag,
        name,
        code: 'syntax',
        message: 'UID needs FETCH, STORE, COPY, MOVE, SEARCH, EXPUNGE, SORT or THREAD',
        responseCode: null,
      };
    }
    name = sub.value.toUpperCase();
    args = args.slice(1);
    uid = true;
  }
  const shownName = uid ? `UID ${name}` : name;
  try {
    const body = parseBody(name, args, uid, options);
    if (body === null) {
      return {
        ok: false,
        tag,
        name: shownName,
        code: 'unknown-command',
        message: `unknown command ${shownName}`,
        responseCode: null,
      };
    }
    return { ok: true, tag, ...body };
  } catch (error) {
    if (!(error instanceof ImapParseError)) throw error;
    return {
      ok: false,
      tag,
      name: shownName,
      code: error.notSyntax ? 'invalid-name' : 'syntax',
      message: error.message,
      responseCode: error.responseCode,
    };
  }
}
