// The security settings' calls and their TanStack Query bindings.
import { useQuery } from '@tanstack/react-query';
import { json, request } from '../../api/client.ts';
import type {
  AccessEntry,
  AppPassword,
  SecurityOverview,
  SignInRequest,
  TotpEnrolment,
  WebSessionSummary,
} from '../../api/contract.ts';

export const securityKeys = {
  overview: ['security', 'overview'] as const,
  sessions: ['security', 'sessions'] as const,
  appPasswords: ['security', 'app-passwords'] as const,
  history: (offset: number) => ['security', 'history', offset] as const,
};

export const historyPageSize = 20;

export const securityApi = {
  /** Signs in; true when the second step (a code) is needed. */
  signIn: async (body: SignInRequest): Promise<boolean> => {
    const response = await request('POST', '/session', body);
    return response.status === 202;
  },
  secondFactor: async (code: string): Promise<void> => {
    await request('POST', '/session/second-factor', { code });
  },
  overview: () => json<SecurityOverview>('GET', '/security'),
  sessions: () => json<{ sessions: WebSessionSummary[] }>('GET', '/security/sessions'),
  endSession: async (id: string): Promise<void> => {
    await request('DELETE', `/security/sessions/${encodeURIComponent(id)}`);
  },
  endOthers: () => json<{ signedOut: number }>('POST', '/security/sessions/sign-out-others'),
  beginTotp: () => json<TotpEnrolment>('POST', '/security/totp/enrolment'),
  confirmTotp: (code: string) =>
    json<{ recoveryCodes: string[] }>('POST', '/security/totp/confirmation', { code }),
  disableTotp: async (password: string, code: string): Promise<void> => {
    await request('POST', '/security/totp/disable', { password, code });
  },
  renewRecoveryCodes: (code: string) =>
    json<{ recoveryCodes: string[] }>('POST', '/security/recovery-codes', { code }),
  appPasswords: () => json<{ appPasswords: AppPassword[] }>('GET', '/security/app-passwords'),
  createAppPassword: (name: string) =>
    json<{ appPassword: AppPassword; password: string }>('POST', '/security/app-passwords', { name }),
  revokeAppPassword: async (id: string): Promise<void> => {
    await request('DELETE', `/security/app-passwords/${encodeURIComponent(id)}`);
  },
  changePassword: (currentPassword: string, newPassword: string, signOutAppPasswords: boolean) =>
    json<{ signedOutSessions: number; appPasswordsRevoked: number }>('POST', '/security/password', {
      currentPassword,
      newPassword,
      signOutAppPasswords,
    }),
  history: (offset: number) =>
    json<{ entries: AccessEntry[]; total: number }>(
      'GET',
      `/security/access-history?limit=${String(historyPageSize)}&offset=${String(offset)}`,
    ),
};

export const useSecurityOverview = () =>
  useQuery({ queryKey: securityKeys.overview, queryFn: securityApi.overview });
export const useWebSessions = () =>
  useQuery({ queryKey: securityKeys.sessions, queryFn: securityApi.sessions });
export const useAppPasswords = () =>
  useQuery({ queryKey: securityKeys.appPasswords, queryFn: securityApi.appPasswords });
export const useAccessHistory = (offset: number) =>
  useQuery({ queryKey: securityKeys.history(offset), queryFn: () => securityApi.history(offset) });
