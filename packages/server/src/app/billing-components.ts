/**
 * Billing at the composition root (decision 0041), from `billing.*`: the Billing port's adapter
 * (the built-in ledger, or the HTTP adapter that queues signed requests), the outbox handler that
 * sends those requests, and the dependencies of the signed callback route; the last two only with
 * `billing.kind: http`.
 */
import { createHttpBilling } from '../billing/create-http-billing.ts';
import { createLedgerBilling } from '../billing/create-ledger-billing.ts';
import { createHttpBillingGateway } from '../http-clients/create-http-billing-gateway.ts';
import { billingRequestJobKind, type Billing } from '../ports/billing.ts';
import type { BillingCallbackDependencies } from '../protocols/http/billing/register-billing-callback.ts';
import { billingCallbackPath } from '../protocols/http/billing/register-billing-callback.ts';
import { createBillingRequestHandler } from '../services/box-life/billing-request-handler.ts';
import type { BoxLife } from '../services/box-life/create-box-life.ts';
import type { JobHandler } from '../services/pipeline/outbox/create-outbox-worker.ts';
import type { ProviderContext } from './provider-context.ts';

type Ports = Pick<ProviderContext, 'config' | 'storage' | 'clock'>;

/** The path of the holder's Plan screen, where the billing system sends the holder back. */
const planScreenPath = '/settings/plan';

export function configuredBilling(ctx: Ports): Billing {
  return ctx.config.config.billing.kind === 'http' ? createHttpBilling(ctx.clock) : createLedgerBilling();
}

function httpSettings(ctx: Ports): { url: string; secret: string } | undefined {
  const { billing } = ctx.config.config;
  if (billing.kind !== 'http' || billing.url === undefined || billing.secret === undefined) return undefined;
  return { url: billing.url, secret: billing.secret };
}

/** The `billing-request` outbox handler, with `billing.kind: http`. */
export function billingJobHandlers(ctx: Ports, boxLife: BoxLife): Record<string, JobHandler> {
  const http = httpSettings(ctx);
  if (http === undefined) return {};
  const { config } = ctx.config;
  const base = (config.http.publicUrl ?? `https://${config.provider.domain}`).replace(/\/+$/, '');
  const gateway = createHttpBillingGateway(
    {
      ...http,
      timeoutMs: config.billing.timeoutSeconds * 1000,
      returnUrl: `${base}${planScreenPath}?order={order}`,
      callbackUrl: `${base}${billingCallbackPath}`,
      currency: config.billing.currency,
    },
    ctx.clock,
  );
  return {
    [billingRequestJobKind]: createBillingRequestHandler({ billing: ctx.storage.billing, gateway, boxLife }),
  };
}

/** The signed callback route's dependencies, with `billing.kind: http`. */
export function billingCallback(ctx: Ports, boxLife: BoxLife): BillingCallbackDependencies | undefined {
  const http = httpSettings(ctx);
  if (http === undefined) return undefined;
  return {
    secret: http.secret,
    toleranceSeconds: ctx.config.config.billing.callbackToleranceSeconds,
    clock: ctx.clock,
    boxLife,
  };
}
