/**
 * HolderPreferenceStore on SQL (SQLite or PostgreSQL), table `holder_preferences` of
 * migrations/0018-holder-preferences.ts: one JSON text per box, replaced whole (upsert).
 */
import type { HolderPreferenceStore } from '../../ports/holder-preference-store.ts';
import type { SqlContext } from './sql-context.ts';

export interface HolderPreferenceTable {
  mailbox_id: number;
  preferences: string;
  updated_at: number;
}

export function createSqlHolderPreferenceStore(ctx: SqlContext): HolderPreferenceStore {
  const db = ctx.db.withTables<{ holder_preferences: HolderPreferenceTable }>();
  return {
    async get(mailboxId) {
      const row = await db
        .selectFrom('holder_preferences')
        .select('preferences')
        .where('mailbox_id', '=', mailboxId)
        .executeTakeFirst();
      return row?.preferences;
    },
    async put(mailboxId, preferences, updatedAt) {
      await db
        .insertInto('holder_preferences')
        .values({ mailbox_id: mailboxId, preferences, updated_at: updatedAt.getTime() })
        .onConflict((oc) =>
          oc.column('mailbox_id').doUpdateSet({ preferences, updated_at: updatedAt.getTime() }),
        )
        .execute();
    },
  };
}
