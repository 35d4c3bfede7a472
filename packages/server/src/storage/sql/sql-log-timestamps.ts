/**
 * LogTimestampStore on SQL (SQLite or PostgreSQL): the `legal_log_timestamps` table of
 * migrations/0005-log-timestamps.ts, declared here and added to the shared Database type with
 * `withTables`. The chain head at a day's end is read from `legal_log` and its purge anchor.
 */
import type { Selectable } from 'kysely';
import type { LogDayTimestamp, LogTimestampStore } from '../../ports/log-timestamp-store.ts';
import { StorageError } from '../../ports/storage-error.ts';
import type { SqlContext } from './sql-context.ts';

export interface LegalLogTimestampsTable {
  day: string;
  through_seq: number;
  head_hash: string;
  token: Uint8Array;
  gen_time: number;
  stored_at: number;
}

const dayPattern = /^\d{4}-\d\d-\d\d$/;

function toStamp(row: Selectable<LegalLogTimestampsTable>): LogDayTimestamp {
  return {
    day: row.day,
    throughSeq: row.through_seq,
    headHash: row.head_hash,
    token: new Uint8Array(row.token),
    genTime: new Date(row.gen_time),
    storedAt: new Date(row.stored_at),
  };
}

export function createSqlLogTimestamps(ctx: SqlContext): LogTimestampStore {
  const db = ctx.db.withTables<{ legal_log_timestamps: LegalLogTimestampsTable }>();

  async function get(day: string): Promise<LogDayTimestamp | undefined> {
    const row = await db
      .selectFrom('legal_log_timestamps')
      .selectAll()
      .where('day', '=', day)
      .executeTakeFirst();
    return row === undefined ? undefined : toStamp(row);
  }

  return {
    async headBefore(end) {
      const last = await ctx.db
        .selectFrom('legal_log')
        .select(['seq', 'hash'])
        .where('at', '<', end.getTime())
        .orderBy('seq', 'desc')
        .limit(1)
        .executeTakeFirst();
      if (last !== undefined) return { seq: last.seq, hash: last.hash };
      const head = await ctx.db
        .selectFrom('legal_log_head')
        .select(['anchor_seq', 'anchor_hash'])
        .where('id', '=', 1)
        .executeTakeFirstOrThrow();
      return { seq: head.anchor_seq, hash: head.anchor_hash };
    },

    async put(stamp) {
      if (!dayPattern.test(stamp.day)) throw new StorageError('invalid', `not a day: ${stamp.day}`);
      if (await get(stamp.day))
        throw new StorageError('conflict', `the log of ${stamp.day} is already time-stamped`);
      const storedAt = ctx.clock.now();
      try {
        await db
          .insertInto('legal_log_timestamps')
          .values({
            day: stamp.day,
            through_seq: stamp.throughSeq,
            head_hash: stamp.headHash,
            token: Buffer.from(stamp.token),
            gen_time: stamp.genTime.getTime(),
            stored_at: storedAt.getTime(),
          })
          .execute();
      } catch (error) {
        // Two nodes stamping the same day at once: the primary key keeps the first.
        if ((await get(stamp.day)) !== undefined) {
          throw new StorageError('conflict', `the log of ${stamp.day} is already time-stamped`);
        }
        throw error;
      }
      return { ...stamp, token: new Uint8Array(stamp.token), storedAt };
    },

    get,

    async list() {
      const rows = await db.selectFrom('legal_log_timestamps').selectAll().orderBy('day').execute();
      return rows.map(toStamp);
    },
  };
}
