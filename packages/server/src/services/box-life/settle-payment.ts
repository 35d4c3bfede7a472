/**
 * What an external billing system says about an order (decision 0041), from its answer to the
 * request or from its signed callback: recorded on the order's payment, and a payment completes
 * the order through the same path as the operator's "mark paid" (`payOrder`), so that a renewal
 * waiting for it is applied exactly once. Idempotent: a second "paid" for a paid order, or any
 * word about a settled one, changes nothing. A decline leaves the order open: the holder may pay
 * again, the automatic renewal asks again the next day, the operator may cancel it.
 */
import type { BillingAnswer } from '../../ports/billing.ts';
import type { Order } from '../../ports/billing-store.ts';
import type { BoxLifeDependencies } from './box-life-dependencies.ts';
import { BoxLifeError, isBoxLifeError } from './box-life-error.ts';

export interface PaymentSettlement {
  readonly order: Order;
  /** False when the order was settled before (a duplicate answer or callback). */
  readonly changed: boolean;
  readonly renewedUntil?: Date;
}

type PayOrder = (id: number) => Promise<{ readonly order: Order; readonly renewedUntil?: Date }>;

export async function settlePayment(
  deps: Pick<BoxLifeDependencies, 'storage' | 'clock'>,
  payOrder: PayOrder,
  id: number,
  answer: BillingAnswer,
): Promise<PaymentSettlement> {
  const { storage, clock } = deps;
  const order = await storage.billing.getOrder(id);
  if (order === undefined) throw new BoxLifeError('not-found', `no order ${String(id)}`);
  if (order.status !== 'open') return { order, changed: false };
  const now = clock.now();
  if (answer.status !== 'paid') {
    await storage.billing.recordPayment(
      id,
      answer.status === 'pending'
        ? { status: 'pending', paymentUrl: answer.paymentUrl, reference: answer.reference }
        : { status: 'declined', detail: answer.reason, reference: answer.reference },
      now,
    );
    return { order, changed: answer.status === 'declined' };
  }
  try {
    const paid = await payOrder(id);
    await storage.billing.recordPayment(id, { status: 'paid', reference: answer.reference }, now);
    return { ...paid, changed: true };
  } catch (error) {
    // Another node (or the operator) settled it meanwhile: the same outcome, once.
    if (!isBoxLifeError(error) || error.code !== 'refused') throw error;
    return { order: (await storage.billing.getOrder(id)) ?? order, changed: false };
  }
}

/**
 * A signed callback of the billing system: replay-safe by its id (acted on once; a replay answers
 * `changed: false`), the id noted only once the settlement succeeded, so that a callback that
 * failed here is acted on when the system sends it again.
 */
export async function settleCallback(
  deps: Pick<BoxLifeDependencies, 'storage' | 'clock'>,
  payOrder: PayOrder,
  callbackId: string,
  id: number,
  answer: BillingAnswer,
): Promise<PaymentSettlement> {
  if (await deps.storage.billing.seenCallback(callbackId)) {
    const order = await deps.storage.billing.getOrder(id);
    if (order === undefined) throw new BoxLifeError('not-found', `no order ${String(id)}`);
    return { order, changed: false };
  }
  const settled = await settlePayment(deps, payOrder, id, answer);
  await deps.storage.billing.noteCallback(callbackId, deps.clock.now());
  return settled;
}
