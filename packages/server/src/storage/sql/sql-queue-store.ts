/**
 * QueueStore on SQL: the transactional outbox. Claiming selects due jobs and leases them in one
 * transaction; on PostgreSQL the selection is `FOR UPDATE SKIP LOCKED`, so concurrent workers take
 * disjoint jobs without waiting; SQLite has a single writer, which gives the same exclusivity.
 * Each claim gets a fresh lease token; completion and failure count only with the current token.
 */
import { randomUUID } from 'node:crypto';
import type { Selectable } from 'kysely';
import {
  jobStatuses,
  type Job,
  type JobStatus,
  type JsonValue,
  type QueueDepth,
  type QueueStore,
} from '../../ports/queue-store.ts';
import type { JobsTable } from './schema.ts';
import { atomically, parseJson, toDate, type SqlContext } from './sql-context.ts';

const noLease = { lease_token: null, lease_owner: null, lease_until: null };

export function createSqlQueueStore(ctx: SqlContext): QueueStore {
  const { db } = ctx;
  const now = (): number => ctx.clock.now().getTime();

  return {
    async enqueue(job) {
      const stamp = now();
      const runAt = job.runAt?.getTime() ?? stamp;
      const row = await db
        .insertInto('jobs')
        .values({
          kind: job.kind,
          payload: JSON.stringify(job.payload),
          created_at: stamp,
          updated_at: stamp,
          run_at: runAt,
          ...(job.lease === undefined
            ? { status: 'ready' }
            : {
                // Leased as a claim at runAt would lease it: one attempt, a fresh token.
                status: 'running',
                attempts: 1,
                lease_token: randomUUID(),
                lease_owner: job.lease.owner,
                lease_until: runAt + job.lease.leaseMs,
              }),
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      return toJob(row);
    },

    async claim(request) {
      const at = (request.now ?? ctx.clock.now()).getTime();
      if (request.kinds?.length === 0) return [];
      return atomically(ctx, async (tx) => {
        let candidates = tx
          .selectFrom('jobs')
          .select('id')
          .where((eb) =>
            eb.or([
              eb.and([eb('status', '=', 'ready'), eb('run_at', '<=', at)]),
              eb.and([eb('status', '=', 'running'), eb('lease_until', '<=', at)]),
            ]),
          )
          .orderBy('run_at')
          .orderBy('id')
          .limit(request.limit ?? 1);
        if (request.kinds !== undefined) candidates = candidates.where('kind', 'in', request.kinds);
        if (ctx.dialect === 'postgres') candidates = candidates.forUpdate().skipLocked();
        const ids = (await candidates.execute()).map((row) => row.id);
        if (ids.length === 0) return [];
        const rows = await tx
          .updateTable('jobs')
          .set((eb) => ({
            status: 'running',
            attempts: eb('attempts', '+', 1),
            lease_token: randomUUID(),
            lease_owner: request.owner,
            lease_until: at + request.leaseMs,
            updated_at: at,
          }))
          .where('id', 'in', ids)
          .returningAll()
          .execute();
        return rows.map(toJob).sort((a, b) => a.runAt.getTime() - b.runAt.getTime() || a.id - b.id);
      });
    },

    async complete(id, leaseToken, outcome) {
      const result = await db
        .updateTable('jobs')
        .set({
          status: 'done',
          ...noLease,
          ...(outcome === undefined ? {} : { last_error: outcome }),
          updated_at: now(),
        })
        .where('id', '=', id)
        .where('status', '=', 'running')
        .where('lease_token', '=', leaseToken)
        .executeTakeFirst();
      return result.numUpdatedRows > 0n;
    },

    async fail(id, leaseToken, failure) {
      const result = await db
        .updateTable('jobs')
        .set((eb) => ({
          status: failure.retryAt === undefined ? 'failed' : 'ready',
          run_at: failure.retryAt === undefined ? eb.ref('run_at') : failure.retryAt.getTime(),
          last_error: failure.error,
          ...noLease,
          updated_at: now(),
        }))
        .where('id', '=', id)
        .where('status', '=', 'running')
        .where('lease_token', '=', leaseToken)
        .executeTakeFirst();
      return result.numUpdatedRows > 0n;
    },

    async extendLease(id, leaseToken, leaseMs, at) {
      const stamp = (at ?? ctx.clock.now()).getTime();
      const result = await db
        .updateTable('jobs')
        .set({ lease_until: stamp + leaseMs, updated_at: stamp })
        .where('id', '=', id)
        .where('status', '=', 'running')
        .where('lease_token', '=', leaseToken)
        .executeTakeFirst();
      return result.numUpdatedRows > 0n;
    },

    async hold(id) {
      const result = await db
        .updateTable('jobs')
        .set({ status: 'held', ...noLease, updated_at: now() })
        .where('id', '=', id)
        .where('status', 'in', ['ready', 'running', 'failed'])
        .executeTakeFirst();
      return result.numUpdatedRows > 0n;
    },

    async release(id, runAt) {
      const stamp = now();
      const result = await db
        .updateTable('jobs')
        .set({ status: 'ready', run_at: runAt?.getTime() ?? stamp, updated_at: stamp })
        .where('id', '=', id)
        .where('status', 'in', ['held', 'failed'])
        .executeTakeFirst();
      return result.numUpdatedRows > 0n;
    },

    async delete(id) {
      const result = await db.deleteFrom('jobs').where('id', '=', id).executeTakeFirst();
      return result.numDeletedRows > 0n;
    },

    async get(id) {
      const row = await db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirst();
      return row === undefined ? undefined : toJob(row);
    },

    async list(query = {}) {
      let select = db.selectFrom('jobs').selectAll().orderBy('run_at').orderBy('id');
      if (query.status !== undefined) select = select.where('status', '=', query.status);
      if (query.kind !== undefined) select = select.where('kind', '=', query.kind);
      if (query.limit !== undefined || query.offset !== undefined) {
        select = select.limit(query.limit ?? Number.MAX_SAFE_INTEGER).offset(query.offset ?? 0);
      }
      return (await select.execute()).map(toJob);
    },

    async countByStatus() {
      const rows = await db
        .selectFrom('jobs')
        .select((eb) => ['status', eb.fn.countAll<number>().as('count')])
        .groupBy('status')
        .execute();
      const counts = Object.fromEntries(jobStatuses.map((status) => [status, 0])) as Record<
        JobStatus,
        number
      >;
      for (const row of rows) counts[row.status as JobStatus] = row.count;
      return counts;
    },

    async depthByKind() {
      const rows = await db
        .selectFrom('jobs')
        .select((eb) => [
          'kind',
          'status',
          eb.fn.countAll<number | string>().as('count'),
          eb.fn.min<number | string>('run_at').as('oldest'),
        ])
        .where('status', '!=', 'done')
        .groupBy(['kind', 'status'])
        .orderBy('kind')
        .orderBy('status')
        .execute();
      return rows.map((row) => ({
        kind: row.kind,
        status: row.status as QueueDepth['status'],
        count: Number(row.count),
        oldestRunAt: new Date(Number(row.oldest)),
      }));
    },

    async purgeDone(before) {
      const result = await db
        .deleteFrom('jobs')
        .where('status', '=', 'done')
        .where('updated_at', '<', before.getTime())
        .executeTakeFirst();
      return Number(result.numDeletedRows);
    },

    async releaseLeasesOf(owner) {
      const result = await db
        .updateTable('jobs')
        .set({ status: 'ready', ...noLease, updated_at: now() })
        .where('status', '=', 'running')
        .where('lease_owner', '=', owner)
        .executeTakeFirst();
      return Number(result.numUpdatedRows);
    },
  };
}

function toJob(row: Selectable<JobsTable>): Job {
  return {
    id: row.id,
    kind: row.kind,
    payload: parseJson<JsonValue>(row.payload),
    status: row.status as JobStatus,
    runAt: new Date(row.run_at),
    attempts: row.attempts,
    lastError: row.last_error,
    leaseToken: row.lease_token,
    leaseOwner: row.lease_owner,
    leaseUntil: toDate(row.lease_until),
    createdAt: new Date(row.created_at),
    updatedAt: new Date(row.updated_at),
  };
}
