// The administrative API's calls (/api/v1/admin, decision 0021) and their TanStack Query bindings.
import { useQuery } from '@tanstack/react-query';
import { json, request } from '../../api/client.ts';

export type AdminRole = 'admin' | 'support' | 'auditor' | 'postmaster';

export interface AdminSession {
  email: string;
  displayName: string;
  role: AdminRole;
  domains: string[];
  expiresAt: string;
}

export interface AuditEntry {
  id: number;
  at: string;
  actor: string;
  role: string;
  action: string;
  target: string | null;
  domain: string | null;
  outcome: 'done' | 'refused' | 'denied';
  detail: string | null;
  remoteAddress: string | null;
  userAgent: string | null;
}

export const adminKeys = {
  session: ['admin', 'session'] as const,
  audit: (q: string, outcome: string) => ['admin', 'audit', q, outcome] as const,
};

export const adminApi = {
  /** Signs in; true when the TOTP code must follow. */
  signIn: async (email: string, password: string): Promise<boolean> => {
    const response = await request('POST', '/admin/session', { email, password });
    return response.status === 202;
  },
  secondFactor: async (code: string): Promise<void> => {
    await request('POST', '/admin/session/second-factor', { code });
  },
  session: () => json<AdminSession>('GET', '/admin/session'),
  signOut: async (): Promise<void> => {
    await request('DELETE', '/admin/session');
  },
  audit: (params: URLSearchParams) =>
    json<{ entries: AuditEntry[]; nextCursor: string | null }>('GET', `/admin/audit?${params.toString()}`),
};

export const useAdminSession = () =>
  useQuery({ queryKey: adminKeys.session, queryFn: adminApi.session, retry: false, staleTime: 60_000 });
