/**
 * What the holder buys for their own box over a real server (decision 0038): renewal while active
 * or within 90 days and only when the contents fit (seed 000), extra space with its prorated price
 * quoted first, a plan change up or down (down refused when the contents do not fit), automatic
 * renewal on and off, and the box's orders. Each holder sees and orders for their own box only.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { holders, signIn, startApiProvider, type ApiProvider } from './api-provider.ts';

const day = 86_400_000;

interface OrderBody {
  kind: string;
  amountCents: number;
  status: string;
}
interface Answer {
  [member: string]: unknown;
  plans: { name: string }[];
  orders: OrderBody[];
  order: OrderBody;
  plan: { name: string };
  detail: string;
  priceCents: number;
  quotaBytes: number;
}
const gib = 1024 ** 3;

describe('holder orders: renewal, extra space, plan change (decision 0038)', { timeout: 120_000 }, () => {
  let provider: ApiProvider;
  let mario: string;
  let anna: string;
  before(async () => {
    provider = await startApiProvider();
    const { plans, accounts } = provider.ctx.storage;
    const plan = { description: '', archiveQuotaBytes: 0, smsIncluded: false, durationMonths: 12 };
    await plans.add({ ...plan, name: 'mini', boxQuotaBytes: 1000, priceCents: 500 });
    await plans.add({ ...plan, name: 'plus', boxQuotaBytes: 4 * gib, priceCents: 4000, smsIncluded: true });
    for (const address of [holders.mario, holders.anna]) {
      const box = await accounts.findMailboxByAddress(address);
      assert.ok(box);
      await accounts.updateMailbox(box.id, { expiresAt: new Date(Date.now() + 73 * day) });
    }
    mario = await signIn(provider.base, holders.mario);
    anna = await signIn(provider.base, holders.anna);
  });
  after(() => provider.close());

  const call = async (cookie: string | undefined, method: string, path: string, body?: unknown) => {
    const headers: Record<string, string> = { 'x-pec-request': '1' };
    if (cookie !== undefined) headers['cookie'] = cookie;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(`${provider.base}/api/v1/account/${path}`, {
      method,
      headers,
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: response.status, body: (await response.json()) as Answer };
  };

  it('needs a session for every route', async () => {
    for (const [method, path, body] of [
      ['GET', 'plans'],
      ['GET', 'orders'],
      ['POST', 'renewal', { years: 1 }],
      ['GET', 'extra-space/quote?bytes=1'],
      ['POST', 'extra-space', { bytes: gib }],
      ['POST', 'plan-change', { plan: 'plus' }],
      ['POST', 'auto-renew', { on: true }],
    ] as const) {
      const answer = await call(undefined, method, path, body);
      assert.equal(answer.status, 401, `${method} ${path}`);
      assert.equal(answer.body['reason'], 'authentication-required');
    }
  });

  it('lists the plans on offer', async () => {
    const { status, body } = await call(mario, 'GET', 'plans');
    assert.equal(status, 200);
    assert.deepEqual(
      body.plans.map((p: { name: string }) => p.name),
      ['mini', 'plus', 'standard'],
    );
  });

  it('renews for years, extending from the old expiry, and lists the order', async () => {
    const before = (await call(mario, 'GET', 'plan')).body['expiresAt'] as string;
    const renewed = await call(mario, 'POST', 'renewal', { years: 2 });
    assert.equal(renewed.status, 200);
    const expected = new Date(before);
    expected.setUTCFullYear(expected.getUTCFullYear() + 2);
    assert.equal(renewed.body['expiresAt'], expected.toISOString());
    const orders = await call(mario, 'GET', 'orders');
    assert.equal(orders.body.orders[0]?.kind, 'renewal');
    const refused = await call(mario, 'POST', 'renewal', { years: 9 });
    assert.equal(refused.status, 400);
  });

  it('quotes extra space prorated, then buys it at that price', async () => {
    const quote = await call(anna, 'GET', `extra-space/quote?bytes=${gib}`);
    assert.equal(quote.status, 200);
    // 300 cents per GiB-year by default, for about 73 days of 365.
    assert.ok(
      quote.body['priceCents'] > 50 && quote.body['priceCents'] < 70,
      String(quote.body['priceCents']),
    );
    const before = (await call(anna, 'GET', 'plan')).body['quotaBytes'];
    const bought = await call(anna, 'POST', 'extra-space', { bytes: gib });
    assert.equal(bought.status, 200);
    assert.equal(bought.body['quotaBytes'], before + gib);
    assert.ok(Math.abs(bought.body.order.amountCents - quote.body.priceCents) <= 1);
    assert.equal(bought.body.order.status, 'open', 'waiting for payment');
  });

  it('shows each holder only their own orders', async () => {
    const annas = (await call(anna, 'GET', 'orders')).body['orders'] as { kind: string }[];
    const marios = (await call(mario, 'GET', 'orders')).body['orders'] as { kind: string }[];
    assert.deepEqual(
      annas.map((o) => o.kind),
      ['extra-space'],
    );
    assert.deepEqual(
      marios.map((o) => o.kind),
      ['renewal'],
    );
  });

  it('changes plan up; down is refused with the reason when the contents do not fit', async () => {
    await provider.deliverPec(holders.anna, holders.mario, 'PEC 01', 'x'.repeat(3000));
    const down = await call(mario, 'POST', 'plan-change', { plan: 'mini' });
    assert.equal(down.status, 409);
    assert.equal(down.body['refusal'], 'contents-exceed-plan');
    assert.match(down.body.detail, /free space or buy extra space/);
    const up = await call(mario, 'POST', 'plan-change', { plan: 'plus' });
    assert.equal(up.status, 200);
    assert.equal(up.body['quotaBytes'], 4 * gib);
    assert.equal((await call(mario, 'GET', 'plan')).body.plan.name, 'plus');
    const unknown = await call(mario, 'POST', 'plan-change', { plan: 'gold' });
    assert.equal(unknown.status, 404);
  });

  it('refuses to renew a box whose contents exceed its space, saying what to do (seed 000)', async () => {
    const { accounts } = provider.ctx.storage;
    const box = await accounts.findMailboxByAddress(holders.mario);
    assert.ok(box);
    await accounts.updateMailbox(box.id, { quotaBytes: 10 });
    const refused = await call(mario, 'POST', 'renewal', { years: 1 });
    assert.equal(refused.status, 409);
    assert.equal(refused.body['refusal'], 'needs-space');
    assert.match(refused.body.detail, /Buy extra space, move to a larger plan or free space/);
    await accounts.updateMailbox(box.id, { quotaBytes: 4 * gib });
  });

  it('turns automatic renewal on and off', async () => {
    assert.equal((await call(anna, 'POST', 'auto-renew', { on: true })).body['on'], true);
    assert.equal((await call(anna, 'GET', 'plan')).body['autoRenew'], true);
    assert.equal((await call(mario, 'GET', 'plan')).body['autoRenew'], false, "anna's switch is hers");
    await call(anna, 'POST', 'auto-renew', { on: false });
    assert.equal((await call(anna, 'GET', 'plan')).body['autoRenew'], false);
  });
});
