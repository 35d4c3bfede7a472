/**
 * PlanStore on SQL (SQLite or PostgreSQL): the `plans` table of migrations/0013-box-life.ts,
 * declared here and added to the shared Database type with `withTables`. Names are lower-cased.
 */
import type { Selectable } from 'kysely';
import type { Plan, PlanStore } from '../../ports/plan-store.ts';
import { StorageError } from '../../ports/storage-error.ts';
import { isUniqueViolation, type SqlContext } from './sql-context.ts';

export interface PlansTable {
  name: string;
  description: string;
  box_quota_bytes: number;
  archive_quota_bytes: number;
  sms_included: number;
  duration_months: number;
  price_cents: number;
  created_at: number;
  updated_at: number;
}

const key = (name: string): string => name.trim().toLowerCase();

export function createSqlPlanStore(ctx: SqlContext): PlanStore {
  const db = ctx.db.withTables<{ plans: PlansTable }>();

  async function get(name: string): Promise<Plan | undefined> {
    const row = await db.selectFrom('plans').selectAll().where('name', '=', key(name)).executeTakeFirst();
    return row === undefined ? undefined : toPlan(row);
  }

  return {
    async add(plan) {
      const now = ctx.clock.now().getTime();
      try {
        await db
          .insertInto('plans')
          .values({
            name: key(plan.name),
            description: plan.description,
            box_quota_bytes: plan.boxQuotaBytes,
            archive_quota_bytes: plan.archiveQuotaBytes,
            sms_included: plan.smsIncluded ? 1 : 0,
            duration_months: plan.durationMonths,
            price_cents: plan.priceCents,
            created_at: now,
            updated_at: now,
          })
          .execute();
      } catch (error) {
        if (isUniqueViolation(error)) throw new StorageError('conflict', `plan ${key(plan.name)} exists`);
        throw error;
      }
      const added = await get(plan.name);
      if (added === undefined) throw new StorageError('not-found', `plan ${key(plan.name)} vanished`);
      return added;
    },

    get,

    async list() {
      const rows = await db.selectFrom('plans').selectAll().orderBy('name').execute();
      return rows.map(toPlan);
    },

    async update(name, patch) {
      const columns: Partial<PlansTable> = { updated_at: ctx.clock.now().getTime() };
      if (patch.description !== undefined) columns.description = patch.description;
      if (patch.boxQuotaBytes !== undefined) columns.box_quota_bytes = patch.boxQuotaBytes;
      if (patch.archiveQuotaBytes !== undefined) columns.archive_quota_bytes = patch.archiveQuotaBytes;
      if (patch.smsIncluded !== undefined) columns.sms_included = patch.smsIncluded ? 1 : 0;
      if (patch.durationMonths !== undefined) columns.duration_months = patch.durationMonths;
      if (patch.priceCents !== undefined) columns.price_cents = patch.priceCents;
      const result = await db
        .updateTable('plans')
        .set(columns)
        .where('name', '=', key(name))
        .executeTakeFirst();
      if (result.numUpdatedRows === 0n) throw new StorageError('not-found', `no plan ${key(name)}`);
      const updated = await get(name);
      if (updated === undefined) throw new StorageError('not-found', `no plan ${key(name)}`);
      return updated;
    },
  };
}

function toPlan(row: Selectable<PlansTable>): Plan {
  return {
    name: row.name,
    description: row.description,
    boxQuotaBytes: row.box_quota_bytes,
    archiveQuotaBytes: row.archive_quota_bytes,
    smsIncluded: row.sms_included === 1,
    durationMonths: row.duration_months,
    priceCents: row.price_cents,
    createdAt: new Date(row.created_at),
    updatedAt: new Date(row.updated_at),
  };
}
