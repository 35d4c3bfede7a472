/**
 * The billing port (decision 0016): asks for the payment of an order. The built-in ledger adapter
 * (billing/create-ledger-billing.ts) pays from the holder's prepaid credit or leaves the order open
 * for the operator to mark paid; an external billing system would be another adapter. No payment
 * card data ever reaches the provider.
 */
import type { BillingStore, Order } from './billing-store.ts';

export type PaymentOutcome =
  | { readonly kind: 'paid'; readonly by: string }
  | { readonly kind: 'pending' }
  | { readonly kind: 'declined'; readonly reason: string };

export interface Billing {
  /**
   * Asks for the payment of `order`. `ledger` is the billing store of the caller's transaction,
   * so that a payment from prepaid credit commits together with what it pays for.
   */
  requestPayment(order: Order, ledger: BillingStore): Promise<PaymentOutcome>;
}
