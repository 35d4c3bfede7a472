/**
 * The billing port (decision 0016): asks for the payment of an order. The built-in ledger adapter
 * (billing/create-ledger-billing.ts) pays from the holder's prepaid credit or leaves the order open
 * for the operator to mark paid; the HTTP adapter (billing/create-http-billing.ts, decision 0041)
 * queues a signed request to an external billing system, whose signed callback settles the order
 * later. No payment card data ever reaches the provider.
 */
import type { Order } from './billing-store.ts';
import type { StorageStores } from './storage.ts';

export type PaymentOutcome =
  | { readonly kind: 'paid'; readonly by: string }
  | { readonly kind: 'pending' }
  | { readonly kind: 'declined'; readonly reason: string };

/** The stores of the caller's transaction a payment request may write: the ledger and the outbox. */
export type PaymentTransaction = Pick<StorageStores, 'billing' | 'queue'>;

export interface Billing {
  /**
   * Asks for the payment of `order`. `tx` holds the stores of the caller's transaction, so that a
   * payment from prepaid credit, or the queued request to a billing system, commits together with
   * what it pays for.
   */
  requestPayment(order: Order, tx: PaymentTransaction): Promise<PaymentOutcome>;
}

/**
 * What an external billing system answers to a payment request (decision 0041): the holder is to
 * pay at `paymentUrl`, or the order is paid or declined at once (a stored mandate, a wallet).
 */
export type BillingAnswer =
  | { readonly status: 'pending'; readonly paymentUrl: string | null; readonly reference: string | null }
  | { readonly status: 'paid'; readonly reference: string | null }
  | { readonly status: 'declined'; readonly reason: string; readonly reference: string | null };

/** The wire to an external billing system; throws when it cannot be reached or answers badly. */
export interface BillingGateway {
  request(order: Order): Promise<BillingAnswer>;
}

/** The outbox job that puts an order to an external billing system (decision 0041). */
export const billingRequestJobKind = 'billing-request';

/** The job's payload: the order to put to the billing system. */
export interface BillingRequestPayload {
  readonly orderId: number;
}

export function isBillingRequestPayload(value: unknown): value is BillingRequestPayload {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { orderId?: unknown }).orderId === 'number'
  );
}
