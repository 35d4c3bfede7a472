// The home screen's calls: the sent-PEC summary (GET /api/v1/dashboard), the box's plan and space
// (GET /api/v1/account/plan) and the latest sign-ins (the access history's first page).
import { useQuery } from '@tanstack/react-query';
import { json } from '../../api/client.ts';
import type { AccessEntry } from '../../api/contract.ts';

export interface DashboardMessage {
  identifier: string;
  subject: string | null;
  acceptedAt: string;
  recipients: { address: string; status: string }[];
}

export interface Dashboard {
  awaiting: { count: number; messages: DashboardMessage[] };
  problems: { count: number; messages: DashboardMessage[] };
  awaitingAfterHours: number;
  problemDays: number;
}

export interface AccountPlan {
  address: string;
  plan: { name: string } | null;
  state: 'active' | 'expired' | 'deactivated';
  expiresAt: string | null;
  deactivatesAt: string | null;
  quotaBytes: number;
  usedBytes: number;
  receives: boolean;
  canSend: boolean;
}

export const useDashboard = () =>
  useQuery({ queryKey: ['dashboard'], queryFn: () => json<Dashboard>('GET', '/dashboard') });
export const useAccountPlan = () =>
  useQuery({ queryKey: ['account', 'plan'], queryFn: () => json<AccountPlan>('GET', '/account/plan') });
export const useRecentSignIns = () =>
  useQuery({
    queryKey: ['dashboard', 'sign-ins'],
    queryFn: () =>
      json<{ entries: AccessEntry[]; total: number }>('GET', '/security/access-history?limit=5&offset=0'),
  });
