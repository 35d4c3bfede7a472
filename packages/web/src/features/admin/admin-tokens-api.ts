// The principal's own API tokens (/api/v1/admin/tokens, decision 0042) and the administrative
// password recovery calls (/api/v1/admin/recovery, no session).
import { useQuery } from '@tanstack/react-query';
import { json, request } from '../../api/client.ts';

export const adminTokenScopes = ['admin:read', 'admin:manage', 'admin:message-contents'] as const;
export type AdminTokenScope = (typeof adminTokenScopes)[number];

/** The catalogue key of a scope (`admin:message-contents` → `messageContents`). */
export function adminScopeKey(scope: AdminTokenScope): 'read' | 'manage' | 'messageContents' {
  return scope === 'admin:read' ? 'read' : scope === 'admin:manage' ? 'manage' : 'messageContents';
}

export interface AdminToken {
  id: number;
  name: string;
  scopes: AdminTokenScope[];
  createdAt: string;
  expiresAt: string | null;
  revokedAt: string | null;
  lastUsedAt: string | null;
}

export const adminTokenKeys = { tokens: ['admin', 'tokens'] as const };

export const adminTokensApi = {
  /** The tokens, and the scopes the principal's role may give a new one (decision 0042). */
  list: () => json<{ tokens: AdminToken[]; allowedScopes: AdminTokenScope[] }>('GET', '/admin/tokens'),
  create: (body: { name: string; scopes: AdminTokenScope[]; expiresInDays: number }) =>
    json<{ token: AdminToken; secret: string }>('POST', '/admin/tokens', body),
  revoke: async (id: number): Promise<void> => {
    await request('DELETE', `/admin/tokens/${String(id)}`);
  },
};

export const adminRecoveryApi = {
  ask: async (email: string): Promise<void> => {
    await request('POST', '/admin/recovery', { email });
  },
  check: async (token: string): Promise<void> => {
    await request('POST', '/admin/recovery/check', { token });
  },
  reset: (token: string, newPassword: string) =>
    json<{ email: string }>('POST', '/admin/recovery/reset', { token, newPassword }),
};

export const useAdminTokens = () =>
  useQuery({ queryKey: adminTokenKeys.tokens, queryFn: adminTokensApi.list });
