// Dev-only mock of the security routes (src/features/security/security-api.ts): sessions, a TOTP
// second factor that takes any six digits, app passwords and a short access history.
import { randomBytes } from 'node:crypto';
import type { AccessEntry, AppPassword, WebSessionSummary } from '../src/api/contract.ts';

const firefox = 'Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0';
const qrPlaceholder = `data:image/svg+xml;base64,${Buffer.from(
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 29 29"><rect width="29" height="29" fill="#fff"/><path d="M2 2h7v7H2zM20 2h7v7h-7zM2 20h7v7H2zM12 12h5v5h-5z"/></svg>',
).toString('base64')}`;

export function createMockSecurity(now: number) {
  const iso = (minutesAgo: number) => new Date(now - minutesAgo * 60_000).toISOString();
  let twoFactor: { enabled: boolean; enabledAt: string | null; recoveryCodesLeft: number } = {
    enabled: false,
    enabledAt: null,
    recoveryCodesLeft: 0,
  };
  const appPasswords: AppPassword[] = [
    { id: '1', name: 'Thunderbird', createdAt: iso(60 * 24 * 40), lastUsedAt: iso(12) },
  ];
  const others: WebSessionSummary[] = [
    {
      id: 'b'.repeat(64),
      current: false,
      staySignedIn: true,
      createdAt: iso(60 * 24 * 3),
      lastSeenAt: iso(60 * 5),
      expiresAt: iso(-60 * 24 * 27),
      userAgent: firefox,
      device: 'Firefox on Linux',
      remoteAddress: '203.0.113.24',
    },
  ];
  const history: AccessEntry[] = Array.from({ length: 27 }, (_, i) => ({
    id: 100 - i,
    at: iso(i * 95 + 3),
    protocol: (['http', 'imap', 'smtp', 'imap', 'pop3'] as const)[i % 5] ?? 'imap',
    remoteAddress: i === 0 ? '198.51.100.7' : '203.0.113.24',
    clientId: i % 5 === 0 ? firefox : null,
    device: i % 5 === 0 ? 'Firefox on Linux' : null,
    outcome: i === 2 ? 'failure' : i === 4 ? 'throttled' : 'success',
    newOrigin: i === 0,
  }));

  return {
    /** Answers a security route, or returns undefined when the path is not one. */
    handle(
      method: string,
      path: string,
      body: Record<string, unknown> | null,
      currentUserAgent: string | undefined,
    ): [number, unknown] | undefined {
      if (path === '/security' && method === 'GET') return [200, { twoFactor }];
      if (path === '/security/sessions' && method === 'GET') {
        const current: WebSessionSummary = {
          id: 'a'.repeat(64),
          current: true,
          staySignedIn: false,
          createdAt: iso(20),
          lastSeenAt: iso(0),
          expiresAt: iso(-30),
          userAgent: currentUserAgent ?? null,
          device: 'Chrome on Linux',
          remoteAddress: '127.0.0.1',
        };
        return [200, { sessions: [current, ...others] }];
      }
      if (path === '/security/sessions/sign-out-others' && method === 'POST') {
        const signedOut = others.length;
        others.length = 0;
        return [200, { signedOut }];
      }
      const oneSession = /^\/security\/sessions\/([0-9a-f]{64})$/.exec(path);
      if (oneSession !== null && method === 'DELETE') {
        const index = others.findIndex((s) => s.id === oneSession[1]);
        if (index < 0) return [404, null];
        others.splice(index, 1);
        return [204, undefined];
      }
      if (path === '/security/totp/enrolment' && method === 'POST')
        return [
          200,
          {
            uri: 'otpauth://totp/PEC%20Example:mario',
            secret: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP',
            qrCode: qrPlaceholder,
          },
        ];
      if (path === '/security/totp/confirmation' && method === 'POST') {
        if (!/^\d{6}$/.test(typeof body?.['code'] === 'string' ? body['code'] : '')) return [401, null];
        twoFactor = { enabled: true, enabledAt: new Date(now).toISOString(), recoveryCodesLeft: 10 };
        return [
          200,
          {
            recoveryCodes: Array.from({ length: 10 }, () =>
              randomBytes(5)
                .toString('hex')
                .replace(/^(.{5})/, '$1-'),
            ),
          },
        ];
      }
      if (path === '/security/totp/disable' && method === 'POST') {
        twoFactor = { enabled: false, enabledAt: null, recoveryCodesLeft: 0 };
        return [204, undefined];
      }
      if (path === '/security/app-passwords' && method === 'GET') return [200, { appPasswords }];
      if (path === '/security/app-passwords' && method === 'POST') {
        const created: AppPassword = {
          id: String(appPasswords.length + 2),
          name: typeof body?.['name'] === 'string' ? body['name'] : '',
          createdAt: new Date(now).toISOString(),
          lastUsedAt: null,
        };
        appPasswords.push(created);
        return [201, { appPassword: created, password: 'abcd-efgh-ijkl-mnop' }];
      }
      const oneApp = /^\/security\/app-passwords\/(\d+)$/.exec(path);
      if (oneApp !== null && method === 'DELETE') {
        const index = appPasswords.findIndex((p) => p.id === oneApp[1]);
        if (index < 0) return [404, null];
        appPasswords.splice(index, 1);
        return [204, undefined];
      }
      if (path === '/security/password' && method === 'POST')
        return [200, { signedOutSessions: 0, appPasswordsRevoked: 0 }];
      if (path.startsWith('/security/access-history') && method === 'GET')
        return [200, { entries: history.slice(0, 20), total: history.length }];
      return undefined;
    },
  };
}
