/**
 * The built-in ledger adapter of the Billing port (decision 0016): an order is paid at once from
 * the box's prepaid credit when the balance covers it, else it stays open until the operator marks
 * it paid (`pec order paid`). Free orders are paid at once.
 */
import type { Billing } from '../ports/billing.ts';

export function createLedgerBilling(): Billing {
  return {
    async requestPayment(order, tx) {
      if (order.amountCents <= 0) return { kind: 'paid', by: 'free' };
      if (await tx.billing.debitCredit(order.address, order.amountCents))
        return { kind: 'paid', by: 'prepaid credit' };
      return { kind: 'pending' };
    },
  };
}
