/**
 * The outbox handler of `billing-request` jobs (decision 0041): puts one open order to the
 * external billing system through the BillingGateway and records its answer (settle-payment.ts).
 * A failure (system down, timeout, bad answer) throws, and the outbox worker retries the job with
 * backoff; the request carries the order id as idempotency key, so asking again never charges
 * twice. An order settled meanwhile (paid by callback, cancelled) is not asked about again.
 */
import { isBillingRequestPayload, type BillingGateway } from '../../ports/billing.ts';
import type { BillingStore } from '../../ports/billing-store.ts';
import type { JobHandler } from '../pipeline/outbox/create-outbox-worker.ts';
import type { BoxLife } from './create-box-life.ts';

export interface BillingRequestDependencies {
  readonly billing: Pick<BillingStore, 'getOrder'>;
  readonly gateway: BillingGateway;
  readonly boxLife: Pick<BoxLife, 'settlePayment'>;
}

export function createBillingRequestHandler(deps: BillingRequestDependencies): JobHandler {
  return async (job) => {
    if (!isBillingRequestPayload(job.payload)) return;
    const order = await deps.billing.getOrder(job.payload.orderId);
    if (order?.status !== 'open') return;
    const answer = await deps.gateway.request(order);
    await deps.boxLife.settlePayment(order.id, answer);
  };
}
