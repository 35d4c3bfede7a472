/**
 * MailboxStore on SQL (SQLite or PostgreSQL through Kysely): the folder operations and the
 * message operations (with the by-date page of sql-sent-time-listing.ts), which share the folder-row lock and usage bookkeeping of mailbox-rows.ts.
 */
import type { MailboxStore } from '../../ports/mailbox-store.ts';
import type { SqlContext } from './sql-context.ts';
import { createSqlFolderOperations } from './sql-folder-operations.ts';
import { createSqlMessageOperations } from './sql-message-operations.ts';
import { createSqlSentTimeListing } from './sql-sent-time-listing.ts';

export function createSqlMailboxStore(ctx: SqlContext): MailboxStore {
  return {
    ...createSqlFolderOperations(ctx),
    ...createSqlMessageOperations(ctx),
    ...createSqlSentTimeListing(ctx),
  };
}
