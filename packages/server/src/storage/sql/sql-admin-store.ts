/**
 * AdminStore on SQL (SQLite or PostgreSQL), tables `admin_principals`, `admin_principal_domains`,
 * `admin_sessions` and `domain_settings` of migrations/0015-administration.ts.
 */
import type { OrdinaryMailPolicy } from '../../ports/account-store.ts';
import type {
  AdminPrincipalRecord,
  AdminRole,
  AdminSessionRecord,
  AdminStore,
  DomainAntispam,
  DomainSettings,
} from '../../ports/admin-store.ts';
import type { SpamAction } from '../../ports/incoming-settings-store.ts';
import { StorageError } from '../../ports/storage-error.ts';
import {
  atomically,
  isForeignKeyViolation,
  isUniqueViolation,
  toDate,
  type SqlContext,
} from './sql-context.ts';

export interface AdminPrincipalTable {
  id: number;
  email: string;
  role: string;
  display_name: string;
  password_hash: string | null;
  totp_secret: string | null;
  created_at: number;
  last_sign_in_at: number | null;
  disabled_at: number | null;
}

export interface AdminPrincipalDomainTable {
  principal_id: number;
  domain: string;
}

export interface AdminSessionTable {
  id_hash: string;
  principal_id: number;
  created_at: number;
  last_seen_at: number;
  expires_at: number;
  user_agent: string | null;
  remote_address: string;
  second_factor_pending: number;
}

export interface DomainSettingsTable {
  domain: string;
  box_allowance: number | null;
  ordinary_mail_policy: string | null;
  /** JSON array of plan names; null: every plan. */
  allowed_plans: string | null;
  antispam_enabled: number | null;
  spam_threshold: number | null;
  spam_action: string | null;
  updated_at: number;
}

type Tables = {
  admin_principals: AdminPrincipalTable;
  admin_principal_domains: AdminPrincipalDomainTable;
  admin_sessions: AdminSessionTable;
  domain_settings: DomainSettingsTable;
  domains: { name: string };
};

function sessionOf(row: AdminSessionTable): AdminSessionRecord {
  return {
    idHash: row.id_hash,
    principalId: row.principal_id,
    createdAt: new Date(row.created_at),
    lastSeenAt: new Date(row.last_seen_at),
    expiresAt: new Date(row.expires_at),
    userAgent: row.user_agent,
    remoteAddress: row.remote_address,
    secondFactorPending: row.second_factor_pending === 1,
  };
}

function plansOf(stored: string | null): string[] | null {
  return stored === null ? null : (JSON.parse(stored) as string[]);
}

/** The domain's default antispam choices; null when they were never set (decision 0039). */
export function antispamOf(
  row: Pick<DomainSettingsTable, 'antispam_enabled' | 'spam_threshold' | 'spam_action'>,
): DomainAntispam | null {
  if (row.antispam_enabled === null || row.spam_threshold === null || row.spam_action === null) return null;
  return {
    enabled: row.antispam_enabled === 1,
    threshold: row.spam_threshold,
    action: row.spam_action as SpamAction,
  };
}

export function createSqlAdminStore(ctx: SqlContext): AdminStore {
  const db = ctx.db.withTables<Tables>();

  async function withDomains(rows: AdminPrincipalTable[]): Promise<AdminPrincipalRecord[]> {
    if (rows.length === 0) return [];
    const links = await db
      .selectFrom('admin_principal_domains')
      .selectAll()
      .where(
        'principal_id',
        'in',
        rows.map((row) => row.id),
      )
      .orderBy('domain')
      .execute();
    return rows.map((row) => ({
      id: row.id,
      email: row.email,
      role: row.role as AdminRole,
      displayName: row.display_name,
      passwordHash: row.password_hash,
      totpSecret: row.totp_secret,
      domains: links.filter((link) => link.principal_id === row.id).map((link) => link.domain),
      createdAt: new Date(row.created_at),
      lastSignInAt: toDate(row.last_sign_in_at === null ? null : row.last_sign_in_at),
      disabledAt: toDate(row.disabled_at),
    }));
  }

  async function one(rows: AdminPrincipalTable[]): Promise<AdminPrincipalRecord | undefined> {
    return (await withDomains(rows))[0];
  }

  return {
    async createPrincipal(principal) {
      const email = principal.email.trim().toLowerCase();
      try {
        return await atomically(ctx, async (trx) => {
          const tdb = trx.withTables<Tables>();
          const row = await tdb
            .insertInto('admin_principals')
            .values({
              email,
              role: principal.role,
              display_name: principal.displayName,
              password_hash: principal.passwordHash,
              totp_secret: null,
              created_at: principal.createdAt.getTime(),
              last_sign_in_at: null,
              disabled_at: null,
            } as Omit<AdminPrincipalTable, 'id'> as AdminPrincipalTable)
            .returningAll()
            .executeTakeFirstOrThrow();
          for (const domain of [...new Set(principal.domains.map((d) => d.trim().toLowerCase()))]) {
            const known = await tdb
              .selectFrom('domains')
              .select('name')
              .where('name', '=', domain)
              .executeTakeFirst();
            if (known === undefined) throw new StorageError('not-found', `no domain ${domain}`);
            await tdb
              .insertInto('admin_principal_domains')
              .values({ principal_id: row.id, domain })
              .execute();
          }
          const links = await tdb
            .selectFrom('admin_principal_domains')
            .select('domain')
            .where('principal_id', '=', row.id)
            .orderBy('domain')
            .execute();
          return {
            id: row.id,
            email: row.email,
            role: row.role as AdminRole,
            displayName: row.display_name,
            passwordHash: row.password_hash,
            totpSecret: row.totp_secret,
            domains: links.map((link) => link.domain),
            createdAt: new Date(row.created_at),
            lastSignInAt: null,
            disabledAt: null,
          };
        });
      } catch (error) {
        if (isUniqueViolation(error))
          throw new StorageError('conflict', `principal ${email} exists`, { cause: error });
        if (isForeignKeyViolation(error))
          throw new StorageError('not-found', 'unknown domain', { cause: error });
        throw error;
      }
    },

    async findPrincipal(email) {
      return one(
        await db
          .selectFrom('admin_principals')
          .selectAll()
          .where('email', '=', email.trim().toLowerCase())
          .execute(),
      );
    },

    async getPrincipal(id) {
      return one(await db.selectFrom('admin_principals').selectAll().where('id', '=', id).execute());
    },

    async listPrincipals(role) {
      let query = db.selectFrom('admin_principals').selectAll().orderBy('email');
      if (role !== undefined) query = query.where('role', '=', role);
      return withDomains(await query.execute());
    },

    async removePrincipal(id) {
      return atomically(ctx, async (trx) => {
        const tdb = trx.withTables<Tables>();
        await tdb.deleteFrom('admin_sessions').where('principal_id', '=', id).execute();
        await tdb.deleteFrom('admin_principal_domains').where('principal_id', '=', id).execute();
        const result = await tdb.deleteFrom('admin_principals').where('id', '=', id).executeTakeFirst();
        return result.numDeletedRows > 0n;
      });
    },

    async setPrincipalDomains(id, domains) {
      await atomically(ctx, async (trx) => {
        const tdb = trx.withTables<Tables>();
        const row = await tdb
          .selectFrom('admin_principals')
          .select('id')
          .where('id', '=', id)
          .executeTakeFirst();
        if (row === undefined) throw new StorageError('not-found', `no principal ${String(id)}`);
        await tdb.deleteFrom('admin_principal_domains').where('principal_id', '=', id).execute();
        for (const domain of [...new Set(domains.map((d) => d.trim().toLowerCase()))]) {
          const known = await tdb
            .selectFrom('domains')
            .select('name')
            .where('name', '=', domain)
            .executeTakeFirst();
          if (known === undefined) throw new StorageError('not-found', `no domain ${domain}`);
          await tdb.insertInto('admin_principal_domains').values({ principal_id: id, domain }).execute();
        }
      });
      const changed = await one(
        await db.selectFrom('admin_principals').selectAll().where('id', '=', id).execute(),
      );
      if (changed === undefined) throw new StorageError('not-found', `no principal ${String(id)}`);
      return changed;
    },

    async setPasswordHash(id, passwordHash) {
      const result = await db
        .updateTable('admin_principals')
        .set({ password_hash: passwordHash })
        .where('id', '=', id)
        .executeTakeFirst();
      if (result.numUpdatedRows === 0n) throw new StorageError('not-found', `no principal ${String(id)}`);
    },

    async setTotpSecret(id, secret) {
      await db.updateTable('admin_principals').set({ totp_secret: secret }).where('id', '=', id).execute();
    },

    async recordSignIn(id, at) {
      await db
        .updateTable('admin_principals')
        .set({ last_sign_in_at: at.getTime() })
        .where('id', '=', id)
        .execute();
    },

    async insertSession(session) {
      await db
        .insertInto('admin_sessions')
        .values({
          id_hash: session.idHash,
          principal_id: session.principalId,
          created_at: session.createdAt.getTime(),
          last_seen_at: session.lastSeenAt.getTime(),
          expires_at: session.expiresAt.getTime(),
          user_agent: session.userAgent,
          remote_address: session.remoteAddress,
          second_factor_pending: session.secondFactorPending ? 1 : 0,
        })
        .execute();
    },

    async findSession(idHash) {
      const row = await db
        .selectFrom('admin_sessions')
        .selectAll()
        .where('id_hash', '=', idHash)
        .executeTakeFirst();
      return row === undefined ? undefined : sessionOf(row);
    },

    async touchSession(idHash, at) {
      await db
        .updateTable('admin_sessions')
        .set({ last_seen_at: at.getTime() })
        .where('id_hash', '=', idHash)
        .where('last_seen_at', '<', at.getTime())
        .execute();
    },

    async removeSession(idHash) {
      await db.deleteFrom('admin_sessions').where('id_hash', '=', idHash).execute();
    },

    async removeSessionsOf(principalId) {
      const result = await db
        .deleteFrom('admin_sessions')
        .where('principal_id', '=', principalId)
        .executeTakeFirst();
      return Number(result.numDeletedRows);
    },

    async purgeSessions(now, idleBefore) {
      const result = await db
        .deleteFrom('admin_sessions')
        .where((eb) =>
          eb.or([eb('expires_at', '<=', now.getTime()), eb('last_seen_at', '<', idleBefore.getTime())]),
        )
        .executeTakeFirst();
      return Number(result.numDeletedRows);
    },

    async getDomainSettings(domain) {
      const name = domain.trim().toLowerCase();
      const row = await db
        .selectFrom('domain_settings')
        .selectAll()
        .where('domain', '=', name)
        .executeTakeFirst();
      return {
        domain: name,
        boxAllowance: row?.box_allowance === null || row === undefined ? null : row.box_allowance,
        ordinaryMailPolicy: (row?.ordinary_mail_policy ?? null) as OrdinaryMailPolicy | null,
        allowedPlans: plansOf(row?.allowed_plans ?? null),
        antispam: row === undefined ? null : antispamOf(row),
      };
    },

    async updateDomainSettings(domain, patch, at) {
      const name = domain.trim().toLowerCase();
      return atomically(ctx, async (trx) => {
        const tdb = trx.withTables<Tables>();
        const known = await tdb
          .selectFrom('domains')
          .select('name')
          .where('name', '=', name)
          .executeTakeFirst();
        if (known === undefined) throw new StorageError('not-found', `no domain ${name}`);
        const row = await tdb
          .selectFrom('domain_settings')
          .selectAll()
          .where('domain', '=', name)
          .executeTakeFirst();
        const next: DomainSettingsTable = {
          domain: name,
          box_allowance: patch.boxAllowance === undefined ? (row?.box_allowance ?? null) : patch.boxAllowance,
          ordinary_mail_policy:
            patch.ordinaryMailPolicy === undefined
              ? (row?.ordinary_mail_policy ?? null)
              : patch.ordinaryMailPolicy,
          allowed_plans:
            patch.allowedPlans === undefined
              ? (row?.allowed_plans ?? null)
              : patch.allowedPlans === null
                ? null
                : JSON.stringify([...new Set(patch.allowedPlans)].sort()),
          ...(patch.antispam === undefined
            ? {
                antispam_enabled: row?.antispam_enabled ?? null,
                spam_threshold: row?.spam_threshold ?? null,
                spam_action: row?.spam_action ?? null,
              }
            : {
                antispam_enabled: patch.antispam === null ? null : patch.antispam.enabled ? 1 : 0,
                spam_threshold: patch.antispam?.threshold ?? null,
                spam_action: patch.antispam?.action ?? null,
              }),
          updated_at: at.getTime(),
        };
        if (row === undefined) await tdb.insertInto('domain_settings').values(next).execute();
        else await tdb.updateTable('domain_settings').set(next).where('domain', '=', name).execute();
        const settings: DomainSettings = {
          domain: name,
          boxAllowance: next.box_allowance === null ? null : next.box_allowance,
          ordinaryMailPolicy: next.ordinary_mail_policy as OrdinaryMailPolicy | null,
          allowedPlans: plansOf(next.allowed_plans),
          antispam: antispamOf(next),
        };
        return settings;
      });
    },
  };
}
