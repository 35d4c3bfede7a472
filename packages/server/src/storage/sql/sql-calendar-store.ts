/**
 * CalendarStore on SQL (SQLite or PostgreSQL), table `calendar_events` of
 * migrations/0033-calendar-events.ts. Every holder-facing statement is bound to the box (count,
 * update and remove are sql-box-rows.ts), so an id of another box is "no such event"; the
 * reminder claim is one conditional update.
 */
import type { CalendarEventRow, CalendarStore, StoredCalendarEvent } from '../../ports/calendar-store.ts';
import { createSqlBoxRows } from './sql-box-rows.ts';
import type { SqlContext } from './sql-context.ts';

export interface CalendarEventTable {
  id: number;
  mailbox_id: number;
  uid: string;
  details: string;
  starts_at: number;
  series_end: number | null;
  remind_at: number | null;
  remind_for: number | null;
  updated_at: number;
}

const dateOrNull = (ms: number | string | null): Date | null => (ms === null ? null : new Date(Number(ms)));

function eventOf(row: CalendarEventTable): StoredCalendarEvent {
  return {
    id: row.id,
    mailboxId: row.mailbox_id,
    uid: row.uid,
    details: row.details,
    startsAt: new Date(row.starts_at),
    seriesEnd: dateOrNull(row.series_end),
    remindAt: dateOrNull(row.remind_at),
    remindFor: dateOrNull(row.remind_for),
    updatedAt: new Date(row.updated_at),
  };
}

function columnsOf(row: CalendarEventRow, at: Date) {
  return {
    uid: row.uid,
    details: row.details,
    starts_at: row.startsAt.getTime(),
    series_end: row.seriesEnd?.getTime() ?? null,
    remind_at: row.remindAt?.getTime() ?? null,
    remind_for: row.remindFor?.getTime() ?? null,
    updated_at: at.getTime(),
  };
}

export function createSqlCalendarStore(ctx: SqlContext): CalendarStore {
  const db = ctx.db.withTables<{ calendar_events: CalendarEventTable }>();
  const boxRows = createSqlBoxRows(ctx, 'calendar_events');
  const ofBox = (mailboxId: number) =>
    db.selectFrom('calendar_events').selectAll().where('mailbox_id', '=', mailboxId);
  return {
    async list(mailboxId, from, to) {
      const rows = await ofBox(mailboxId)
        .where('starts_at', '<', to.getTime())
        .where((eb) => eb.or([eb('series_end', 'is', null), eb('series_end', '>', from.getTime())]))
        .orderBy('starts_at')
        .orderBy('id')
        .execute();
      return rows.map(eventOf);
    },
    async listAll(mailboxId) {
      const rows = await ofBox(mailboxId).orderBy('starts_at').orderBy('id').execute();
      return rows.map(eventOf);
    },
    async get(mailboxId, id) {
      const row = await ofBox(mailboxId).where('id', '=', id).executeTakeFirst();
      return row === undefined ? undefined : eventOf(row);
    },
    async findByUid(mailboxId, uid) {
      const row = await ofBox(mailboxId).where('uid', '=', uid).executeTakeFirst();
      return row === undefined ? undefined : eventOf(row);
    },
    count: (mailboxId) => boxRows.count(mailboxId),
    async create(mailboxId, row, at) {
      const created = await db
        .insertInto('calendar_events')
        .values({ mailbox_id: mailboxId, ...columnsOf(row, at) } as Omit<
          CalendarEventTable,
          'id'
        > as CalendarEventTable)
        .returningAll()
        .executeTakeFirstOrThrow();
      return eventOf(created);
    },
    update: (mailboxId, id, row, at) => boxRows.update(mailboxId, id, columnsOf(row, at)),
    remove: (mailboxId, id) => boxRows.remove(mailboxId, id),
    async dueReminders(now, limit) {
      const rows = await db
        .selectFrom('calendar_events')
        .selectAll()
        .where('remind_at', '<=', now.getTime())
        .orderBy('remind_at')
        .orderBy('id')
        .limit(limit)
        .execute();
      return rows.map(eventOf);
    },
    async claimReminder(id, remindAt, next) {
      const result = await db
        .updateTable('calendar_events')
        .set({
          remind_at: next?.remindAt.getTime() ?? null,
          remind_for: next?.remindFor.getTime() ?? null,
        })
        .where('id', '=', id)
        .where('remind_at', '=', remindAt.getTime())
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },
  };
}
