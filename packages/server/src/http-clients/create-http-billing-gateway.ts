/**
 * BillingGateway over fetch (decision 0041): one signed JSON POST per order to the billing system
 * (Standard Webhooks headers, billing/billing-signature.ts), its message id `order-<id>` being the
 * idempotency key: the system must never charge one order twice, however often it is asked. The
 * answer (2xx JSON) is `pending` with the URL the holder pays at, or `paid`/`declined` at once.
 * Anything else (no answer within the timeout, another status, a malformed body) throws, and the
 * outbox worker asks again later.
 */
import type { Order } from '../ports/billing-store.ts';
import type { BillingAnswer, BillingGateway } from '../ports/billing.ts';
import { billingHeaders, signBillingMessage } from '../billing/billing-signature.ts';

export interface HttpBillingGatewaySettings {
  readonly url: string;
  readonly secret: string;
  readonly timeoutMs: number;
  /** Where the holder comes back after paying; `{order}` is replaced by the order id. */
  readonly returnUrl: string;
  /** Our callback, told to the system with each request. */
  readonly callbackUrl: string;
  readonly currency: string;
}

/** The request's body, as documented in docs/api.md ("Billing system"). */
export function billingRequestBody(order: Order, settings: HttpBillingGatewaySettings): string {
  return JSON.stringify({
    type: 'payment.requested',
    orderId: order.id,
    idempotencyKey: billingMessageId(order.id),
    kind: order.kind,
    description: order.description,
    amountCents: order.amountCents,
    currency: settings.currency,
    holder: order.address,
    returnUrl: settings.returnUrl.replace('{order}', String(order.id)),
    callbackUrl: settings.callbackUrl,
  });
}

export const billingMessageId = (orderId: number): string => `order-${String(orderId)}`;

function parseAnswer(value: unknown): BillingAnswer {
  if (typeof value !== 'object' || value === null) throw new Error('billing answer is not a JSON object');
  const { status, paymentUrl, reference, reason } = value as Record<string, unknown>;
  const ref = typeof reference === 'string' ? reference.slice(0, 200) : null;
  if (status === 'paid') return { status, reference: ref };
  if (status === 'declined')
    return { status, reason: typeof reason === 'string' ? reason.slice(0, 500) : 'declined', reference: ref };
  if (status === 'pending') {
    if (paymentUrl !== undefined && paymentUrl !== null && !isWebUrl(paymentUrl))
      throw new Error('billing answer: paymentUrl is not an http(s) URL');
    return { status, paymentUrl: isWebUrl(paymentUrl) ? paymentUrl : null, reference: ref };
  }
  throw new Error(`billing answer: unknown status ${JSON.stringify(status)}`);
}

function isWebUrl(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}

export function createHttpBillingGateway(
  settings: HttpBillingGatewaySettings,
  clock: { now(): Date },
  userAgent = 'pec-billing/1',
): BillingGateway {
  return {
    async request(order) {
      const body = billingRequestBody(order, settings);
      const id = billingMessageId(order.id);
      const timestamp = Math.floor(clock.now().getTime() / 1000);
      const response = await fetch(settings.url, {
        method: 'POST',
        redirect: 'manual',
        signal: AbortSignal.timeout(settings.timeoutMs),
        headers: {
          'content-type': 'application/json',
          'user-agent': userAgent,
          'idempotency-key': id,
          [billingHeaders.id]: id,
          [billingHeaders.timestamp]: String(timestamp),
          [billingHeaders.signature]: signBillingMessage(settings.secret, id, timestamp, body),
        },
        body,
      });
      if (response.status < 200 || response.status > 299) {
        await response.body?.cancel();
        throw new Error(`billing system answered HTTP ${String(response.status)}`);
      }
      return parseAnswer(await response.json());
    },
  };
}
