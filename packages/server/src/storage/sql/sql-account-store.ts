/**
 * AccountStore on SQL (SQLite or PostgreSQL through Kysely): provider domains and PEC mailboxes.
 * Addresses and domain names are lower-cased on the way in; a mailbox's domain must exist.
 */
import {
  sql,
  type Expression,
  type ExpressionBuilder,
  type Selectable,
  type SqlBool,
  type Updateable,
} from 'kysely';
import type {
  AccountStore,
  Mailbox,
  MailboxPatch,
  MailboxQuery,
  MailboxStatus,
  OrdinaryMailPolicy,
  ProviderDomain,
} from '../../ports/account-store.ts';
import { StorageError } from '../../ports/storage-error.ts';
import type { Database, DomainsTable, MailboxesTable } from './schema.ts';
import {
  isForeignKeyViolation,
  isUniqueViolation,
  toDate,
  toMillis,
  type SqlContext,
} from './sql-context.ts';

export function createSqlAccountStore(ctx: SqlContext): AccountStore {
  const { db } = ctx;
  const now = (): number => ctx.clock.now().getTime();

  async function requireMailbox(id: number): Promise<Mailbox> {
    const mailbox = await getMailbox(id);
    if (mailbox === undefined) throw new StorageError('not-found', `no mailbox ${id}`);
    return mailbox;
  }

  async function getMailbox(id: number): Promise<Mailbox | undefined> {
    const row = await db.selectFrom('mailboxes').selectAll().where('id', '=', id).executeTakeFirst();
    return row === undefined ? undefined : toMailbox(row);
  }

  return {
    async addDomain(domain) {
      const row = {
        name: domain.name.toLowerCase(),
        description: domain.description ?? null,
        created_at: now(),
      };
      if ((await this.getDomain(row.name)) !== undefined) {
        throw new StorageError('conflict', `domain ${row.name} exists`);
      }
      try {
        await db.insertInto('domains').values(row).execute();
      } catch (error) {
        if (isUniqueViolation(error)) throw new StorageError('conflict', `domain ${row.name} exists`);
        throw error;
      }
      return toDomain(row);
    },

    async getDomain(name) {
      const row = await db
        .selectFrom('domains')
        .selectAll()
        .where('name', '=', name.toLowerCase())
        .executeTakeFirst();
      return row === undefined ? undefined : toDomain(row);
    },

    async listDomains() {
      const rows = await db.selectFrom('domains').selectAll().orderBy('name').execute();
      return rows.map(toDomain);
    },

    async removeDomain(name) {
      const domain = name.toLowerCase();
      const used = await db
        .selectFrom('mailboxes')
        .select('id')
        .where('domain', '=', domain)
        .limit(1)
        .executeTakeFirst();
      if (used !== undefined) throw new StorageError('conflict', `domain ${domain} still has mailboxes`);
      try {
        const result = await db.deleteFrom('domains').where('name', '=', domain).executeTakeFirst();
        return result.numDeletedRows > 0n;
      } catch (error) {
        // A mailbox was created on the domain between the check and the delete.
        if (isForeignKeyViolation(error))
          throw new StorageError('conflict', `domain ${domain} still has mailboxes`);
        throw error;
      }
    },

    async createMailbox(mailbox) {
      const address = mailbox.address.toLowerCase();
      const at = address.lastIndexOf('@');
      if (at <= 0 || at === address.length - 1) {
        throw new StorageError('invalid', `not an address: ${mailbox.address}`);
      }
      const domain = address.slice(at + 1);
      if ((await this.getDomain(domain)) === undefined) {
        throw new StorageError('not-found', `domain ${domain} is not a provider domain`);
      }
      if ((await this.findMailboxByAddress(address)) !== undefined) {
        throw new StorageError('conflict', `mailbox ${address} exists`);
      }
      const stamp = now();
      try {
        const row = await db
          .insertInto('mailboxes')
          .values({
            address,
            domain,
            holder_name: mailbox.holderName,
            holder_tax_code: mailbox.holderTaxCode ?? null,
            contact_email: mailbox.contactEmail ?? null,
            mobile: mailbox.mobile ?? null,
            plan: mailbox.plan ?? null,
            quota_bytes: mailbox.quotaBytes,
            status: mailbox.status ?? 'active',
            activated_at: toMillis(mailbox.activatedAt),
            expires_at: toMillis(mailbox.expiresAt),
            ordinary_mail_policy: mailbox.ordinaryMailPolicy ?? 'reject',
            forward_address: mailbox.forwardAddress ?? null,
            password_hash: mailbox.passwordHash ?? null,
            created_at: stamp,
            updated_at: stamp,
          })
          .returningAll()
          .executeTakeFirstOrThrow();
        return toMailbox(row);
      } catch (error) {
        if (isUniqueViolation(error)) throw new StorageError('conflict', `mailbox ${address} exists`);
        if (isForeignKeyViolation(error)) throw new StorageError('not-found', `domain ${domain} was removed`);
        throw error;
      }
    },

    getMailbox,

    async findMailboxByAddress(address) {
      const row = await db
        .selectFrom('mailboxes')
        .selectAll()
        .where('address', '=', address.toLowerCase())
        .executeTakeFirst();
      return row === undefined ? undefined : toMailbox(row);
    },

    async listMailboxes(query = {}) {
      let select = db
        .selectFrom('mailboxes')
        .selectAll()
        .where((eb) => mailboxFilter(eb, query))
        .orderBy('address');
      if (query.limit !== undefined || query.offset !== undefined) {
        select = select.limit(query.limit ?? Number.MAX_SAFE_INTEGER).offset(query.offset ?? 0);
      }
      return (await select.execute()).map(toMailbox);
    },

    async countMailboxes(query = {}) {
      const row = await db
        .selectFrom('mailboxes')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where((eb) => mailboxFilter(eb, query))
        .executeTakeFirstOrThrow();
      return row.n;
    },

    async updateMailbox(id, patch) {
      const changes = patchColumns(patch);
      const result = await db
        .updateTable('mailboxes')
        .set({ ...changes, updated_at: now() })
        .where('id', '=', id)
        .executeTakeFirst();
      if (result.numUpdatedRows === 0n) throw new StorageError('not-found', `no mailbox ${id}`);
      return requireMailbox(id);
    },

    async deleteMailbox(id) {
      const result = await db.deleteFrom('mailboxes').where('id', '=', id).executeTakeFirst();
      return result.numDeletedRows > 0n;
    },

    async getPasswordHash(id) {
      const row = await db
        .selectFrom('mailboxes')
        .select('password_hash')
        .where('id', '=', id)
        .executeTakeFirst();
      return row?.password_hash;
    },

    async setPasswordHash(id, passwordHash) {
      const result = await db
        .updateTable('mailboxes')
        .set({ password_hash: passwordHash, updated_at: now() })
        .where('id', '=', id)
        .executeTakeFirst();
      if (result.numUpdatedRows === 0n) throw new StorageError('not-found', `no mailbox ${id}`);
    },

    async recordLoginFailure(id, at) {
      const row = await db
        .updateTable('mailboxes')
        .set((eb) => ({ failed_logins: eb('failed_logins', '+', 1), last_failed_login_at: at.getTime() }))
        .where('id', '=', id)
        .returning('failed_logins')
        .executeTakeFirst();
      if (row === undefined) throw new StorageError('not-found', `no mailbox ${id}`);
      return row.failed_logins;
    },

    async recordLoginSuccess(id, at) {
      const result = await db
        .updateTable('mailboxes')
        .set({ failed_logins: 0, last_login_at: at.getTime() })
        .where('id', '=', id)
        .executeTakeFirst();
      if (result.numUpdatedRows === 0n) throw new StorageError('not-found', `no mailbox ${id}`);
    },
  };
}

function mailboxFilter(
  eb: ExpressionBuilder<Database, 'mailboxes'>,
  query: Omit<MailboxQuery, 'limit' | 'offset'>,
): Expression<SqlBool> {
  const conditions: Expression<SqlBool>[] = [];
  if (query.domain !== undefined) conditions.push(eb('domain', '=', query.domain.toLowerCase()));
  if (query.status !== undefined) conditions.push(eb('status', '=', query.status));
  if (query.search !== undefined && query.search !== '') {
    const pattern = `%${query.search.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    conditions.push(
      eb.or([
        sql<SqlBool>`${eb.ref('address')} like ${pattern} escape '\\'`,
        sql<SqlBool>`lower(${eb.ref('holder_name')}) like ${pattern} escape '\\'`,
      ]),
    );
  }
  return eb.and(conditions);
}

function patchColumns(patch: MailboxPatch): Updateable<MailboxesTable> {
  const columns: Updateable<MailboxesTable> = {};
  if (patch.holderName !== undefined) columns.holder_name = patch.holderName;
  if (patch.holderTaxCode !== undefined) columns.holder_tax_code = patch.holderTaxCode;
  if (patch.contactEmail !== undefined) columns.contact_email = patch.contactEmail;
  if (patch.mobile !== undefined) columns.mobile = patch.mobile;
  if (patch.plan !== undefined) columns.plan = patch.plan;
  if (patch.quotaBytes !== undefined) columns.quota_bytes = patch.quotaBytes;
  if (patch.status !== undefined) columns.status = patch.status;
  if (patch.activatedAt !== undefined) columns.activated_at = toMillis(patch.activatedAt);
  if (patch.expiresAt !== undefined) columns.expires_at = toMillis(patch.expiresAt);
  if (patch.ordinaryMailPolicy !== undefined) columns.ordinary_mail_policy = patch.ordinaryMailPolicy;
  if (patch.forwardAddress !== undefined) columns.forward_address = patch.forwardAddress;
  return columns;
}

function toDomain(row: Selectable<DomainsTable>): ProviderDomain {
  return { name: row.name, description: row.description, createdAt: new Date(row.created_at) };
}

function toMailbox(row: Selectable<MailboxesTable>): Mailbox {
  return {
    id: row.id,
    address: row.address,
    domain: row.domain,
    holderName: row.holder_name,
    holderTaxCode: row.holder_tax_code,
    contactEmail: row.contact_email,
    mobile: row.mobile,
    plan: row.plan,
    quotaBytes: row.quota_bytes,
    usedBytes: row.used_bytes,
    status: row.status as MailboxStatus,
    activatedAt: toDate(row.activated_at),
    expiresAt: toDate(row.expires_at),
    ordinaryMailPolicy: row.ordinary_mail_policy as OrdinaryMailPolicy,
    forwardAddress: row.forward_address,
    failedLogins: row.failed_logins,
    lastFailedLoginAt: toDate(row.last_failed_login_at),
    lastLoginAt: toDate(row.last_login_at),
    createdAt: new Date(row.created_at),
    updatedAt: new Date(row.updated_at),
  };
}
