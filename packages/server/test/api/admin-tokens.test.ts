// API tokens of operators and postmasters over a real listener (decision 0042), curl-style:
// a postmaster's token of domain A gets 404 for every box route of domain B; revoked, expired and
// holder tokens get 401; support's token never reads a message's bytes and may not hold the scope;
// a token cannot mint tokens; a disabled postmaster's sign-in and token fail until enabled; the
// rate answers 429 with Retry-After; every denial is in the audit trail.
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { createAccountService } from '../../src/services/accounts/create-account-service.ts';
import { domain, holders, password, signIn, startApiProvider, type ApiProvider } from './api-provider.ts';
import { addPrincipal, adminCall, adminPassword, adminSignIn } from './admin-helpers.ts';

const domainB = 'studio-bianchi.api.localhost';
const boxB = `bianchi@${domainB}`;
const pmA = 'pm-a@studio.example';

let provider: ApiProvider;
const cookies = { pmA: '', admin: '', support: '' };

function bearer(token: string, method: string, path: string, body?: unknown): Promise<Response> {
  return fetch(`${provider.base}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}

async function create(cookie: string, body: object, status = 201): Promise<string> {
  const response = await adminCall(provider.base, cookie, 'POST', '/api/v1/admin/tokens', body);
  const text = await response.text();
  assert.equal(response.status, status, text);
  return status === 201 ? (JSON.parse(text) as { secret: string }).secret : '';
}

async function deniedIn(action: string, detail: RegExp): Promise<void> {
  const entries = await provider.ctx.storage.auditTrail.search({ action, outcome: 'denied', limit: 50 });
  assert.ok(
    entries.some((entry) => detail.test(entry.detail ?? '')),
    `no denial of ${action} matching ${String(detail)}: ${JSON.stringify(entries.map((e) => e.detail))}`,
  );
}

before(async () => {
  provider = await startApiProvider({
    overrides: { integration: { tokenBurst: 30, tokenRequestsPerMinute: 1 } },
  });
  const accounts = createAccountService({ storage: provider.ctx.storage, clock: provider.ctx.clock });
  await accounts.addDomain(domainB);
  await accounts.createMailbox({ address: boxB, password, holderName: 'Studio Bianchi' });
  await addPrincipal(provider.ctx, pmA, 'postmaster', [domain]);
  await addPrincipal(provider.ctx, 'admin@provider.example', 'admin');
  await addPrincipal(provider.ctx, 'support@provider.example', 'support');
  cookies.pmA = await adminSignIn(provider.base, pmA);
  cookies.admin = await adminSignIn(provider.base, 'admin@provider.example');
  cookies.support = await adminSignIn(provider.base, 'support@provider.example');
});
after(() => provider.close());

void describe('administrative API tokens', () => {
  void it('a postmaster token reaches its own domain and is 404 on every route of another', async () => {
    const token = await create(cookies.pmA, {
      name: 'provisioning',
      scopes: ['admin:read', 'admin:manage'],
      expiresInDays: 30,
    });
    assert.match(token, /^pecadm_[A-Za-z0-9_-]{43}$/);
    const own = await bearer(token, 'GET', `/api/v1/admin/domains/${domain}/boxes`);
    assert.equal(own.status, 200, await own.text());
    const box = encodeURIComponent(boxB);
    const onB: [string, string, unknown?][] = [
      ['GET', `/api/v1/admin/domains/${domainB}/boxes`],
      ['POST', `/api/v1/admin/domains/${domainB}/boxes`, { address: `nuovo@${domainB}`, holderName: 'N' }],
      ['GET', `/api/v1/admin/domains/${domainB}/defaults`],
      ['PATCH', `/api/v1/admin/domains/${domainB}/defaults`, { ordinaryMailPolicy: 'accept' }],
      ['GET', `/api/v1/admin/domains/${domainB}/usage.csv`],
      ['GET', `/api/v1/admin/boxes/${box}`],
      ['POST', `/api/v1/admin/boxes/${box}/password`, {}],
      ['POST', `/api/v1/admin/boxes/${box}/suspension`, { suspended: true }],
    ];
    for (const [method, path, body] of onB) {
      const response = await bearer(token, method, path, body);
      assert.equal(response.status, 404, `${method} ${path}: ${await response.text()}`);
    }
    await deniedIn('box.read', new RegExp(`domain ${domainB} is not administered \\(token \\d+\\)`));
    // A read-only token cannot change anything of its own domain.
    const reader = await create(cookies.pmA, { name: 'r', scopes: ['admin:read'], expiresInDays: 1 });
    const change = await bearer(
      reader,
      'POST',
      `/api/v1/admin/boxes/${encodeURIComponent(holders.mario)}/suspension`,
      {
        suspended: true,
      },
    );
    assert.equal(change.status, 403);
    await deniedIn('box.suspension', /token lacks admin:manage/);
  });

  void it('revoked, expired and holder tokens are 401, and a token cannot manage tokens', async () => {
    const token = await create(cookies.pmA, { name: 'x', scopes: ['admin:read'], expiresInDays: 1 });
    const listed = await adminCall(provider.base, cookies.pmA, 'GET', '/api/v1/admin/tokens');
    const { tokens, allowedScopes } = (await listed.json()) as {
      tokens: { id: number; name: string }[];
      allowedScopes: string[];
    };
    assert.deepEqual(allowedScopes, ['admin:read', 'admin:manage'], 'what a postmaster may give a token');
    const id = tokens.find((t) => t.name === 'x')?.id;
    assert.ok(id !== undefined);
    assert.ok(!JSON.stringify(tokens).includes('pecadm_'), 'secrets are never listed');
    assert.equal((await bearer(token, 'GET', '/api/v1/admin/tokens')).status, 404, 'session only');
    const minted = await bearer(token, 'POST', '/api/v1/admin/tokens', {
      name: 'y',
      scopes: ['admin:read'],
      expiresInDays: 1,
    });
    assert.equal(minted.status, 404);
    await deniedIn('token.create', /a token may not/);
    const revoked = await adminCall(
      provider.base,
      cookies.pmA,
      'DELETE',
      `/api/v1/admin/tokens/${String(id)}`,
    );
    assert.equal(revoked.status, 204);
    const after = await bearer(token, 'GET', `/api/v1/admin/domains/${domain}/boxes`);
    assert.equal(after.status, 401);
    assert.match(after.headers.get('www-authenticate') ?? '', /invalid_token/);

    const secret = `pecadm_${randomBytes(32).toString('base64url')}`;
    const principal = await provider.ctx.storage.admin.findPrincipal(pmA);
    assert.ok(principal !== undefined);
    const now = provider.ctx.clock.now().getTime();
    await provider.ctx.storage.adminTokens.insert({
      tokenHash: createHash('sha256').update(secret).digest('hex'),
      principalId: principal.id,
      name: 'old',
      scopes: ['admin:read'],
      createdAt: new Date(now - 3 * 86_400_000),
      expiresAt: new Date(now - 1000),
    });
    assert.equal((await bearer(secret, 'GET', `/api/v1/admin/domains/${domain}/boxes`)).status, 401);

    const holder = await signIn(provider.base, holders.mario);
    const made = await fetch(`${provider.base}/api/v1/tokens`, {
      method: 'POST',
      headers: { cookie: holder, 'content-type': 'application/json', 'x-pec-request': '1' },
      body: JSON.stringify({ name: 'erp', scopes: ['messages:read'] }),
    });
    assert.equal(made.status, 201, await made.clone().text());
    const holderToken = (await made.json()) as { secret?: string; token: string | { secret?: string } };
    const holderSecret =
      typeof holderToken.token === 'string' ? holderToken.token : (holderToken.secret ?? '');
    assert.match(holderSecret, /^pec_/);
    assert.equal((await bearer(holderSecret, 'GET', `/api/v1/admin/domains/${domain}/boxes`)).status, 401);
    assert.equal((await bearer(holderSecret, 'GET', '/api/v1/admin/operator/health')).status, 401);
    await deniedIn('box.search', /API token unknown, expired, revoked/);
  });

  void it('support may not hold message contents and its token never reads them', async () => {
    await create(cookies.support, { name: 'c', scopes: ['admin:message-contents'], expiresInDays: 1 }, 400);
    await create(cookies.support, { name: 'm', scopes: ['admin:manage'], expiresInDays: 1 }, 400);
    const support = await create(cookies.support, { name: 'r', scopes: ['admin:read'], expiresInDays: 1 });
    const list = await bearer(support, 'GET', '/api/v1/admin/operator/quarantine');
    assert.equal(list.status, 200, await list.text());
    const eml = await bearer(support, 'GET', '/api/v1/admin/operator/quarantine/q-1/message.eml');
    assert.equal(eml.status, 404);
    await deniedIn('quarantine.export', /role support may not \(token \d+\)/);
    const admin = await create(cookies.admin, { name: 'r', scopes: ['admin:read'], expiresInDays: 1 });
    const adminEml = await bearer(admin, 'GET', '/api/v1/admin/operator/quarantine/q-1/message.eml');
    assert.equal(adminEml.status, 403, 'an admin token without the contents scope');
    await deniedIn('quarantine.export', /token lacks admin:message-contents/);
  });

  void it('a disabled postmaster cannot sign in or use its tokens until enabled', async () => {
    const token = await create(cookies.pmA, { name: 'd', scopes: ['admin:read'], expiresInDays: 1 });
    const path = `/api/v1/admin/operator/postmasters/${encodeURIComponent(pmA)}/disabled`;
    const bySupport = await adminCall(provider.base, cookies.support, 'POST', path, { disabled: true });
    assert.equal(bySupport.status, 404);
    const disabled = await adminCall(provider.base, cookies.admin, 'POST', path, { disabled: true });
    assert.equal(disabled.status, 200, await disabled.clone().text());
    assert.ok(((await disabled.json()) as { disabledAt: string | null }).disabledAt !== null);
    assert.equal((await bearer(token, 'GET', `/api/v1/admin/domains/${domain}/boxes`)).status, 401);
    assert.equal((await adminCall(provider.base, cookies.pmA, 'GET', '/api/v1/admin/session')).status, 401);
    const signIn = await fetch(`${provider.base}/api/v1/admin/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-pec-request': '1' },
      body: JSON.stringify({ email: pmA, password: adminPassword }),
    });
    assert.equal(signIn.status, 401);
    const refused = await provider.ctx.storage.auditTrail.search({ action: 'session.sign-in', limit: 5 });
    assert.equal(refused[0]?.detail, 'disabled');
    const done = await provider.ctx.storage.auditTrail.search({ action: 'postmaster.disabled', limit: 5 });
    assert.equal(done[0]?.target, `${pmA} disabled`);
    const enabled = await adminCall(provider.base, cookies.admin, 'POST', path, { disabled: false });
    assert.equal(enabled.status, 200);
    assert.equal((await bearer(token, 'GET', `/api/v1/admin/domains/${domain}/boxes`)).status, 200);
    cookies.pmA = await adminSignIn(provider.base, pmA);
  });

  void it('a token past its rate gets 429 with Retry-After, recorded', async () => {
    const token = await create(cookies.admin, { name: 'fast', scopes: ['admin:read'], expiresInDays: 1 });
    let limited: Response | undefined;
    for (let i = 0; i < 40 && limited === undefined; i++) {
      const response = await bearer(token, 'GET', '/api/v1/admin/operator/health');
      if (response.status === 429) limited = response;
      else assert.equal(response.status, 200, await response.text());
    }
    assert.ok(limited !== undefined, 'no 429 within 40 requests');
    assert.ok(Number(limited.headers.get('retry-after')) >= 1);
    assert.equal(((await limited.json()) as { type: string }).type, 'urn:pec:request:rate-limited');
    await deniedIn('health.read', /rate limit \(token \d+\)/);
  });
});
