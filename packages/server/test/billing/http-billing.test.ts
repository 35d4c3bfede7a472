/**
 * The HTTP billing adapter end to end over real sockets (decision 0041): the box-life service
 * orders, the outbox worker POSTs each order, signed, to a local fake billing system, which
 * answers with a payment URL or at once and then calls the provider's signed callback. Covers a
 * payment, a decline, duplicate and replayed callbacks, missing, wrong and stale signatures, the
 * billing system down then up (the job retried, one idempotency key), and an automatic renewal
 * charged through the port and applied exactly once.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import Fastify, { type FastifyInstance } from 'fastify';
import { boxLifeDependencies } from '../../src/app/service-dependencies.ts';
import { createHttpBilling } from '../../src/billing/create-http-billing.ts';
import { createHttpBillingGateway } from '../../src/http-clients/create-http-billing-gateway.ts';
import type { Mailbox } from '../../src/ports/account-store.ts';
import { billingRequestJobKind } from '../../src/ports/billing.ts';
import {
  billingCallbackPath,
  registerBillingCallback,
} from '../../src/protocols/http/billing/register-billing-callback.ts';
import { createAccountService } from '../../src/services/accounts/create-account-service.ts';
import { createBillingRequestHandler } from '../../src/services/box-life/billing-request-handler.ts';
import { createBoxLife, type BoxLife } from '../../src/services/box-life/create-box-life.ts';
import {
  createOutboxWorker,
  type OutboxWorker,
} from '../../src/services/pipeline/outbox/create-outbox-worker.ts';
import { createTestProvider, testStart, type TestProvider } from '../pipeline/create-test-provider.ts';
import { startFakeBillingServer, type FakeBillingServer } from './fake-billing-server.ts';

const gib = 1024 ** 3;
const secret = `whsec_${randomBytes(24).toString('base64')}`;
const annual = {
  name: 'annual',
  description: 'One year',
  boxQuotaBytes: gib,
  archiveQuotaBytes: 0,
  smsIncluded: false,
  durationMonths: 12,
  priceCents: 1200,
};

describe('payments through an external billing system (decision 0041)', () => {
  let provider: TestProvider;
  let fake: FakeBillingServer;
  let life: BoxLife;
  let worker: OutboxWorker;
  let app: FastifyInstance;
  let callbackUrl: string;
  let boxes = 0;

  before(async () => {
    provider = await createTestProvider();
    const { ctx, clock } = provider;
    fake = await startFakeBillingServer(secret);
    life = createBoxLife({ ...boxLifeDependencies(ctx, 'test-node'), billing: createHttpBilling(clock) });
    await life.addPlan(annual);
    await createAccountService({ storage: ctx.storage, clock }).addDomain('pec.example.it');
    const gateway = createHttpBillingGateway(
      {
        url: fake.url,
        secret,
        timeoutMs: 5000,
        returnUrl: 'https://webmail.example.it/settings/plan?order={order}',
        callbackUrl: 'https://webmail.example.it/api/v1/billing/callback',
        currency: 'EUR',
      },
      clock,
    );
    worker = createOutboxWorker(
      { storage: ctx.storage, clock },
      {
        [billingRequestJobKind]: createBillingRequestHandler({
          billing: ctx.storage.billing,
          gateway,
          boxLife: life,
        }),
      },
      { owner: 'test-node', leaseMs: 60_000, pollMs: 60_000, onError: () => undefined },
    );
    app = Fastify();
    registerBillingCallback(app, { secret, toleranceSeconds: 300, clock, boxLife: life });
    const address = await app.listen({ host: '127.0.0.1', port: 0 });
    callbackUrl = `${address}${billingCallbackPath}`;
  });

  after(async () => {
    await app.close();
    await fake.close();
    await provider.close();
  });

  async function box(): Promise<Mailbox> {
    boxes += 1;
    provider.clock.set(testStart);
    return createAccountService({ storage: provider.ctx.storage, clock: provider.clock }).createMailbox({
      address: `holder${String(boxes)}@pec.example.it`,
      password: 'Password-Billing-1',
      taxCode: 'RSSMRA85T10A562S',
      plan: 'annual',
    });
  }

  const requestsFor = (orderId: number) => fake.requests.filter((r) => r.body['orderId'] === orderId);

  it('puts a paid order to the system, signed, and completes it once on the paid callback', async () => {
    const mailbox = await box();
    fake.mode = 'pending';
    const { order } = await life.addSpace(mailbox.address, gib);
    assert.ok(order);
    assert.equal(order.status, 'open');
    assert.equal((await life.payment(order.id))?.status, 'requested');
    assert.equal(await worker.runOnce(), 1);
    const [request] = requestsFor(order.id);
    assert.ok(request);
    assert.equal(request.signatureValid, true);
    assert.equal(request.headers['webhook-id'], `order-${String(order.id)}`);
    assert.equal(request.headers['idempotency-key'], `order-${String(order.id)}`);
    assert.deepEqual(
      {
        type: request.body['type'],
        kind: request.body['kind'],
        amountCents: request.body['amountCents'],
        currency: request.body['currency'],
        holder: request.body['holder'],
        returnUrl: request.body['returnUrl'],
      },
      {
        type: 'payment.requested',
        kind: 'extra-space',
        amountCents: order.amountCents,
        currency: 'EUR',
        holder: mailbox.address,
        returnUrl: `https://webmail.example.it/settings/plan?order=${String(order.id)}`,
      },
    );
    const pending = await life.payment(order.id);
    assert.equal(pending?.status, 'pending');
    assert.equal(pending.paymentUrl, `https://pay.example/checkout/${String(order.id)}`);

    const paid = { type: 'payment.paid', orderId: order.id, reference: 'pay_1' };
    const at = provider.clock.now();
    const first = await fake.callback(callbackUrl, paid, { id: 'msg_paid_1', at });
    assert.deepEqual(first, {
      status: 200,
      body: { orderId: order.id, status: 'paid', duplicate: false },
      contentType: 'application/json; charset=utf-8',
    });
    assert.equal((await provider.ctx.storage.billing.getOrder(order.id))?.status, 'paid');
    assert.equal((await life.payment(order.id))?.status, 'paid');
    // The same callback again, and another callback for the same order: nothing happens twice.
    assert.deepEqual((await fake.callback(callbackUrl, paid, { id: 'msg_paid_1', at })).body, {
      orderId: order.id,
      status: 'paid',
      duplicate: true,
    });
    const declinedLate = { type: 'payment.declined', orderId: order.id, reason: 'late' };
    const late = await fake.callback(callbackUrl, declinedLate, { id: 'msg_paid_2', at });
    assert.deepEqual(late.body, { orderId: order.id, status: 'paid', duplicate: true });
    assert.equal((await life.payment(order.id))?.status, 'paid');
  });

  it('refuses callbacks whose signature is missing, wrong or stale, with a problem', async () => {
    const mailbox = await box();
    const { order } = await life.addSpace(mailbox.address, gib);
    assert.ok(order);
    const paid = { type: 'payment.paid', orderId: order.id };
    const now = provider.clock.now();
    const cases = [
      { id: 'msg_bad_1', at: now, tamper: true },
      { id: 'msg_bad_2', at: now, unsigned: true },
      { id: 'msg_bad_3', at: new Date(now.getTime() - 10 * 60_000) },
    ];
    for (const options of cases) {
      const refused = await fake.callback(callbackUrl, paid, options);
      assert.equal(refused.status, 401, JSON.stringify(options));
      assert.match(refused.contentType ?? '', /^application\/problem\+json/);
      assert.equal(refused.body['type'], 'urn:pec:request:invalid-signature');
    }
    assert.equal((await provider.ctx.storage.billing.getOrder(order.id))?.status, 'open');
    const unknown = await fake.callback(
      callbackUrl,
      { type: 'payment.paid', orderId: 999_999 },
      { id: 'msg_unknown', at: now },
    );
    assert.equal(unknown.status, 404);
    const malformed = await fake.callback(
      callbackUrl,
      { type: 'payment.refunded', orderId: order.id },
      { id: 'msg_malformed', at: now },
    );
    assert.equal(malformed.status, 400);
    // A replayed id after the tolerance window is refused by its timestamp, before its id is looked at.
    assert.equal((await provider.ctx.storage.billing.getOrder(order.id))?.status, 'open');
  });

  it('records a decline and leaves the order open for another attempt', async () => {
    const mailbox = await box();
    fake.mode = 'declined';
    const { order } = await life.renew(mailbox.address, 1);
    assert.ok(order);
    // With the order of the test before, still open.
    assert.equal(await worker.runOnce(), 2);
    const payment = await life.payment(order.id);
    assert.equal(payment?.status, 'declined');
    assert.equal(payment.detail, 'insufficient funds');
    assert.equal((await provider.ctx.storage.billing.getOrder(order.id))?.status, 'open');
  });

  it('asks again later when the billing system is down, with the same idempotency key', async () => {
    const mailbox = await box();
    fake.mode = 'down';
    const { order } = await life.changePlan(
      mailbox.address,
      (await life.addPlan({ ...annual, name: 'large', boxQuotaBytes: 4 * gib, priceCents: 4800 })).name,
    );
    assert.ok(order);
    assert.equal(await worker.runOnce(), 1);
    const [job] = await provider.ctx.storage.queue.list({ kind: billingRequestJobKind, status: 'ready' });
    assert.ok(job);
    assert.match(job.lastError ?? '', /HTTP 503/);
    assert.equal(await worker.runOnce(), 0, 'not due before its backoff');
    fake.mode = 'paid';
    provider.clock.advance(31_000);
    assert.equal(await worker.runOnce(), 1);
    const requests = requestsFor(order.id);
    assert.equal(requests.length, 2);
    assert.deepEqual(
      requests.map((r) => r.headers['idempotency-key']),
      [`order-${String(order.id)}`, `order-${String(order.id)}`],
    );
    assert.equal((await provider.ctx.storage.billing.getOrder(order.id))?.status, 'paid');
  });

  it('charges an automatic renewal through the port and renews exactly once', async () => {
    const mailbox = await box();
    await life.setAutoRenew(mailbox.address, true);
    const expiry = mailbox.expiresAt;
    assert.ok(expiry);
    fake.mode = 'pending';
    const chargeDay = new Date(expiry.getTime() - 7 * 24 * 3_600_000 + 60_000);
    provider.clock.set(chargeDay);
    await life.run(chargeDay);
    const [order] = await life.listOrders({ address: mailbox.address });
    assert.ok(order);
    assert.equal(order.kind, 'renewal');
    assert.equal(order.status, 'open');
    assert.equal(await worker.runOnce(), 1);
    assert.equal((await life.payment(order.id))?.status, 'pending');
    assert.equal(
      (await provider.ctx.storage.accounts.getMailbox(mailbox.id))?.expiresAt?.getTime(),
      expiry.getTime(),
    );
    const paid = { type: 'payment.paid', orderId: order.id };
    const at = provider.clock.now();
    assert.equal((await fake.callback(callbackUrl, paid, { id: 'msg_auto_1', at })).status, 200);
    assert.equal((await fake.callback(callbackUrl, paid, { id: 'msg_auto_2', at })).status, 200);
    const renewed = await provider.ctx.storage.accounts.getMailbox(mailbox.id);
    const oneYearLater = new Date(expiry);
    oneYearLater.setUTCFullYear(oneYearLater.getUTCFullYear() + 1);
    assert.equal(renewed?.expiresAt?.toISOString(), oneYearLater.toISOString());
  });
});
