/**
 * The IMAP dispatch table (house style principle 3: a typed table, never string-built method names):
 * every command descriptor, keyed by the grammar's command name. One line per command; UID variants
 * share their command's descriptor (the typed command carries `uid`).
 */
import type { CommandDescriptor, CommandName } from './command-descriptor.ts';
import { authenticate } from './commands/authenticate.ts';
import { capability } from './commands/capability.ts';
import { check } from './commands/check.ts';
import { close } from './commands/close.ts';
import { create } from './commands/create.ts';
import { deleteCommand } from './commands/delete.ts';
import { enable } from './commands/enable.ts';
import { getQuota } from './commands/getquota.ts';
import { getQuotaRoot } from './commands/getquotaroot.ts';
import { id } from './commands/id.ts';
import { idle } from './commands/idle.ts';
import { list } from './commands/list.ts';
import { login } from './commands/login.ts';
import { logout } from './commands/logout.ts';
import { lsub } from './commands/lsub.ts';
import { namespace } from './commands/namespace.ts';
import { noop } from './commands/noop.ts';
import { rename } from './commands/rename.ts';
import { examine, select } from './commands/select.ts';
import { setQuota } from './commands/setquota.ts';
import { starttls } from './commands/starttls.ts';
import { status } from './commands/status.ts';
import { subscribe, unsubscribe } from './commands/subscribe.ts';
import { unselect } from './commands/unselect.ts';
// Message commands (FETCH, STORE, COPY, MOVE, EXPUNGE, SEARCH, SORT, THREAD, APPEND): imports here.
import { append } from './commands/append.ts';
import { cancelUpdate } from './commands/cancelupdate.ts';
import { copy, move } from './commands/copy-move.ts';
import { expunge } from './commands/expunge.ts';
import { fetch } from './commands/fetch.ts';
import { search } from './commands/search.ts';
import { sort } from './commands/sort.ts';
import { store } from './commands/store.ts';
import { thread } from './commands/thread.ts';

const descriptors: readonly CommandDescriptor[] = [
  // Any state (RFC 9051 §6.1).
  capability,
  noop,
  logout,
  id,
  // Not authenticated (RFC 9051 §6.2).
  starttls,
  login,
  authenticate,
  // Authenticated (RFC 9051 §6.3).
  enable,
  select,
  examine,
  create,
  deleteCommand,
  rename,
  subscribe,
  unsubscribe,
  list,
  lsub,
  namespace,
  status,
  idle,
  getQuota,
  getQuotaRoot,
  setQuota,
  // Selected (RFC 9051 §6.4).
  check,
  close,
  unselect,
  // Message commands, one line each.
  append,
  fetch,
  store,
  copy,
  move,
  expunge,
  search,
  sort,
  thread,
  cancelUpdate,
];

export const commandTable: ReadonlyMap<CommandName, CommandDescriptor> = new Map(
  descriptors.map((descriptor) => [descriptor.name, descriptor]),
);
