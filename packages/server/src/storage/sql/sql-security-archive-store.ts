/**
 * SecurityArchiveStore on SQL (SQLite or PostgreSQL), table `security_archive_settings` of
 * migrations/0029-security-archive.ts. Kinds are stored as a comma-separated list.
 */
import {
  archiveKinds,
  defaultArchiveSettings,
  type ArchiveKind,
  type SecurityArchiveSettings,
  type SecurityArchiveStore,
} from '../../ports/security-archive-store.ts';
import type { SqlContext } from './sql-context.ts';

interface SecurityArchiveSettingsTable {
  mailbox_id: number;
  enabled: number;
  kinds: string;
  manual_deletion: number;
  enabled_at: number | null;
  full_notice_at: number | null;
  updated_at: number;
}

function kindsOf(text: string): ArchiveKind[] {
  const listed = new Set(text.split(','));
  return archiveKinds.filter((kind) => listed.has(kind));
}

function toSettings(row: SecurityArchiveSettingsTable): SecurityArchiveSettings {
  return {
    enabled: row.enabled === 1,
    kinds: kindsOf(row.kinds),
    manualDeletion: row.manual_deletion === 1,
    enabledAt: row.enabled_at === null ? null : new Date(row.enabled_at),
    fullNoticeAt: row.full_notice_at === null ? null : new Date(row.full_notice_at),
  };
}

export function createSqlSecurityArchiveStore(ctx: SqlContext): SecurityArchiveStore {
  const db = ctx.db.withTables<{ security_archive_settings: SecurityArchiveSettingsTable }>();

  async function get(mailboxId: number): Promise<SecurityArchiveSettings> {
    const row = await db
      .selectFrom('security_archive_settings')
      .selectAll()
      .where('mailbox_id', '=', mailboxId)
      .executeTakeFirst();
    return row === undefined ? defaultArchiveSettings : toSettings(row);
  }

  return {
    get,

    async save(mailboxId, settings, at) {
      const before = await get(mailboxId);
      const enabledAt = settings.enabled ? (before.enabled ? before.enabledAt : at) : before.enabledAt;
      const values = {
        enabled: settings.enabled ? 1 : 0,
        kinds: archiveKinds.filter((kind) => settings.kinds.includes(kind)).join(','),
        manual_deletion: settings.manualDeletion ? 1 : 0,
        enabled_at: enabledAt?.getTime() ?? null,
        updated_at: at.getTime(),
      };
      await db
        .insertInto('security_archive_settings')
        .values({ mailbox_id: mailboxId, full_notice_at: null, ...values })
        .onConflict((oc) => oc.column('mailbox_id').doUpdateSet(values))
        .execute();
      return get(mailboxId);
    },

    async claimFullNotice(mailboxId, at) {
      const result = await db
        .updateTable('security_archive_settings')
        .set({ full_notice_at: at.getTime() })
        .where('mailbox_id', '=', mailboxId)
        .where('full_notice_at', 'is', null)
        .executeTakeFirst();
      return result.numUpdatedRows > 0n;
    },

    async clearFullNotice(mailboxId) {
      await db
        .updateTable('security_archive_settings')
        .set({ full_notice_at: null })
        .where('mailbox_id', '=', mailboxId)
        .execute();
    },
  };
}
