/**
 * Helpers of the administrative API tests: principals made through the service the CLI uses,
 * signing in over HTTP (answering the `pec_admin_session=…` pair to send back), and calls with
 * that cookie and the CSRF header.
 */
import assert from 'node:assert/strict';
import type { ProviderContext } from '../../src/app/provider-context.ts';
import type { AdminRole } from '../../src/ports/admin-store.ts';
import { createAdminPrincipals } from '../../src/services/administration/admin-principals.ts';

export const adminPassword = 'admin horse battery staple';

export async function addPrincipal(
  ctx: ProviderContext,
  email: string,
  role: AdminRole,
  domains: readonly string[] = [],
): Promise<void> {
  await createAdminPrincipals({
    store: ctx.storage.admin,
    accounts: ctx.storage.accounts,
    clock: ctx.clock,
  }).add({
    email,
    role,
    domains,
    password: adminPassword,
  });
}

export async function adminSignIn(base: string, email: string, password = adminPassword): Promise<string> {
  const response = await fetch(`${base}/api/v1/admin/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-pec-request': '1' },
    body: JSON.stringify({ email, password }),
  });
  assert.equal(response.status, 204, await response.text());
  const cookie = response.headers.get('set-cookie') ?? '';
  const pair = cookie.split(';')[0] ?? '';
  assert.match(pair, /^pec_admin_session=[A-Za-z0-9_-]{43}$/);
  return pair;
}

export function adminCall(
  base: string,
  cookie: string | undefined,
  method: string,
  path: string,
  body?: unknown,
): Promise<Response> {
  return fetch(`${base}${path}`, {
    method,
    headers: {
      ...(cookie === undefined ? {} : { cookie }),
      'x-pec-request': '1',
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}
