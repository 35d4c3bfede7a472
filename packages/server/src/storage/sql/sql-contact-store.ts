/**
 * ContactStore on SQL (SQLite or PostgreSQL), table `contacts` of migrations/0032-contacts.ts.
 * Every statement is bound to the box (count, update and remove are sql-box-rows.ts), so an id of
 * another box is "no such contact".
 */
import type { ContactStore, StoredContact } from '../../ports/contact-store.ts';
import { createSqlBoxRows } from './sql-box-rows.ts';
import type { SqlContext } from './sql-context.ts';

export interface ContactTable {
  id: number;
  mailbox_id: number;
  name: string;
  details: string;
  updated_at: number;
}

function contactOf(row: ContactTable): StoredContact {
  return { id: row.id, name: row.name, details: row.details, updatedAt: new Date(row.updated_at) };
}

export function createSqlContactStore(ctx: SqlContext): ContactStore {
  const db = ctx.db.withTables<{ contacts: ContactTable }>();
  const boxRows = createSqlBoxRows(ctx, 'contacts');
  return {
    async list(mailboxId) {
      const rows = await db
        .selectFrom('contacts')
        .selectAll()
        .where('mailbox_id', '=', mailboxId)
        .orderBy('name')
        .orderBy('id')
        .execute();
      return rows.map(contactOf);
    },
    async get(mailboxId, id) {
      const row = await db
        .selectFrom('contacts')
        .selectAll()
        .where('mailbox_id', '=', mailboxId)
        .where('id', '=', id)
        .executeTakeFirst();
      return row === undefined ? undefined : contactOf(row);
    },
    count: (mailboxId) => boxRows.count(mailboxId),
    async create(mailboxId, name, details, at) {
      const row = await db
        .insertInto('contacts')
        .values({
          mailbox_id: mailboxId,
          name,
          details,
          updated_at: at.getTime(),
        } as Omit<ContactTable, 'id'> as ContactTable)
        .returningAll()
        .executeTakeFirstOrThrow();
      return contactOf(row);
    },
    update: (mailboxId, id, name, details, at) =>
      boxRows.update(mailboxId, id, { name, details, updated_at: at.getTime() }),
    remove: (mailboxId, id) => boxRows.remove(mailboxId, id),
  };
}
