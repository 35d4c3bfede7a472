/**
 * BillingStore on SQL (SQLite or PostgreSQL): tables `billing_orders` and `billing_credits` of
 * migrations/0013-box-life.ts, `billing_payments` and `billing_callbacks` of 0034-billing-payments.ts. Settling is a conditional update (`where status = 'open'`) and a
 * debit one (`where balance_cents >= amount`), so two nodes never settle or spend twice.
 */
import type { Generated, Selectable } from 'kysely';
import type {
  BillingStore,
  Order,
  OrderKind,
  OrderStatus,
  Payment,
  PaymentStatus,
} from '../../ports/billing-store.ts';
import type { JsonValue } from '../../ports/queue-store.ts';
import { StorageError } from '../../ports/storage-error.ts';
import type { SqlContext } from './sql-context.ts';

export interface BillingOrdersTable {
  id: Generated<number>;
  mailbox_id: number;
  address: string;
  kind: string;
  description: string;
  amount_cents: number;
  status: string;
  effect: string;
  applied: number;
  term_end: number | null;
  created_at: number;
  settled_at: number | null;
}

export interface BillingCreditsTable {
  address: string;
  balance_cents: number;
  updated_at: number;
}

export interface BillingPaymentsTable {
  order_id: number;
  status: string;
  payment_url: string | null;
  reference: string | null;
  detail: string | null;
  updated_at: number;
}

export interface BillingCallbacksTable {
  id: string;
  received_at: number;
}

const key = (address: string): string => address.trim().toLowerCase();

export function createSqlBillingStore(ctx: SqlContext): BillingStore {
  const db = ctx.db.withTables<{
    billing_orders: BillingOrdersTable;
    billing_credits: BillingCreditsTable;
    billing_payments: BillingPaymentsTable;
    billing_callbacks: BillingCallbacksTable;
  }>();

  async function getPayment(orderId: number): Promise<Payment | undefined> {
    const row = await db
      .selectFrom('billing_payments')
      .selectAll()
      .where('order_id', '=', orderId)
      .executeTakeFirst();
    return row === undefined ? undefined : toPayment(row);
  }

  async function getOrder(id: number): Promise<Order | undefined> {
    const row = await db.selectFrom('billing_orders').selectAll().where('id', '=', id).executeTakeFirst();
    return row === undefined ? undefined : toOrder(row);
  }

  async function getCredit(address: string): Promise<number> {
    const row = await db
      .selectFrom('billing_credits')
      .select('balance_cents')
      .where('address', '=', key(address))
      .executeTakeFirst();
    return row === undefined ? 0 : row.balance_cents;
  }

  return {
    async createOrder(order) {
      const inserted = await db
        .insertInto('billing_orders')
        .values({
          mailbox_id: order.mailboxId,
          address: key(order.address),
          kind: order.kind,
          description: order.description,
          amount_cents: order.amountCents,
          status: 'open',
          effect: JSON.stringify(order.effect),
          applied: order.applied ? 1 : 0,
          term_end: order.termEnd === null ? null : order.termEnd.getTime(),
          created_at: ctx.clock.now().getTime(),
          settled_at: null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const created = await getOrder(inserted.id);
      if (created === undefined) throw new StorageError('not-found', 'order vanished');
      return created;
    },

    getOrder,

    async listOrders(query = {}) {
      let select = db.selectFrom('billing_orders').selectAll();
      if (query.status !== undefined) select = select.where('status', '=', query.status);
      if (query.address !== undefined) select = select.where('address', '=', key(query.address));
      const rows = await select.orderBy('id', 'desc').execute();
      return rows.map(toOrder);
    },

    async findOpenOrder(mailboxId, kind, termEnd) {
      const row = await db
        .selectFrom('billing_orders')
        .selectAll()
        .where('mailbox_id', '=', mailboxId)
        .where('kind', '=', kind)
        .where('term_end', '=', termEnd.getTime())
        .where('status', '=', 'open')
        .orderBy('id')
        .executeTakeFirst();
      return row === undefined ? undefined : toOrder(row);
    },

    async settleOrder(id, status, at) {
      if ((await getOrder(id)) === undefined) throw new StorageError('not-found', `no order ${String(id)}`);
      const result = await db
        .updateTable('billing_orders')
        .set({ status, settled_at: at.getTime() })
        .where('id', '=', id)
        .where('status', '=', 'open')
        .executeTakeFirst();
      return result.numUpdatedRows > 0n;
    },

    getCredit,

    async addCredit(address, cents) {
      const balance = Math.max(0, (await getCredit(address)) + cents);
      const values = { address: key(address), balance_cents: balance, updated_at: ctx.clock.now().getTime() };
      await db
        .insertInto('billing_credits')
        .values(values)
        .onConflict((oc) =>
          oc.column('address').doUpdateSet({ balance_cents: balance, updated_at: values.updated_at }),
        )
        .execute();
      return balance;
    },

    async debitCredit(address, cents) {
      const result = await db
        .updateTable('billing_credits')
        .set((eb) => ({
          balance_cents: eb('balance_cents', '-', cents),
          updated_at: ctx.clock.now().getTime(),
        }))
        .where('address', '=', key(address))
        .where('balance_cents', '>=', cents)
        .executeTakeFirst();
      return result.numUpdatedRows > 0n;
    },

    async recordPayment(orderId, update, at) {
      const before = await getPayment(orderId);
      // A paid payment stays paid: a late or replayed answer never turns it back.
      const status = before?.status === 'paid' ? 'paid' : update.status;
      const row = {
        order_id: orderId,
        status,
        payment_url: update.paymentUrl === undefined ? (before?.paymentUrl ?? null) : update.paymentUrl,
        reference: update.reference === undefined ? (before?.reference ?? null) : update.reference,
        detail: update.detail === undefined ? (before?.detail ?? null) : update.detail,
        updated_at: at.getTime(),
      };
      const changes = {
        status: row.status,
        payment_url: row.payment_url,
        reference: row.reference,
        detail: row.detail,
        updated_at: row.updated_at,
      };
      await db
        .insertInto('billing_payments')
        .values(row)
        .onConflict((oc) => oc.column('order_id').doUpdateSet(changes))
        .execute();
      return toPayment(row);
    },

    getPayment,

    async noteCallback(id, at) {
      const inserted = await db
        .insertInto('billing_callbacks')
        .values({ id, received_at: at.getTime() })
        .onConflict((oc) => oc.column('id').doNothing())
        .returning('id')
        .executeTakeFirst();
      return inserted !== undefined;
    },

    async seenCallback(id) {
      const row = await db
        .selectFrom('billing_callbacks')
        .select('id')
        .where('id', '=', id)
        .executeTakeFirst();
      return row !== undefined;
    },
  };
}

function toOrder(row: Selectable<BillingOrdersTable>): Order {
  return {
    id: row.id,
    mailboxId: row.mailbox_id,
    address: row.address,
    kind: row.kind as OrderKind,
    description: row.description,
    amountCents: row.amount_cents,
    status: row.status as OrderStatus,
    effect: JSON.parse(row.effect) as JsonValue,
    applied: row.applied === 1,
    termEnd: row.term_end === null ? null : new Date(row.term_end),
    createdAt: new Date(row.created_at),
    settledAt: row.settled_at === null ? null : new Date(row.settled_at),
  };
}

function toPayment(row: Selectable<BillingPaymentsTable>): Payment {
  return {
    orderId: row.order_id,
    status: row.status as PaymentStatus,
    paymentUrl: row.payment_url,
    reference: row.reference,
    detail: row.detail,
    updatedAt: new Date(row.updated_at),
  };
}
