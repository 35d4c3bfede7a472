// The administrative sign-in over a real listener: its own cookie (HttpOnly, SameSite=Strict,
// Path=/api/v1/admin), never the holder's session, CSRF header required, TOTP as a second step,
// wrong passwords refused and recorded, sign-out, the audit trail searched by role with a cursor.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { base32Decode, totpCode } from '../../src/services/account-security/totp.ts';
import { createAdminPrincipals } from '../../src/services/administration/admin-principals.ts';
import { domain, holders, signIn, startApiProvider, type ApiProvider } from './api-provider.ts';
import { addPrincipal, adminCall, adminPassword, adminSignIn } from './admin-helpers.ts';

let provider: ApiProvider;

before(async () => {
  provider = await startApiProvider();
  await addPrincipal(provider.ctx, 'admin@provider.example', 'admin');
  await addPrincipal(provider.ctx, 'auditor@provider.example', 'auditor');
  await addPrincipal(provider.ctx, 'support@provider.example', 'support');
  await addPrincipal(provider.ctx, 'pm@studio.example', 'postmaster', [domain]);
});
after(() => provider.close());

void describe('administrative session', () => {
  void it('signs in with its own HttpOnly SameSite=Strict cookie scoped to /api/v1/admin', async () => {
    const response = await fetch(`${provider.base}/api/v1/admin/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-pec-request': '1' },
      body: JSON.stringify({ email: 'PM@studio.example', password: adminPassword }),
    });
    assert.equal(response.status, 204);
    const cookie = response.headers.get('set-cookie') ?? '';
    assert.match(cookie, /^pec_admin_session=/);
    assert.match(cookie, /HttpOnly/);
    assert.match(cookie, /SameSite=Strict/);
    assert.match(cookie, /Path=\/api\/v1\/admin/);
    assert.doesNotMatch(cookie, /Max-Age/);
    const pair = cookie.split(';')[0] ?? '';
    const me = await adminCall(provider.base, pair, 'GET', '/api/v1/admin/session');
    assert.equal(me.status, 200);
    const body = (await me.json()) as { email: string; role: string; domains: string[] };
    assert.deepEqual([body.email, body.role, body.domains], ['pm@studio.example', 'postmaster', [domain]]);
    // Sign-out ends it.
    assert.equal((await adminCall(provider.base, pair, 'DELETE', '/api/v1/admin/session')).status, 204);
    assert.equal((await adminCall(provider.base, pair, 'GET', '/api/v1/admin/session')).status, 401);
  });

  void it('needs the CSRF header, refuses wrong passwords, and keeps holder and admin sessions apart', async () => {
    const noHeader = await fetch(`${provider.base}/api/v1/admin/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'admin@provider.example', password: adminPassword }),
    });
    assert.equal(noHeader.status, 403);
    const wrong = await adminCall(provider.base, undefined, 'POST', '/api/v1/admin/session', {
      email: 'admin@provider.example',
      password: 'not the password',
    });
    assert.equal(wrong.status, 401);
    const unknown = await adminCall(provider.base, undefined, 'POST', '/api/v1/admin/session', {
      email: 'nobody@provider.example',
      password: adminPassword,
    });
    assert.equal(unknown.status, 401);
    // A holder's session is not an administrative one, and an admin cookie is no holder session.
    const holder = await signIn(provider.base, holders.mario);
    assert.equal((await adminCall(provider.base, holder, 'GET', '/api/v1/admin/session')).status, 401);
    const admin = await adminSignIn(provider.base, 'admin@provider.example');
    assert.equal((await adminCall(provider.base, admin, 'GET', '/api/v1/folders')).status, 401);
    assert.equal((await adminCall(provider.base, admin, 'GET', '/api/v1/session')).status, 401);
  });

  void it('asks a principal with TOTP for the code before the session is usable', async () => {
    await addPrincipal(provider.ctx, 'totp@provider.example', 'admin');
    const principals = createAdminPrincipals({
      store: provider.ctx.storage.admin,
      accounts: provider.ctx.storage.accounts,
    });
    const secret = await principals.setSecondFactor('totp@provider.example', true);
    assert.ok(secret !== null);
    const first = await adminCall(provider.base, undefined, 'POST', '/api/v1/admin/session', {
      email: 'totp@provider.example',
      password: adminPassword,
    });
    assert.equal(first.status, 202);
    const half = (first.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    assert.equal((await adminCall(provider.base, half, 'GET', '/api/v1/admin/session')).status, 401);
    const wrongCode = await adminCall(provider.base, half, 'POST', '/api/v1/admin/session/second-factor', {
      code: '000000',
    });
    assert.equal(wrongCode.status, 401);
    const bytes = base32Decode(secret);
    assert.ok(bytes !== undefined);
    const done = await adminCall(provider.base, half, 'POST', '/api/v1/admin/session/second-factor', {
      code: totpCode(bytes, new Date()),
    });
    assert.equal(done.status, 204, await done.text());
    const full = (done.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    assert.equal((await adminCall(provider.base, full, 'GET', '/api/v1/admin/session')).status, 200);
    assert.equal((await adminCall(provider.base, half, 'GET', '/api/v1/admin/session')).status, 401);
  });

  void it('shows the audit trail to admin and auditor only, with denials and failed sign-ins, paged by cursor', async () => {
    const auditor = await adminSignIn(provider.base, 'auditor@provider.example');
    const admin = await adminSignIn(provider.base, 'admin@provider.example');
    const support = await adminSignIn(provider.base, 'support@provider.example');
    const pm = await adminSignIn(provider.base, 'pm@studio.example');
    for (const cookie of [support, pm])
      assert.equal((await adminCall(provider.base, cookie, 'GET', '/api/v1/admin/audit')).status, 404);
    assert.equal((await adminCall(provider.base, undefined, 'GET', '/api/v1/admin/audit')).status, 401);
    const response = await adminCall(
      provider.base,
      auditor,
      'GET',
      '/api/v1/admin/audit?outcome=denied&limit=500',
    );
    assert.equal(response.status, 200);
    const denied = (
      (await response.json()) as {
        entries: { actor: string; role: string; target: string; detail: string }[];
      }
    ).entries;
    for (const who of ['support@provider.example', 'pm@studio.example'])
      assert.ok(
        denied.some(
          (e) => e.actor === who && e.target === '/api/v1/admin/audit' && e.detail.startsWith('role '),
        ),
        who,
      );
    assert.ok(denied.some((e) => e.actor === 'anonymous' && e.target === '/api/v1/admin/audit'));
    const failed = (await (
      await adminCall(
        provider.base,
        admin,
        'GET',
        '/api/v1/admin/audit?action=session.sign-in&outcome=refused',
      )
    ).json()) as { entries: { actor: string; remoteAddress: string }[] };
    assert.ok(
      failed.entries.some((e) => e.actor === 'nobody@provider.example' && e.remoteAddress === '127.0.0.1'),
    );
    // Cursor paging: two pages of 2 do not overlap and continue in order.
    const page1 = (await (
      await adminCall(provider.base, admin, 'GET', '/api/v1/admin/audit?limit=2')
    ).json()) as {
      entries: { id: number }[];
      nextCursor: string;
    };
    const page2 = (await (
      await adminCall(provider.base, admin, 'GET', `/api/v1/admin/audit?limit=2&cursor=${page1.nextCursor}`)
    ).json()) as { entries: { id: number }[] };
    assert.equal(page1.entries.length, 2);
    assert.ok((page2.entries[0]?.id ?? Infinity) < (page1.entries[1]?.id ?? 0));
  });
});
