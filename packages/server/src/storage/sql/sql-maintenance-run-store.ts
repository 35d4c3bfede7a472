/**
 * MaintenanceRunStore on SQL (SQLite or PostgreSQL), table `maintenance_runs` of
 * migrations/0004-shared-state.ts: a claim is an insert that does nothing when the (task, day)
 * row exists, so of any number of nodes claiming at once exactly one inserts.
 */
import type { Selectable } from 'kysely';
import type { MaintenanceRun, MaintenanceRunStore } from '../../ports/maintenance-run-store.ts';
import type { SqlContext } from './sql-context.ts';

export interface MaintenanceRunsTable {
  task: string;
  day: string;
  node: string;
  claimed_at: number;
  finished_at: number | null;
  outcome: string | null;
}

export function createSqlMaintenanceRunStore(ctx: SqlContext): MaintenanceRunStore {
  const db = ctx.db.withTables<{ maintenance_runs: MaintenanceRunsTable }>();

  return {
    async claim(task, day, node, at) {
      const result = await db
        .insertInto('maintenance_runs')
        .values({ task, day, node, claimed_at: at.getTime(), finished_at: null, outcome: null })
        .onConflict((oc) => oc.columns(['task', 'day']).doNothing())
        .executeTakeFirst();
      return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
    },

    async finish(task, day, at, outcome) {
      await db
        .updateTable('maintenance_runs')
        .set({ finished_at: at.getTime(), outcome })
        .where('task', '=', task)
        .where('day', '=', day)
        .execute();
    },

    async list(task) {
      let query = db.selectFrom('maintenance_runs').selectAll();
      if (task !== undefined) query = query.where('task', '=', task);
      const rows = await query.orderBy('day', 'desc').orderBy('task').execute();
      return rows.map(toRun);
    },

    async purge(beforeDay) {
      const result = await db.deleteFrom('maintenance_runs').where('day', '<', beforeDay).executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}

function toRun(row: Selectable<MaintenanceRunsTable>): MaintenanceRun {
  return {
    task: row.task,
    day: row.day,
    node: row.node,
    claimedAt: new Date(row.claimed_at),
    finishedAt: row.finished_at === null ? null : new Date(row.finished_at),
    outcome: row.outcome,
  };
}
