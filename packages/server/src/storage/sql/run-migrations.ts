/**
 * Applies the versioned migrations of ./migrations in order, each in its own transaction together
 * with its row in `schema_migrations`, so a crash never leaves half a migration. Idempotent: applied
 * versions are skipped. On PostgreSQL an advisory lock per schema serialises concurrent openers;
 * SQLite's write lock does the same. Refuses a database written by a newer version of the code.
 */
import { sql, type Kysely } from 'kysely';
import type { Clock } from '../../ports/clock.ts';
import { migrations } from './migrations/migration.ts';
import type { Database } from './schema.ts';

/** Returns the versions applied by this call (empty when the schema was current). */
export async function runMigrations(
  db: Kysely<Database>,
  dialect: 'sqlite' | 'postgres',
  clock: Clock,
): Promise<number[]> {
  const applied: number[] = [];
  const latest = Math.max(...migrations.map((migration) => migration.version));
  for (const migration of migrations) {
    const ran = await db.transaction().execute(async (tx) => {
      if (dialect === 'postgres') {
        await sql`select pg_advisory_xact_lock(hashtext('pec-migrations:' || current_schema()))`.execute(tx);
      }
      await sql`create table if not exists schema_migrations (
        version integer primary key, name text not null, applied_at bigint not null)`.execute(tx);
      const newest = await tx
        .selectFrom('schema_migrations')
        .select((eb) => eb.fn.max<number | null>('version').as('version'))
        .executeTakeFirstOrThrow();
      if (newest.version !== null && newest.version > latest) {
        throw new Error(`database schema version ${newest.version} is newer than this software (${latest})`);
      }
      const done = await tx
        .selectFrom('schema_migrations')
        .select('version')
        .where('version', '=', migration.version)
        .executeTakeFirst();
      if (done !== undefined) return false;
      for (const statement of migration.statements(dialect)) await sql.raw(statement).execute(tx);
      await tx
        .insertInto('schema_migrations')
        .values({ version: migration.version, name: migration.name, applied_at: clock.now().getTime() })
        .execute();
      return true;
    });
    if (ran) applied.push(migration.version);
  }
  return applied;
}
