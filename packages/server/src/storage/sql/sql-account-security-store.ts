/**
 * AccountSecurityStore on SQL (SQLite or PostgreSQL), the tables of
 * migrations/0012-account-security.ts. Replays of a TOTP step and double use of a recovery code
 * are refused by conditional updates, so two nodes answering at once cannot both accept.
 */
import type { Generated } from 'kysely';
import type { AccountSecurityStore, AppPasswordRecord } from '../../ports/account-security-store.ts';
import { atomically, isUniqueViolation, type SqlContext } from './sql-context.ts';

export type AccountSecurityTables = {
  totp_keys: { mailbox_id: number; secret: string; enabled_at: number | null; last_step: number };
  recovery_codes: { mailbox_id: number; code_hash: string; used_at: number | null };
  app_passwords: {
    id: Generated<number>;
    mailbox_id: number;
    name: string;
    password_hash: string;
    created_at: number;
    last_used_at: number | null;
  };
  known_origins: {
    mailbox_id: number;
    kind: string;
    origin: string;
    first_seen_at: number;
    last_seen_at: number;
  };
  access_flags: { access_log_id: number };
};

interface AppPasswordRow {
  id: number;
  mailbox_id: number;
  name: string;
  password_hash: string;
  created_at: number;
  last_used_at: number | null;
}

function appPassword(row: AppPasswordRow): AppPasswordRecord {
  return {
    id: row.id,
    mailboxId: row.mailbox_id,
    name: row.name,
    passwordHash: row.password_hash,
    createdAt: new Date(row.created_at),
    lastUsedAt: row.last_used_at === null ? null : new Date(row.last_used_at),
  };
}

export function createSqlAccountSecurityStore(ctx: SqlContext): AccountSecurityStore {
  const db = ctx.db.withTables<AccountSecurityTables>();

  return {
    async getTotp(mailboxId) {
      const row = await db
        .selectFrom('totp_keys')
        .selectAll()
        .where('mailbox_id', '=', mailboxId)
        .executeTakeFirst();
      if (row === undefined) return undefined;
      return {
        mailboxId,
        secret: new Uint8Array(Buffer.from(row.secret, 'hex')),
        enabledAt: row.enabled_at === null ? null : new Date(row.enabled_at),
        lastStep: row.last_step,
      };
    },

    async setPendingTotp(mailboxId, secret) {
      const hex = Buffer.from(secret).toString('hex');
      await atomically(ctx, async (trx) => {
        const tx = trx.withTables<AccountSecurityTables>();
        const row = await tx
          .selectFrom('totp_keys')
          .select('enabled_at')
          .where('mailbox_id', '=', mailboxId)
          .executeTakeFirst();
        if (row === undefined) {
          await tx
            .insertInto('totp_keys')
            .values({ mailbox_id: mailboxId, secret: hex, enabled_at: null, last_step: 0 })
            .execute();
        } else if (row.enabled_at === null) {
          await tx
            .updateTable('totp_keys')
            .set({ secret: hex, last_step: 0 })
            .where('mailbox_id', '=', mailboxId)
            .execute();
        }
      });
    },

    async enableTotp(mailboxId, at, step) {
      const result = await db
        .updateTable('totp_keys')
        .set({ enabled_at: at.getTime(), last_step: step })
        .where('mailbox_id', '=', mailboxId)
        .where('enabled_at', 'is', null)
        .executeTakeFirst();
      return result.numUpdatedRows > 0n;
    },

    async useTotpStep(mailboxId, step) {
      const result = await db
        .updateTable('totp_keys')
        .set({ last_step: step })
        .where('mailbox_id', '=', mailboxId)
        .where('last_step', '<', step)
        .executeTakeFirst();
      return result.numUpdatedRows > 0n;
    },

    async removeTotp(mailboxId) {
      await atomically(ctx, async (trx) => {
        const tx = trx.withTables<AccountSecurityTables>();
        await tx.deleteFrom('recovery_codes').where('mailbox_id', '=', mailboxId).execute();
        await tx.deleteFrom('totp_keys').where('mailbox_id', '=', mailboxId).execute();
      });
    },

    async replaceRecoveryCodes(mailboxId, codeHashes) {
      await atomically(ctx, async (trx) => {
        const tx = trx.withTables<AccountSecurityTables>();
        await tx.deleteFrom('recovery_codes').where('mailbox_id', '=', mailboxId).execute();
        if (codeHashes.length > 0)
          await tx
            .insertInto('recovery_codes')
            .values(
              codeHashes.map((codeHash) => ({ mailbox_id: mailboxId, code_hash: codeHash, used_at: null })),
            )
            .execute();
      });
    },

    async useRecoveryCode(mailboxId, codeHash, at) {
      const result = await db
        .updateTable('recovery_codes')
        .set({ used_at: at.getTime() })
        .where('mailbox_id', '=', mailboxId)
        .where('code_hash', '=', codeHash)
        .where('used_at', 'is', null)
        .executeTakeFirst();
      return result.numUpdatedRows > 0n;
    },

    async countRecoveryCodes(mailboxId) {
      const row = await db
        .selectFrom('recovery_codes')
        .select((eb) => eb.fn.countAll<number | string>().as('count'))
        .where('mailbox_id', '=', mailboxId)
        .where('used_at', 'is', null)
        .executeTakeFirstOrThrow();
      return Number(row.count);
    },

    async addAppPassword(mailboxId, name, passwordHash, at) {
      const row = await db
        .insertInto('app_passwords')
        .values({
          mailbox_id: mailboxId,
          name,
          password_hash: passwordHash,
          created_at: at.getTime(),
          last_used_at: null,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      return appPassword(row);
    },

    async listAppPasswords(mailboxId) {
      const rows = await db
        .selectFrom('app_passwords')
        .selectAll()
        .where('mailbox_id', '=', mailboxId)
        .orderBy('id')
        .execute();
      return rows.map(appPassword);
    },

    async touchAppPassword(id, at) {
      await db
        .updateTable('app_passwords')
        .set({ last_used_at: at.getTime() })
        .where('id', '=', id)
        .execute();
    },

    async removeAppPassword(mailboxId, id) {
      const result = await db
        .deleteFrom('app_passwords')
        .where('mailbox_id', '=', mailboxId)
        .where('id', '=', id)
        .executeTakeFirst();
      return result.numDeletedRows > 0n;
    },

    async removeAllAppPasswords(mailboxId) {
      const result = await db
        .deleteFrom('app_passwords')
        .where('mailbox_id', '=', mailboxId)
        .executeTakeFirst();
      return Number(result.numDeletedRows);
    },

    async rememberOrigin(mailboxId, kind, key, at) {
      const updated = await db
        .updateTable('known_origins')
        .set({ last_seen_at: at.getTime() })
        .where('mailbox_id', '=', mailboxId)
        .where('kind', '=', kind)
        .where('origin', '=', key)
        .executeTakeFirst();
      if (updated.numUpdatedRows > 0n) return false;
      try {
        await db
          .insertInto('known_origins')
          .values({
            mailbox_id: mailboxId,
            kind,
            origin: key,
            first_seen_at: at.getTime(),
            last_seen_at: at.getTime(),
          })
          .execute();
        return true;
      } catch (error) {
        // Another node remembered it between our update and insert: it is known now.
        if (isUniqueViolation(error)) return false;
        throw error;
      }
    },

    async hasOrigins(mailboxId) {
      const row = await db
        .selectFrom('known_origins')
        .select('mailbox_id')
        .where('mailbox_id', '=', mailboxId)
        .limit(1)
        .executeTakeFirst();
      return row !== undefined;
    },

    async flagAccess(accessLogId) {
      try {
        await db.insertInto('access_flags').values({ access_log_id: accessLogId }).execute();
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
      }
    },

    async flaggedAccesses(accessLogIds) {
      if (accessLogIds.length === 0) return new Set();
      const rows = await db
        .selectFrom('access_flags')
        .select('access_log_id')
        .where('access_log_id', 'in', [...accessLogIds])
        .execute();
      return new Set(rows.map((row) => row.access_log_id));
    },
  };
}
