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

const refusals = ['needs-space', 'deactivated', 'no-expiry', 'contents-exceed-plan'] as const;

/** Sends one order or switch; refreshes the plan and orders; says how it went in the holder's words. */
export function usePlanAction() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const failure = useFailure();
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  function act(path: string, body: unknown, message: string) {
    setError(null);
    setDone(null);
    setBusy(true);
    json<unknown>('POST', path, body)
      .then(() => {
        setDone(message);
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
