/**
 * The server storage adapter: PostgreSQL (or a wire-compatible engine) through a pg Pool and
 * Kysely. 64-bit integers and numerics come back as JavaScript numbers (refusing values beyond
 * 2^53 rather than rounding them). An optional schema keeps several installations, or test runs,
 * in one database. Migrations run before the Storage is handed out.
 */
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { systemClock, type Clock } from '../../ports/clock.ts';
import type { Storage } from '../../ports/storage.ts';
import { createSqlStorage } from '../sql/create-sql-storage.ts';
import { runMigrations } from '../sql/run-migrations.ts';
import type { Database } from '../sql/schema.ts';

export interface PostgresStorageOptions {
  /** Connection URL, e.g. `postgres://pec@db.internal:5432/pec`. */
  readonly url: string;
  /** Schema for the tables (created when missing); default the server's search_path. */
  readonly schema?: string;
  /** Pool size; default 10. */
  readonly maxConnections?: number;
  /** Stamps created/updated times; default the system clock. */
  readonly clock?: Clock;
  /** Errors of idle pooled connections (the pool drops them); default ignored. */
  readonly onIdleError?: (error: Error) => void;
}

const int8Oid = 20;
const numericOid = 1700;

function parseSafeNumber(text: string): number {
  const value = Number(text);
  if (!Number.isSafeInteger(value) && !(Number.isFinite(value) && text.includes('.'))) {
    throw new RangeError(`database value ${text} does not fit a JavaScript number`);
  }
  return value;
}

type TextParser = (value: string) => unknown;

/** pg's parsers, except that int8 and numeric become numbers instead of strings. */
const types: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
    if (oid === int8Oid || oid === numericOid) return parseSafeNumber;
    const builtin = pg.types.getTypeParser as (oid: number, format?: 'text' | 'binary') => TextParser;
    return builtin(oid, format);
  }) as pg.CustomTypesConfig['getTypeParser'],
};

export async function openPostgresStorage(options: PostgresStorageOptions): Promise<Storage> {
  const clock = options.clock ?? systemClock;
  const schema = options.schema;
  if (schema !== undefined && !/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) {
    throw new Error(`not a plain PostgreSQL schema name: ${schema}`);
  }
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.maxConnections ?? 10,
    types,
    ...(schema === undefined ? {} : { options: `-c search_path=${schema}` }),
  });
  pool.on('error', options.onIdleError ?? (() => undefined));
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  try {
    if (schema !== undefined) {
      // Concurrent `create schema if not exists` can still collide; the lock makes openers take turns.
      await db.transaction().execute(async (tx) => {
        await sql`select pg_advisory_xact_lock(hashtext(${`pec-schema:${schema}`}))`.execute(tx);
        await sql`create schema if not exists ${sql.id(schema)}`.execute(tx);
      });
    }
    await runMigrations(db, 'postgres', clock);
  } catch (error) {
    await db.destroy();
    throw error;
  }
  return createSqlStorage({ db, dialect: 'postgres', clock });
}
