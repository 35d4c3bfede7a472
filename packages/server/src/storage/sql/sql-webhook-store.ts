/**
 * WebhookStore on SQL (SQLite or PostgreSQL), tables `webhook_endpoints` and `webhook_deliveries`
 * of migrations/0014-integration.ts. Claiming selects due deliveries with no earlier pending
 * delivery of the same endpoint and ordering key and leases them in one transaction; on PostgreSQL
 * `FOR UPDATE SKIP LOCKED` keeps concurrent nodes on disjoint rows, SQLite's single writer does
 * the same.
 */
import type {
  WebhookDelivery,
  WebhookDeliveryStatus,
  WebhookEndpoint,
  WebhookStore,
} from '../../ports/webhook-store.ts';
import { atomically, isUniqueViolation, type SqlContext } from './sql-context.ts';

export interface WebhookEndpointTable {
  id: number;
  mailbox_id: number;
  address: string;
  url: string;
  secret: string;
  events: string;
  description: string | null;
  created_at: number;
  disabled_at: number | null;
}

export interface WebhookDeliveryTable {
  id: number;
  endpoint_id: number;
  event_id: string;
  event_type: string;
  ordering_key: string;
  payload: string;
  status: string;
  created_at: number;
  next_attempt_at: number;
  expires_at: number;
  attempts: number;
  lease_until: number | null;
  last_attempt_at: number | null;
  last_status: number | null;
  last_error: string | null;
  delivered_at: number | null;
}

const optionalDate = (millis: number | null): Date | null => (millis === null ? null : new Date(millis));

function endpointOf(row: WebhookEndpointTable): WebhookEndpoint {
  return {
    id: row.id,
    mailboxId: row.mailbox_id,
    address: row.address,
    url: row.url,
    secret: row.secret,
    events: row.events === '' ? [] : row.events.split(' '),
    description: row.description,
    createdAt: new Date(row.created_at),
    disabledAt: optionalDate(row.disabled_at),
  };
}

function deliveryOf(row: WebhookDeliveryTable): WebhookDelivery {
  return {
    id: row.id,
    endpointId: row.endpoint_id,
    eventId: row.event_id,
    eventType: row.event_type,
    orderingKey: row.ordering_key,
    payload: row.payload,
    status: row.status as WebhookDeliveryStatus,
    createdAt: new Date(row.created_at),
    nextAttemptAt: new Date(row.next_attempt_at),
    expiresAt: new Date(row.expires_at),
    attempts: row.attempts,
    lastAttemptAt: optionalDate(row.last_attempt_at),
    lastStatus: row.last_status,
    lastError: row.last_error,
    deliveredAt: optionalDate(row.delivered_at),
  };
}

export function createSqlWebhookStore(ctx: SqlContext): WebhookStore {
  type Tables = { webhook_endpoints: WebhookEndpointTable; webhook_deliveries: WebhookDeliveryTable };
  const db = ctx.db.withTables<Tables>();
  return {
    async createEndpoint(endpoint) {
      const row = await db
        .insertInto('webhook_endpoints')
        .values({
          mailbox_id: endpoint.mailboxId,
          address: endpoint.address,
          url: endpoint.url,
          secret: endpoint.secret,
          events: endpoint.events.join(' '),
          description: endpoint.description,
          created_at: ctx.clock.now().getTime(),
          disabled_at: null,
        } as Omit<WebhookEndpointTable, 'id'> as WebhookEndpointTable)
        .returningAll()
        .executeTakeFirstOrThrow();
      return endpointOf(row);
    },
    async getEndpoint(id) {
      const row = await db
        .selectFrom('webhook_endpoints')
        .selectAll()
        .where('id', '=', id)
        .executeTakeFirst();
      return row === undefined ? undefined : endpointOf(row);
    },
    async listEndpoints(mailboxId) {
      let query = db.selectFrom('webhook_endpoints').selectAll().orderBy('id');
      if (mailboxId !== undefined) query = query.where('mailbox_id', '=', mailboxId);
      return (await query.execute()).map(endpointOf);
    },
    async setDisabled(id, disabledAt) {
      const result = await db
        .updateTable('webhook_endpoints')
        .set({ disabled_at: disabledAt?.getTime() ?? null })
        .where('id', '=', id)
        .executeTakeFirst();
      return result.numUpdatedRows > 0n;
    },
    async health() {
      const rows = await db
        .selectFrom('webhook_deliveries')
        .select((eb) => [
          'endpoint_id',
          eb.fn.countAll<number | string | bigint>().filterWhere('status', '=', 'pending').as('pending'),
          eb.fn.countAll<number | string | bigint>().filterWhere('status', '=', 'delivered').as('delivered'),
          eb.fn.countAll<number | string | bigint>().filterWhere('status', '=', 'failed').as('failed'),
          eb.fn
            .max<number | string | null>('last_attempt_at')
            .filterWhere('last_error', 'is not', null)
            .as('last_failure_at'),
        ])
        .groupBy('endpoint_id')
        .orderBy('endpoint_id')
        .execute();
      return rows.map((row) => ({
        endpointId: row.endpoint_id,
        pending: Number(row.pending),
        delivered: Number(row.delivered),
        failed: Number(row.failed),
        lastFailureAt: row.last_failure_at === null ? null : new Date(Number(row.last_failure_at)),
      }));
    },
    deleteEndpoint(id) {
      return atomically(ctx, async (tx) => {
        const scoped = tx.withTables<Tables>();
        await scoped.deleteFrom('webhook_deliveries').where('endpoint_id', '=', id).execute();
        const result = await scoped.deleteFrom('webhook_endpoints').where('id', '=', id).executeTakeFirst();
        return result.numDeletedRows > 0n;
      });
    },
    async enqueue(deliveries) {
      for (const delivery of deliveries) {
        const values = {
          endpoint_id: delivery.endpointId,
          event_id: delivery.eventId,
          event_type: delivery.eventType,
          ordering_key: delivery.orderingKey,
          payload: delivery.payload,
          status: 'pending',
          created_at: delivery.createdAt.getTime(),
          next_attempt_at: delivery.createdAt.getTime(),
          expires_at: delivery.expiresAt.getTime(),
          attempts: 0,
        } as Omit<WebhookDeliveryTable, 'id'> as WebhookDeliveryTable;
        try {
          await db
            .insertInto('webhook_deliveries')
            .values(values)
            .onConflict((oc) => oc.column('event_id').doNothing())
            .execute();
        } catch (error) {
          if (!isUniqueViolation(error)) throw error;
        }
      }
    },
    claimDue(now, limit, leaseUntil) {
      const at = now.getTime();
      return atomically(ctx, async (tx) => {
        const scoped = tx.withTables<Tables>();
        let candidates = scoped
          .selectFrom('webhook_deliveries as d')
          .select('d.id')
          .where('d.status', '=', 'pending')
          .where('d.next_attempt_at', '<=', at)
          .where((eb) => eb.or([eb('d.lease_until', 'is', null), eb('d.lease_until', '<=', at)]))
          .where((eb) =>
            eb.not(
              eb.exists(
                eb
                  .selectFrom('webhook_endpoints as w')
                  .select('w.id')
                  .whereRef('w.id', '=', 'd.endpoint_id')
                  .where('w.disabled_at', 'is not', null),
              ),
            ),
          )
          .where((eb) =>
            eb.not(
              eb.exists(
                eb
                  .selectFrom('webhook_deliveries as e')
                  .select('e.id')
                  .whereRef('e.endpoint_id', '=', 'd.endpoint_id')
                  .whereRef('e.ordering_key', '=', 'd.ordering_key')
                  .whereRef('e.id', '<', 'd.id')
                  .where('e.status', '=', 'pending'),
              ),
            ),
          )
          .orderBy('d.id')
          .limit(limit);
        if (ctx.dialect === 'postgres') candidates = candidates.forUpdate().skipLocked();
        const ids = (await candidates.execute()).map((row) => row.id);
        if (ids.length === 0) return [];
        const rows = await scoped
          .updateTable('webhook_deliveries')
          .set({ lease_until: leaseUntil.getTime() })
          .where('id', 'in', ids)
          .returningAll()
          .execute();
        return rows.map(deliveryOf).sort((a, b) => a.id - b.id);
      });
    },
    async markDelivered(id, attempt) {
      await db
        .updateTable('webhook_deliveries')
        .set((eb) => ({
          status: 'delivered',
          attempts: eb('attempts', '+', 1),
          lease_until: null,
          last_attempt_at: attempt.at.getTime(),
          last_status: attempt.status,
          last_error: attempt.error,
          delivered_at: attempt.at.getTime(),
        }))
        .where('id', '=', id)
        .execute();
    },
    async markFailed(id, attempt, retryAt) {
      await db
        .updateTable('webhook_deliveries')
        .set((eb) => ({
          status: retryAt === null ? 'failed' : 'pending',
          attempts: eb('attempts', '+', 1),
          lease_until: null,
          next_attempt_at: retryAt === null ? eb.ref('next_attempt_at') : retryAt.getTime(),
          last_attempt_at: attempt.at.getTime(),
          last_status: attempt.status,
          last_error: attempt.error,
        }))
        .where('id', '=', id)
        .execute();
    },
    async listDeliveries(endpointId, limit) {
      const rows = await db
        .selectFrom('webhook_deliveries')
        .selectAll()
        .where('endpoint_id', '=', endpointId)
        .orderBy('id', 'desc')
        .limit(limit)
        .execute();
      return rows.map(deliveryOf);
    },
    async getDelivery(id) {
      const row = await db
        .selectFrom('webhook_deliveries')
        .selectAll()
        .where('id', '=', id)
        .executeTakeFirst();
      return row === undefined ? undefined : deliveryOf(row);
    },
    async replay(id, now, expiresAt) {
      const result = await db
        .updateTable('webhook_deliveries')
        .set({
          status: 'pending',
          next_attempt_at: now.getTime(),
          expires_at: expiresAt.getTime(),
          lease_until: null,
        })
        .where('id', '=', id)
        .executeTakeFirst();
      return result.numUpdatedRows > 0n;
    },
  };
}
