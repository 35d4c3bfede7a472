/**
 * API tokens against a served provider: a holder creates scoped tokens over a signed-in session
 * and sees each secret once; `Authorization: Bearer` reads the holder's own mailbox without a
 * cookie or a CSRF header; a token without the route's scope gets 403, a revoked or expired one
 * 401, another mailbox's folder 404, and a token past its request rate 429 with Retry-After. The
 * operator lists and revokes tokens with `pec token`.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { holders, signIn, startApiProvider, type ApiProvider } from '../api/api-provider.ts';
import { pecOk } from '../e2e/run-pec.ts';

interface CreatedToken {
  id: number;
  token: string;
  name: string;
  scopes: string[];
  expiresAt: string | null;
}

describe('API tokens', { timeout: 180_000 }, () => {
  let provider: ApiProvider;
  let anna = '';

  async function createToken(cookie: string, body: object): Promise<CreatedToken> {
    const response = await fetch(`${provider.base}/api/v1/tokens`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json', 'x-pec-request': '1' },
      body: JSON.stringify(body),
    });
    assert.equal(response.status, 201, await response.clone().text());
    return (await response.json()) as CreatedToken;
  }
  function withToken(path: string, token: string, init: RequestInit = {}): Promise<Response> {
    return fetch(`${provider.base}${path}`, {
      ...init,
      headers: { ...(init.headers as Record<string, string> | undefined), authorization: `Bearer ${token}` },
    });
  }
  async function assertProblem(response: Response, status: number, reason: string): Promise<void> {
    assert.equal(response.status, status, `${response.url}: ${await response.clone().text()}`);
    assert.match(response.headers.get('content-type') ?? '', /^application\/problem\+json/);
    assert.equal(((await response.json()) as { reason: string }).reason, reason);
  }

  before(async () => {
    provider = await startApiProvider({
      overrides: { integration: { tokenBurst: 5, tokenRequestsPerMinute: 1 } },
    });
    await provider.deliverPec(holders.mario, holders.anna, 'Fattura 12', 'In allegato.\n');
    anna = await signIn(provider.base, holders.anna);
  });
  after(() => provider.close());

  it('a messages:read token reads its own mailbox without cookie or CSRF header; the secret is shown once', async () => {
    const created = await createToken(anna, { name: 'ERP', scopes: ['messages:read'], expiresInDays: 30 });
    assert.match(created.token, /^pec_[A-Za-z0-9_-]{43}$/);
    assert.deepEqual(created.scopes, ['messages:read']);
    const folders = await withToken('/api/v1/folders', created.token);
    assert.equal(folders.status, 200);
    const inbox = (
      (await folders.json()) as { folders: { id: string; name: string; total: number }[] }
    ).folders.find((f) => f.name === 'INBOX');
    assert.ok(inbox !== undefined);
    assert.equal(inbox.total, 1);
    const message = await withToken(`/api/v1/messages/${inbox.id}/1`, created.token);
    assert.equal(message.status, 200);
    assert.equal(((await message.json()) as { pecType: string }).pecType, 'posta-certificata');
    // Listed without the secret; the stored row holds only its SHA-256.
    const listed = await fetch(`${provider.base}/api/v1/tokens`, { headers: { cookie: anna } });
    const body = await listed.text();
    assert.ok(!body.includes(created.token));
    assert.ok((JSON.parse(body) as { tokens: { id: number }[] }).tokens.some((t) => t.id === created.id));
    const stored = await provider.ctx.storage.apiTokens.list();
    const hash = createHash('sha256').update(created.token).digest('hex');
    assert.deepEqual(
      stored.filter((t) => t.id === created.id).map((t) => t.tokenHash),
      [hash],
    );
  });

  it('a token without the route scope gets 403, and never reaches session-only routes', async () => {
    const receipts = await createToken(anna, { name: 'receipts only', scopes: ['receipts:read'] });
    await assertProblem(await withToken('/api/v1/folders', receipts.token), 403, 'insufficient-scope');
    const reader = await createToken(anna, { name: 'reader', scopes: ['messages:read'] });
    // No CSRF header: the bearer token stands in for it, and still cannot mint tokens.
    await assertProblem(
      await withToken('/api/v1/tokens', reader.token, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'x', scopes: ['messages:read'] }),
      }),
      403,
      'insufficient-scope',
    );
    await assertProblem(await withToken('/api/v1/tokens', reader.token), 403, 'insufficient-scope');
  });

  it('revoked and expired tokens get 401 with a Bearer challenge', async () => {
    const doomed = await createToken(anna, { name: 'doomed', scopes: ['messages:read'] });
    assert.equal((await withToken('/api/v1/folders', doomed.token)).status, 200);
    const revoke = await fetch(`${provider.base}/api/v1/tokens/${String(doomed.id)}`, {
      method: 'DELETE',
      headers: { cookie: anna, 'x-pec-request': '1' },
    });
    assert.equal(revoke.status, 204);
    const revoked = await withToken('/api/v1/folders', doomed.token);
    assert.equal(revoked.headers.get('www-authenticate'), 'Bearer error="invalid_token"');
    await assertProblem(revoked, 401, 'authentication-required');

    const mailbox = await provider.ctx.storage.accounts.findMailboxByAddress(holders.anna);
    assert.ok(mailbox !== undefined);
    const secret = `pec_${'e'.repeat(43)}`;
    await provider.ctx.storage.apiTokens.insert({
      tokenHash: createHash('sha256').update(secret).digest('hex'),
      mailboxId: mailbox.id,
      address: mailbox.address,
      name: 'expired',
      scopes: ['messages:read'],
      createdAt: new Date(Date.now() - 2 * 86_400_000),
      expiresAt: new Date(Date.now() - 86_400_000),
    });
    await assertProblem(await withToken('/api/v1/folders', secret), 401, 'authentication-required');
    await assertProblem(await withToken('/api/v1/folders', 'pec_unknown'), 401, 'authentication-required');
  });

  it("another mailbox's folder is 404 to a holder's token", async () => {
    const bruno = await signIn(provider.base, holders.bruno);
    const brunoFolders = (await (
      await fetch(`${provider.base}/api/v1/folders`, { headers: { cookie: bruno } })
    ).json()) as {
      folders: { id: string }[];
    };
    const foreign = brunoFolders.folders[0];
    assert.ok(foreign !== undefined);
    const token = await createToken(anna, { name: 'nosy', scopes: ['messages:read'] });
    await assertProblem(
      await withToken(`/api/v1/folders/${foreign.id}/messages`, token.token),
      404,
      'not-found',
    );
    await assertProblem(await withToken(`/api/v1/messages/${foreign.id}/1`, token.token), 404, 'not-found');
  });

  it('a token past its burst gets 429 with Retry-After, other tokens are unaffected', async () => {
    const busy = await createToken(anna, { name: 'busy', scopes: ['messages:read'] });
    const calm = await createToken(anna, { name: 'calm', scopes: ['messages:read'] });
    for (let i = 0; i < 5; i++) assert.equal((await withToken('/api/v1/folders', busy.token)).status, 200);
    const limited = await withToken('/api/v1/folders', busy.token);
    const retryAfter = Number(limited.headers.get('retry-after'));
    await assertProblem(limited, 429, 'rate-limited');
    assert.ok(retryAfter >= 1 && retryAfter <= 60, String(retryAfter));
    assert.equal((await withToken('/api/v1/folders', calm.token)).status, 200);
  });

  it('the operator lists tokens without secrets and revokes one with pec token', async () => {
    const victim = await createToken(anna, { name: 'cli victim', scopes: ['messages:read'] });
    const listed = JSON.parse(
      await pecOk(['token', 'list', '--mailbox', holders.anna, '--json', '--data', provider.dir]),
    ) as { id: number; name: string; address: string }[];
    assert.ok(
      listed.some((t) => t.id === victim.id && t.name === 'cli victim' && t.address === holders.anna),
    );
    assert.ok(!JSON.stringify(listed).includes('pec_'));
    await pecOk(['token', 'revoke', String(victim.id), '--data', provider.dir]);
    await assertProblem(await withToken('/api/v1/folders', victim.token), 401, 'authentication-required');
  });
});
