/**
 * ContactStore on SQL (SQLite or PostgreSQL), table `contacts` of migrations/0032-contacts.ts.
 * Every statement is bound to the box, so an id of another box is "no such contact".
 */
import type { ContactStore, StoredContact } from '../../ports/contact-store.ts';
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
    async count(mailboxId) {
      const row = await db
        .selectFrom('contacts')
        .select((eb) => eb.fn.countAll<number | string>().as('n'))
        .where('mailbox_id', '=', mailboxId)
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },
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
    async update(mailboxId, id, name, details, at) {
      const result = await db
        .updateTable('contacts')
        .set({ name, details, updated_at: at.getTime() })
        .where('mailbox_id', '=', mailboxId)
        .where('id', '=', id)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },
    async remove(mailboxId, id) {
      const result = await db
        .deleteFrom('contacts')
        .where('mailbox_id', '=', mailboxId)
        .where('id', '=', id)
        .executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },
  };
}
