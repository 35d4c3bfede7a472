/**
 * What every dialect-neutral store needs: the Kysely handle (the root database or an open
 * transaction), the dialect for the few places that differ (row locks, SKIP LOCKED), and the
 * clock that stamps rows. `atomically` gives a store method its own transaction unless it already
 * runs inside one, so multi-statement operations are all-or-nothing either way.
 */
import type { Kysely } from 'kysely';
import type { Clock } from '../../ports/clock.ts';
import type { Database } from './schema.ts';

export interface SqlContext {
  readonly db: Kysely<Database>;
  readonly dialect: 'sqlite' | 'postgres';
  readonly clock: Clock;
}

export async function atomically<T>(ctx: SqlContext, fn: (db: Kysely<Database>) => Promise<T>): Promise<T> {
  if (ctx.db.isTransaction) return fn(ctx.db);
  return ctx.db.transaction().execute(fn);
}

/** The driver error of a violated unique or primary-key constraint (SQLite or PostgreSQL 23505). */
export function isUniqueViolation(error: unknown): boolean {
  const code = errorCode(error);
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

/** The driver error of a violated foreign key (SQLite or PostgreSQL 23503). */
export function isForeignKeyViolation(error: unknown): boolean {
  const code = errorCode(error);
  return code === '23503' || code === 'SQLITE_CONSTRAINT_FOREIGNKEY';
}

/** A PostgreSQL deadlock (40P01) or serialization failure (40001): the transaction may simply run again. */
export function isTransientConflict(error: unknown): boolean {
  const code = errorCode(error);
  return code === '40P01' || code === '40001';
}

function errorCode(error: unknown): unknown {
  return typeof error === 'object' && error !== null && 'code' in error ? error.code : undefined;
}

/** Milliseconds of an optional date column. */
export function toMillis(date: Date | null | undefined): number | null {
  return date === null || date === undefined ? null : date.getTime();
}

export function toDate(millis: number | null): Date | null {
  return millis === null ? null : new Date(millis);
}

/** Parses a JSON column written by this layer; `T` is the shape that was stored. */
// eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters -- the caller names the stored shape
export function parseJson<T>(text: string): T {
  return JSON.parse(text) as T;
}
