// The holder's plan and what they buy for their box over HTTP (decision 0038): the plan and its
// calendar (/account/plan), the plans on offer, the orders, the prorated quote of extra space, and
// the actions (renewal, extra space, plan change, automatic renewal).
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, json } from '../../api/client.ts';
import { useFailure } from '../security/security-ui.tsx';

export interface OfferedPlan {
  name: string;
  boxQuotaBytes: number;
  archiveQuotaBytes: number;
  smsIncluded: boolean;
  durationMonths: number;
  priceCents: number;
}

export interface FullPlan {
  address: string;
  plan: OfferedPlan | null;
  state: 'active' | 'expired' | 'deactivated';
  activatedAt: string | null;
  expiresAt: string | null;
  deactivatesAt: string | null;
  deletesAt: string | null;
  quotaBytes: number;
  usedBytes: number;
  extraQuotaBytes: number;
  autoRenew: boolean;
}

export interface BoxOrder {
  id: number;
  kind: 'renewal' | 'extra-space' | 'plan-change';
  description: string;
  amountCents: number;
  status: 'open' | 'paid' | 'cancelled';
  createdAt: string;
}

export const gib = 1024 ** 3;

export const usePlan = () =>
  useQuery({ queryKey: ['account', 'plan'], queryFn: () => json<FullPlan>('GET', '/account/plan') });
export const usePlans = () =>
  useQuery({
    queryKey: ['account', 'plans'],
    queryFn: () => json<{ plans: OfferedPlan[] }>('GET', '/account/plans'),
  });
export const useOrders = () =>
  useQuery({
    queryKey: ['account', 'orders'],
    queryFn: () => json<{ orders: BoxOrder[] }>('GET', '/account/orders'),
  });
export const useSpaceQuote = (bytes: number) =>
  useQuery({
    queryKey: ['account', 'space-quote', bytes],
    enabled: bytes > 0,
    queryFn: () =>
      json<{ priceCents: number; until: string | null }>(
        'GET',
        `/account/extra-space/quote?bytes=${String(bytes)}`,
      ),
  });

export const refusals = ['needs-space', 'deactivated', 'no-expiry', 'contents-exceed-plan'] as const;

/** Sends one order or switch; refreshes the plan and orders; says how it went in the holder's words. */
export function usePlanAction() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const failure = useFailure();
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  function act(path: string, body: unknown, message: string, onOrder?: (order: BoxOrder | null) => void) {
    setError(null);
    setDone(null);
    setBusy(true);
    json<{ order?: BoxOrder | null } | null>('POST', path, body)
      .then((result) => {
        setDone(message);
        onOrder?.(result?.order ?? null);
      })
      .catch((caught: unknown) => {
        const refusal =
          caught instanceof ApiError ? (caught.problem as { refusal?: string } | null)?.refusal : undefined;
        const known = refusals.find((r) => r === refusal);
        setError(known === undefined ? failure(caught, 'security.wrongCode') : t(`plan.refusal.${known}`));
      })
      .finally(() => {
        setBusy(false);
        void client.invalidateQueries({ queryKey: ['account'] });
      });
  }
  return { act, error, done, busy };
}

/** What the holder is about to order (decision 0041): quoted before, ordered on confirmation. */
export type QuoteRequest =
  | { kind: 'renewal'; years: number }
  | { kind: 'extra-space'; bytes: number }
  | { kind: 'plan-change'; plan: string };

export interface OrderQuote {
  kind: QuoteRequest['kind'];
  priceCents: number;
  expiresAt: string | null;
  quotaBytes: number;
}

export interface OrderPayment {
  orderId: number;
  orderStatus: BoxOrder['status'];
  payment: {
    status: 'requested' | 'pending' | 'paid' | 'declined';
    paymentUrl: string | null;
    detail: string | null;
  } | null;
}

const quoteQuery = (request: QuoteRequest): string =>
  request.kind === 'renewal'
    ? `kind=renewal&years=${String(request.years)}`
    : request.kind === 'extra-space'
      ? `kind=extra-space&bytes=${String(request.bytes)}`
      : `kind=plan-change&plan=${encodeURIComponent(request.plan)}`;

/** The path and body that order what `request` quoted. */
export function orderCall(request: QuoteRequest): [string, unknown] {
  if (request.kind === 'renewal') return ['/account/renewal', { years: request.years }];
  if (request.kind === 'extra-space') return ['/account/extra-space', { bytes: request.bytes }];
  return ['/account/plan-change', { plan: request.plan }];
}

export const useOrderQuote = (request: QuoteRequest | null) =>
  useQuery({
    queryKey: ['account', 'quote', request],
    enabled: request !== null,
    retry: false,
    queryFn: () =>
      json<OrderQuote>('GET', `/account/quote?${quoteQuery(request ?? { kind: 'renewal', years: 1 })}`),
  });

/** Where an order stands with the billing system, asked again every 2 s until it is settled. */
export const useOrderPayment = (orderId: number | null) =>
  useQuery({
    queryKey: ['account', 'payment', orderId],
    enabled: orderId !== null,
    queryFn: () => json<OrderPayment>('GET', `/account/orders/${String(orderId)}/payment`),
    refetchInterval: (query) => {
      const data = query.state.data;
      if (data === undefined) return 2000;
      const settled =
        data.orderStatus !== 'open' || data.payment === null || data.payment.status === 'declined';
      return settled ? false : 2000;
    },
  });
