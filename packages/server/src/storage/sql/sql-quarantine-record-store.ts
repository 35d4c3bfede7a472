/**
 * QuarantineRecordStore on SQL (SQLite or PostgreSQL), table `quarantine_records` of
 * migrations/0004-shared-state.ts. `add` and `removeUnnamed` of one hash exclude each other: on
 * PostgreSQL through a transaction-scoped advisory lock on the hash, on SQLite through the single
 * write lock every transaction takes at its start (see immediate-sqlite-dialect.ts).
 */
import { sql, type Kysely, type Selectable } from 'kysely';
import type {
  QuarantinePoint,
  QuarantineRecord,
  QuarantineRecordStore,
} from '../../ports/quarantine-store.ts';
import { atomically, parseJson, type SqlContext } from './sql-context.ts';

export interface QuarantineRecordsTable {
  id: string;
  sha256: string;
  size: number;
  detected_at: number;
  point: string;
  signature: string;
  sender: string;
  recipients: string;
  identifier: string | null;
  retain_until: number;
}

type Tables = { quarantine_records: QuarantineRecordsTable };

export function createSqlQuarantineRecordStore(ctx: SqlContext): QuarantineRecordStore {
  const db = ctx.db.withTables<Tables>();

  async function lockHash<T>(sha256: string, fn: (tx: Kysely<Tables>) => Promise<T>): Promise<T> {
    return atomically(ctx, async (tx) => {
      if (ctx.dialect === 'postgres') {
        await sql`select pg_advisory_xact_lock(hashtext(${`pec-quarantine:${sha256}`}))`.execute(tx);
      }
      return fn(tx.withTables<Tables>());
    });
  }

  return {
    add(record) {
      return lockHash(record.sha256, async (tx) => {
        const existing = await tx
          .selectFrom('quarantine_records')
          .selectAll()
          .where('id', '=', record.id)
          .executeTakeFirst();
        if (existing !== undefined) return { record: toRecord(existing), created: false };
        // Under the hash's lock no other add of this id can run between the check and the insert.
        await tx.insertInto('quarantine_records').values(toRow(record)).execute();
        return { record, created: true };
      });
    },

    async list() {
      const rows = await db
        .selectFrom('quarantine_records')
        .selectAll()
        .orderBy('detected_at')
        .orderBy('id')
        .execute();
      return rows.map(toRecord);
    },

    deleteExpired(now) {
      return atomically(ctx, async (raw) => {
        const tx = raw.withTables<Tables>();
        const rows = await tx
          .selectFrom('quarantine_records')
          .selectAll()
          .where('retain_until', '<=', now.getTime())
          .orderBy('detected_at')
          .orderBy('id')
          .execute();
        if (rows.length > 0) {
          await tx
            .deleteFrom('quarantine_records')
            .where(
              'id',
              'in',
              rows.map((row) => row.id),
            )
            .execute();
        }
        return rows.map(toRecord);
      });
    },

    removeUnnamed(sha256, remove) {
      return lockHash(sha256, async (tx) => {
        const named = await tx
          .selectFrom('quarantine_records')
          .select('id')
          .where('sha256', '=', sha256)
          .limit(1)
          .executeTakeFirst();
        return named === undefined ? remove() : false;
      });
    },
  };
}

function toRow(record: QuarantineRecord): QuarantineRecordsTable {
  return {
    id: record.id,
    sha256: record.sha256,
    size: record.size,
    detected_at: Date.parse(record.detectedAt),
    point: record.point,
    signature: record.signature,
    sender: record.sender,
    recipients: JSON.stringify(record.recipients),
    identifier: record.identifier ?? null,
    retain_until: Date.parse(record.retainUntil),
  };
}

function toRecord(row: Selectable<QuarantineRecordsTable>): QuarantineRecord {
  return {
    version: 1,
    id: row.id,
    sha256: row.sha256,
    size: row.size,
    detectedAt: new Date(row.detected_at).toISOString(),
    point: row.point as QuarantinePoint,
    signature: row.signature,
    sender: row.sender,
    recipients: parseJson<string[]>(row.recipients),
    ...(row.identifier === null ? {} : { identifier: row.identifier }),
    retainUntil: new Date(row.retain_until).toISOString(),
  };
}
