/**
 * The box's life as tables over a simulated clock (seed 000, decision 0016): every transition,
 * notice and refusal on the calendar of a one-year box (notices 60/30/15/7/1 days before expiry,
 * expiry with Super Ricezione, deactivation after 90 days, deletion after 97 with the address
 * reserved), a job that runs late, renewal blocked by a full box, automatic renewal of a full
 * box, an automatic renewal waiting for the operator, plan changes and extra space. Each row's
 * time is an input; each run is repeated to show it does nothing twice.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { boxLifeDependencies, accessPointDependencies } from '../../src/app/service-dependencies.ts';
import type { Mailbox } from '../../src/ports/account-store.ts';
import { createAccountService } from '../../src/services/accounts/create-account-service.ts';
import { isAccountError } from '../../src/services/accounts/account-error.ts';
import { createAuthenticator } from '../../src/services/accounts/create-authenticator.ts';
import { isBoxLifeError } from '../../src/services/box-life/box-life-error.ts';
import { createBoxLife, type BoxLife } from '../../src/services/box-life/create-box-life.ts';
import { createAccessPoint } from '../../src/services/pipeline/access-point/create-access-point.ts';
import { decideLocalDelivery } from '../../src/services/pipeline/delivery-point/decide-local-delivery.ts';
import { relayMessageJobKind } from '../../src/services/pipeline/relay/relay-message-job.ts';
import { createMemoryLoginThrottleStore } from '../../src/storage/memory/create-memory-login-throttle-store.ts';
import {
  createTestProvider,
  folderMessages,
  testStart,
  type TestProvider,
} from '../pipeline/create-test-provider.ts';

const day = 24 * 60 * 60 * 1000;
const password = 'Password-Life-1';
const holder = 'RSSMRA85T10A562S';
const otherHolder = '01234567897';
/** The plan of every box here: one year, 1 MB, EUR 12.00. */
const annual = {
  name: 'annual',
  description: 'One year',
  boxQuotaBytes: 1_000_000,
  archiveQuotaBytes: 0,
  smsIncluded: false,
  durationMonths: 12,
  priceCents: 1200,
};

interface Fixture {
  readonly provider: TestProvider;
  readonly life: BoxLife;
  /** Creates a box on plan `annual` at `testStart`: it expires on 2027-03-10T09:30Z. */
  box(local: string, options?: { readonly contact?: boolean; readonly quota?: number }): Promise<Mailbox>;
  /** Runs the job at `at` twice; asserts the second run does nothing; returns the first's steps. */
  runTwice(at: Date): Promise<string[]>;
  mailbox(address: string): Promise<Mailbox | undefined>;
  /** The relay jobs of notices to `contact`, as the subjects of their messages. */
  notices(contact: string): Promise<string[]>;
  /** Files `bytes` bytes in the box's INBOX (deliveries ignore the quota: Super Ricezione). */
  fill(mailbox: Mailbox, bytes: number): Promise<void>;
}

async function openFixture(): Promise<Fixture> {
  const provider = await createTestProvider();
  const { ctx, clock } = provider;
  const life = createBoxLife(boxLifeDependencies(ctx, 'test-node'));
  await life.addPlan(annual);
  const accounts = createAccountService({ storage: ctx.storage, clock });
  await accounts.addDomain('pec.example.it');
  let filled = 0;
  return {
    provider,
    life,
    async box(local, options = {}) {
      clock.set(testStart);
      return accounts.createMailbox({
        address: `${local}@pec.example.it`,
        password,
        taxCode: holder,
        plan: 'annual',
        ...(options.contact === false ? {} : { contactEmail: `${local}@contatti.example` }),
        ...(options.quota === undefined ? {} : { quotaBytes: options.quota }),
      });
    },
    async runTwice(at) {
      clock.set(at);
      const first = await life.run(at);
      assert.deepEqual(await life.run(at), [], `a second run at ${at.toISOString()} does nothing`);
      return first.map((action) => `${action.address.slice(0, action.address.indexOf('@'))} ${action.step}`);
    },
    mailbox: (address) => ctx.storage.accounts.findMailboxByAddress(address),
    async notices(contact) {
      const jobs = await ctx.storage.queue.list({ kind: relayMessageJobKind });
      const subjects: string[] = [];
      for (const job of jobs) {
        const payload = job.payload as { rcptTo: string[]; blobKey: string };
        if (!payload.rcptTo.includes(contact)) continue;
        const bytes = (await ctx.blobs.get(payload.blobKey)).toString('utf8');
        subjects.push(/^Subject: (.*)$/m.exec(bytes)?.[1]?.trim() ?? '');
      }
      return subjects;
    },
    async fill(mailbox, bytes) {
      filled += 1;
      const raw = Buffer.from(`Subject: filler ${filled}\r\n\r\n${'x'.repeat(bytes)}\r\n`);
      const folder = await ctx.storage.mailboxes.getFolder(mailbox.id, 'INBOX');
      assert.ok(folder);
      const { storeMessage } = await import('../../src/services/mailboxes/store-message.ts');
      await storeMessage(ctx.storage, ctx.blobs, {
        bytes: raw,
        mailboxId: mailbox.id,
        folderName: 'INBOX',
        internalDate: clock.now(),
      });
    },
  };
}

const expiry = new Date('2027-03-10T09:30:00.000Z');
const atDay = (days: number, hours = 0): Date => new Date(expiry.getTime() + days * day + hours * 3_600_000);

describe("the box's life on the calendar of seed 000 (decision 0016)", () => {
  let f: Fixture;
  before(async () => {
    f = await openFixture();
  });
  after(() => f.provider.close());

  it('expiry → 90 days → deactivation → 7 days → deletion, each step and notice once', async () => {
    const mario = await f.box('mario');
    assert.equal(
      mario.expiresAt?.toISOString(),
      expiry.toISOString(),
      'one term of the plan after activation',
    );
    assert.equal(mario.quotaBytes, annual.boxQuotaBytes, "the plan's quota");
    const ap = createAccessPoint(accessPointDependencies(f.provider.ctx));
    const auth = createAuthenticator({
      accounts: f.provider.ctx.storage.accounts,
      throttleStore: createMemoryLoginThrottleStore(),
      clock: f.provider.clock,
      graceDaysAfterExpiry: 90,
    });
    const signIn = () =>
      auth.authenticate({
        username: mario.address,
        password,
        protocol: 'imap',
        remoteAddress: '127.0.0.1',
        clientId: undefined,
      });
    const deliver = async () => {
      const box = await f.mailbox(mario.address);
      return decideLocalDelivery(box, { now: f.provider.clock.now(), size: 100, graceDaysAfterExpiry: 90 })
        .kind;
    };
    const table: readonly {
      readonly at: Date;
      readonly steps: readonly string[];
      readonly state: 'active' | 'expired' | 'deactivated' | 'gone';
      readonly send?: string;
      readonly receive?: 'deliver' | 'refuse';
      readonly signIn?: boolean;
    }[] = [
      { at: atDay(-61), steps: [], state: 'active', send: 'ok', receive: 'deliver', signIn: true },
      { at: atDay(-60), steps: ['mario notice-60'], state: 'active' },
      { at: atDay(-45), steps: [], state: 'active' },
      { at: atDay(-30), steps: ['mario notice-30'], state: 'active' },
      { at: atDay(-15), steps: ['mario notice-15'], state: 'active' },
      { at: atDay(-7), steps: ['mario notice-7'], state: 'active' },
      { at: atDay(-1), steps: ['mario notice-1'], state: 'active', send: 'ok' },
      { at: atDay(0, -1), steps: [], state: 'active' },
      {
        at: atDay(0),
        steps: ['mario expire', 'mario notice-expired'],
        state: 'expired',
        send: 'mailbox-expired',
        receive: 'deliver',
        signIn: true,
      },
      {
        at: atDay(89),
        steps: [],
        state: 'expired',
        send: 'mailbox-expired',
        receive: 'deliver',
        signIn: true,
      },
      {
        at: atDay(90),
        steps: ['mario deactivate', 'mario notice-deactivated'],
        state: 'deactivated',
        receive: 'refuse',
        signIn: false,
      },
      { at: atDay(96, 23), steps: [], state: 'deactivated', receive: 'refuse', signIn: false },
      {
        at: atDay(97),
        steps: ['mario notice-deleted', 'mario delete'],
        state: 'gone',
        receive: 'refuse',
        signIn: false,
      },
      { at: atDay(120), steps: [], state: 'gone' },
    ];
    for (const row of table) {
      const when = row.at.toISOString();
      assert.deepEqual(await f.runTwice(row.at), row.steps, `steps at ${when}`);
      if (row.state === 'gone') assert.equal(await f.mailbox(mario.address), undefined, `gone at ${when}`);
      else assert.equal((await f.life.status(mario.address)).state, row.state, `state at ${when}`);
      if (row.send !== undefined) {
        const refusal = await ap.checkSender(mario.address, mario.address);
        assert.equal(refusal?.reason ?? 'ok', row.send, `sending at ${when}`);
        if (refusal?.reason === 'mailbox-expired') {
          assert.deepEqual(refusal, {
            reason: 'mailbox-expired',
            expiredOn: '2027-03-10',
            receivesUntil: '2027-06-08',
          });
        }
      }
      if (row.receive !== undefined) assert.equal(await deliver(), row.receive, `receiving at ${when}`);
      if (row.signIn !== undefined) assert.equal((await signIn()).ok, row.signIn, `sign-in at ${when}`);
    }
    // Each notice once, to the contact address, in order.
    assert.deepEqual(await f.notices('mario@contatti.example'), [
      'La casella PEC mario@pec.example.it scade il 2027-03-10',
      'La casella PEC mario@pec.example.it scade il 2027-03-10',
      'La casella PEC mario@pec.example.it scade il 2027-03-10',
      'La casella PEC mario@pec.example.it scade il 2027-03-10',
      'La casella PEC mario@pec.example.it scade il 2027-03-10',
      "La casella PEC mario@pec.example.it e' scaduta",
      "La casella PEC mario@pec.example.it e' stata disattivata",
      "La casella PEC mario@pec.example.it e' stata cancellata",
    ]);
  });

  it('deletes the contents for good and keeps the address for the same holder only', async () => {
    const anna = await f.box('anna', { contact: false });
    await f.fill(anna, 5000);
    const keys = (await folderMessages(f.provider, anna.address)).map((m) => m.message.blobKey);
    assert.equal(keys.length, 1);
    // A job that ran late: one run at day 97 does everything, with only the last notice.
    // No contact address: the transitions are done silently, there is no one to tell.
    assert.deepEqual(await f.runTwice(atDay(97)), ['anna expire', 'anna deactivate', 'anna delete']);
    assert.equal(await f.mailbox(anna.address), undefined);
    for (const key of keys) assert.equal(await f.provider.ctx.blobs.has(key), false, 'the bytes are gone');
    const reserved = await f.provider.ctx.storage.boxLife.findReservation(anna.address);
    assert.equal(reserved?.holderTaxCode, holder);

    const accounts = createAccountService({ storage: f.provider.ctx.storage, clock: f.provider.clock });
    await assert.rejects(
      accounts.createMailbox({ address: anna.address, password, taxCode: otherHolder }),
      (error: unknown) => isAccountError(error, 'conflict') && /reserved to its holder/.test(error.message),
    );
    await assert.rejects(
      accounts.createMailbox({ address: anna.address, password }),
      (error: unknown) => isAccountError(error, 'conflict'),
      'without a tax code nobody proves to be the holder',
    );
    const again = await accounts.createMailbox({
      address: anna.address,
      password,
      taxCode: holder,
      plan: 'annual',
    });
    assert.equal(again.usedBytes, 0, 'the box comes back empty');
    assert.equal(await f.provider.ctx.storage.boxLife.findReservation(anna.address), undefined);
  });
});

describe('renewal, extra space and plan changes (seed 000, decision 0016)', () => {
  let f: Fixture;
  before(async () => {
    f = await openFixture();
  });
  after(() => f.provider.close());

  /** The steps of one box (the boxes of this suite share the job). */
  const of = (local: string, steps: readonly string[]) => steps.filter((s) => s.startsWith(`${local} `));
  const refused = (pattern: RegExp) => (error: unknown) =>
    isBoxLifeError(error, 'refused') && pattern.test(error.message);

  it('a full box is renewed only once its contents fit: buy space, change plan or free space', async () => {
    const bruno = await f.box('bruno');
    await f.fill(bruno, 1_200_000);
    f.provider.clock.set(atDay(10));
    assert.equal((await f.life.status(bruno.address)).state, 'expired');
    await assert.rejects(f.life.renew(bruno.address, 1), refused(/add-space.*plan.*free space/));
    assert.equal(
      (await f.mailbox(bruno.address))?.expiresAt?.toISOString(),
      expiry.toISOString(),
      'not renewed',
    );
    // A smaller plan is refused too; extra space makes the contents fit.
    await f.life.addPlan({ ...annual, name: 'mini', boxQuotaBytes: 500_000, priceCents: 600 });
    await assert.rejects(f.life.changePlan(bruno.address, 'mini'), refused(/more than the/));
    const space = await f.life.addSpace(bruno.address, 1_000_000);
    assert.equal(space.mailbox.quotaBytes, 2_000_000);
    assert.equal(space.order?.kind, 'extra-space');
    assert.equal(space.order.amountCents, 0, 'nothing left of the expired term to prorate');
    const renewed = await f.life.renew(bruno.address, 2);
    assert.equal(renewed.mailbox.expiresAt?.toISOString(), '2029-03-10T09:30:00.000Z', 'from the old expiry');
    assert.equal(renewed.mailbox.status, 'active');
    assert.equal(renewed.order?.amountCents, 2400);
    assert.equal(renewed.order.status, 'open', 'the operator collects it');
    const status = await f.life.status(bruno.address);
    assert.equal(status.state, 'active');
    assert.equal(status.canSend, true);
    // The old term's steps are done; the new term starts a new calendar.
    assert.deepEqual(of('bruno', await f.runTwice(atDay(11))), []);
  });

  it('a deactivated box can no longer be renewed', async () => {
    const carla = await f.box('carla');
    await f.runTwice(atDay(90));
    await assert.rejects(f.life.renew(carla.address, 1), refused(/deactivated on 2027-06-08/));
  });

  it('automatic renewal of a full box: charged a week before expiry from credit, renewed anyway', async () => {
    const dario = await f.box('dario');
    await f.fill(dario, 1_200_000);
    await f.life.setAutoRenew(dario.address, true);
    await f.life.addCredit(dario.address, 5000);
    assert.deepEqual(of('dario', await f.runTwice(atDay(-8))), ['dario notice-15'], 'no charge yet');
    const steps = await f.runTwice(atDay(-7));
    assert.ok(steps.includes('dario charge-2027-03-03'), steps.join());
    assert.ok(steps.includes('dario notice-renewed'), steps.join());
    const renewed = await f.mailbox(dario.address);
    assert.equal(renewed?.expiresAt?.toISOString(), '2028-03-10T09:30:00.000Z');
    assert.equal(await f.provider.ctx.storage.billing.getCredit(dario.address), 3800);
    const status = await f.life.status(dario.address);
    assert.equal(status.state, 'active');
    assert.equal(status.receives, true);
    assert.equal(status.canSend, false, 'still full: it cannot send until it has space');
    const ap = createAccessPoint(accessPointDependencies(f.provider.ctx));
    assert.deepEqual(await ap.checkSender(dario.address, dario.address), {
      reason: 'quota-exceeded',
      operation: 'send',
    });
  });

  it('automatic renewal without credit waits for the operator, retried daily, one order', async () => {
    const elena = await f.box('elena');
    await f.life.setAutoRenew(elena.address, true);
    const first = await f.runTwice(atDay(-7));
    assert.ok(
      first.includes('elena charge-2027-03-03') && first.includes('elena notice-renewal-pending'),
      first.join(),
    );
    const retry = await f.runTwice(atDay(-6));
    assert.deepEqual(of('elena', retry), ['elena charge-2027-03-04']);
    const orders = await f.life.listOrders({ address: elena.address });
    assert.equal(orders.length, 1);
    assert.equal(orders[0]?.status, 'open');
    assert.equal(orders[0].applied, false);
    // Still unpaid at expiry: the box expires like any other.
    assert.ok((await f.runTwice(atDay(0))).includes('elena expire'));
    const paid = await f.life.payOrder(orders[0].id);
    assert.equal(paid.renewedUntil?.toISOString(), '2028-03-10T09:30:00.000Z');
    assert.equal((await f.life.status(elena.address)).state, 'active');
    await assert.rejects(f.life.payOrder(orders[0].id), refused(/paid, not open/));
  });

  it('plan change: up with a prorated order, down only if the contents fit', async () => {
    const fabio = await f.box('fabio');
    await f.life.addPlan({ ...annual, name: 'large', boxQuotaBytes: 5_000_000, priceCents: 3600 });
    f.provider.clock.set(new Date(expiry.getTime() - 182.5 * day));
    const up = await f.life.changePlan(fabio.address, 'large');
    assert.equal(up.mailbox.quotaBytes, 5_000_000);
    assert.equal(up.order?.amountCents, 1200, 'half a year of the EUR 24.00 yearly difference');
    await f.fill(fabio, 1_500_000);
    await assert.rejects(
      f.life.changePlan(fabio.address, 'annual'),
      refused(/free space first, or buy space/),
    );
  });
});
