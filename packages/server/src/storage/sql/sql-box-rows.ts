/**
 * The statements that a table of one box's own items shares (`contacts` of
 * migrations/0032-contacts.ts, `calendar_events` of migrations/0033-calendar-events.ts): every
 * one is bound to the box, so an id of another box is "no such item".
 */
import type { SqlContext } from './sql-context.ts';

/** The columns every box-owned table has. */
export interface SqlBoxRowColumns {
  id: number;
  mailbox_id: number;
}

export interface SqlBoxRows {
  count(mailboxId: number): Promise<number>;
  /** Sets `columns` on item `id` of the box; false when the box has no such item. */
  update(
    mailboxId: number,
    id: number,
    columns: Readonly<Record<string, string | number | null>>,
  ): Promise<boolean>;
  /** False when the box has no such item. */
  remove(mailboxId: number, id: number): Promise<boolean>;
}

export function createSqlBoxRows(ctx: SqlContext, table: string): SqlBoxRows {
  // The table name is bound at run time; Kysely sees only the shared columns.
  const db = ctx.db.withTables<Record<string, SqlBoxRowColumns>>();
  return {
    async count(mailboxId) {
      const row = await db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number | string>().as('n'))
        .where('mailbox_id', '=', mailboxId)
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },
    async update(mailboxId, id, columns) {
      const result = await db
        .updateTable(table)
        .set(columns as Partial<SqlBoxRowColumns>)
        .where('mailbox_id', '=', mailboxId)
        .where('id', '=', id)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },
    async remove(mailboxId, id) {
      const result = await db
        .deleteFrom(table)
        .where('mailbox_id', '=', mailboxId)
        .where('id', '=', id)
        .executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },
  };
}
