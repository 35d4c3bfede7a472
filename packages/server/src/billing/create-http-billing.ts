/**
 * The HTTP adapter of the Billing port (decision 0041): an order that costs something is put to
 * the external billing system by a durable job (`billing-request`, queued in the caller's
 * transaction, so it exists exactly when the order does), retried with backoff by the outbox
 * worker until the system answers. The order stays open until the system's answer or its signed
 * callback says paid. Free orders are paid at once; prepaid credit is the ledger's, not used here.
 */
import { billingRequestJobKind, type Billing } from '../ports/billing.ts';

export function createHttpBilling(clock: { now(): Date }): Billing {
  return {
    async requestPayment(order, tx) {
      if (order.amountCents <= 0) return { kind: 'paid', by: 'free' };
      await tx.billing.recordPayment(order.id, { status: 'requested' }, clock.now());
      await tx.queue.enqueue({ kind: billingRequestJobKind, payload: { orderId: order.id } });
      return { kind: 'pending' };
    },
  };
}
