/**
 * MailboxStore on SQL (SQLite or PostgreSQL through Kysely): the folder operations and the
 * message operations (with the by-date page of sql-sent-time-listing.ts), which share the folder-row lock and usage bookkeeping of mailbox-rows.ts.
 */
import type { MailboxStore } from '../../ports/mailbox-store.ts';
import type { SqlContext } from './sql-context.ts';
import { createSqlFolderOperations } from './sql-folder-operations.ts';
import { createSqlMessageOperations, type MessageOperations } from './sql-message-operations.ts';
import { createSqlSentTimeListing } from './sql-sent-time-listing.ts';

/** The MailboxStore whose `append` also says whose folder it was. */
export type SqlMailboxStore = Omit<MailboxStore, 'append'> & Pick<MessageOperations, 'append'>;

export function createSqlMailboxStore(ctx: SqlContext): SqlMailboxStore {
  return {
    ...createSqlFolderOperations(ctx),
    ...createSqlMessageOperations(ctx),
    ...createSqlSentTimeListing(ctx),
  };
}
