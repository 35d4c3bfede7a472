/**
 * GET /api/v1/account/plan over a real server (decision 0016): refused without a session, and the
 * signed-in holder's own box only: its plan, state on the calendar, dates, space, and whether it
 * sends and receives (Super Ricezione once expired). Listed in the OpenAPI document.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { holders, signIn, startApiProvider, type ApiProvider } from './api-provider.ts';

const day = 86_400_000;

describe('GET /api/v1/account/plan (decision 0016)', { timeout: 120_000 }, () => {
  let provider: ApiProvider;
  before(async () => {
    provider = await startApiProvider();
  });
  after(() => provider.close());

  const plan = async (cookie?: string) => {
    const response = await fetch(`${provider.base}/api/v1/account/plan`, {
      headers: cookie === undefined ? {} : { cookie },
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };

  it('needs a session', async () => {
    const { status, body } = await plan();
    assert.equal(status, 401);
    assert.equal(body['reason'], 'authentication-required');
  });

  it("answers the holder's own plan, state and space; an expired box receives but cannot send", async () => {
    const mario = await plan(await signIn(provider.base, holders.mario));
    assert.equal(mario.status, 200);
    assert.equal(mario.body['address'], holders.mario);
    assert.deepEqual(mario.body['plan'], {
      name: 'standard',
      boxQuotaBytes: 1024 ** 3,
      archiveQuotaBytes: 0,
      smsIncluded: false,
      durationMonths: 12,
      priceCents: 0,
    });
    assert.equal(mario.body['state'], 'active');
    assert.equal(mario.body['expiresAt'], null);
    assert.equal(mario.body['canSend'], true);

    const { storage } = provider.ctx;
    const anna = await storage.accounts.findMailboxByAddress(holders.anna);
    assert.ok(anna);
    const expiresAt = new Date(Date.now() - 10 * day);
    await storage.accounts.updateMailbox(anna.id, { expiresAt });
    const expired = await plan(await signIn(provider.base, holders.anna));
    assert.equal(expired.body['address'], holders.anna, 'each holder sees only their own box');
    assert.equal(expired.body['state'], 'expired');
    assert.equal(expired.body['expiresAt'], expiresAt.toISOString());
    assert.equal(expired.body['deactivatesAt'], new Date(expiresAt.getTime() + 90 * day).toISOString());
    assert.equal(expired.body['deletesAt'], new Date(expiresAt.getTime() + 97 * day).toISOString());
    assert.equal(expired.body['canSend'], false);
    assert.equal(expired.body['receives'], true);

    const openapi = (await (await fetch(`${provider.base}/api/openapi.json`)).json()) as {
      paths: Record<string, unknown>;
    };
    assert.ok('/api/v1/account/plan' in openapi.paths);
  });
});
