/**
 * Contract of the box-life stores (decision 0016) for every adapter: plans (the `standard` plan of
 * migration 13, conflicts, changes), box terms, step claims won once across two handles, address
 * reservations, orders settled once and prepaid credit never spent twice.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isStorageError } from '../../ports/storage-error.ts';
import { seedMailbox, withStorage, type StorageHarness } from './storage-harness.ts';

const at = new Date('2027-03-10T09:30:00.000Z');

export function describeBoxLifeStores(name: string, harness: StorageHarness): void {
  void describe(`box-life stores contract (${name})`, () => {
    void it('keeps plans: the standard plan of the migration, add, conflict, change', async () => {
      await withStorage(harness, async (storage) => {
        const standard = await storage.plans.get('standard');
        assert.equal(standard?.boxQuotaBytes, 1024 ** 3);
        assert.equal(standard.durationMonths, 12);
        const pro = {
          name: 'pro',
          description: 'Pro',
          boxQuotaBytes: 2 * 1024 ** 3,
          archiveQuotaBytes: 3 * 1024 ** 3,
          smsIncluded: true,
          durationMonths: 24,
          priceCents: 2500,
        };
        const added = await storage.plans.add(pro);
        assert.deepEqual(
          { ...added, createdAt: undefined, updatedAt: undefined },
          { ...pro, createdAt: undefined, updatedAt: undefined },
        );
        await assert.rejects(storage.plans.add(pro), (e) => isStorageError(e, 'conflict'));
        const changed = await storage.plans.update('PRO', { priceCents: 3000, smsIncluded: false });
        assert.equal(changed.priceCents, 3000);
        assert.equal(changed.smsIncluded, false);
        assert.equal(changed.archiveQuotaBytes, pro.archiveQuotaBytes);
        await assert.rejects(storage.plans.update('gold', { priceCents: 1 }), (e) =>
          isStorageError(e, 'not-found'),
        );
        assert.deepEqual(
          (await storage.plans.list()).map((p) => p.name),
          ['pro', 'standard'],
        );
      });
    });

    void it('claims each (box, term, step) once across handles; terms default and change', async () => {
      await withStorage(harness, async (storage) => {
        const second = await harness.openSecond(storage);
        try {
          const mailbox = await seedMailbox(storage);
          assert.deepEqual(await second.boxLife.getTerms(mailbox.id), {
            mailboxId: mailbox.id,
            extraQuotaBytes: 0,
            autoRenew: false,
          });
          await storage.boxLife.setTerms(mailbox.id, { autoRenew: true });
          await second.boxLife.setTerms(mailbox.id, { extraQuotaBytes: 1000 });
          assert.deepEqual(await storage.boxLife.getTerms(mailbox.id), {
            mailboxId: mailbox.id,
            extraQuotaBytes: 1000,
            autoRenew: true,
          });
          const claims = await Promise.all(
            Array.from({ length: 8 }, (_, i) =>
              (i % 2 === 0 ? storage : second).boxLife.claimStep({
                mailboxId: mailbox.id,
                termEnd: at,
                step: 'expire',
                node: `node-${i}`,
                claimedAt: at,
              }),
            ),
          );
          assert.equal(claims.filter(Boolean).length, 1);
          // Another term is another calendar.
          const next = new Date(at.getTime() + 365 * 86_400_000);
          assert.equal(
            await second.boxLife.claimStep({
              mailboxId: mailbox.id,
              termEnd: next,
              step: 'expire',
              node: 'n',
              claimedAt: at,
            }),
            true,
          );
          const steps = await storage.boxLife.listSteps(mailbox.id);
          assert.deepEqual(
            steps.map((s) => [s.step, s.termEnd.toISOString()]),
            [
              ['expire', at.toISOString()],
              ['expire', next.toISOString()],
            ],
          );
          await storage.boxLife.forgetMailbox(mailbox.id);
          assert.equal((await storage.boxLife.getTerms(mailbox.id)).autoRenew, false);
          assert.equal(
            (await storage.boxLife.listSteps(mailbox.id)).length,
            2,
            'the record of what was done stays',
          );
        } finally {
          await second.close();
        }
      });
    });

    void it('reserves addresses of deleted boxes to their holder', async () => {
      await withStorage(harness, async (storage) => {
        await storage.boxLife.reserveAddress({
          address: 'Anna@pec.example.it',
          holderTaxCode: 'RSSMRA85T10A562S',
          reservedAt: at,
        });
        await storage.boxLife.reserveAddress({
          address: 'bruno@pec.example.it',
          holderTaxCode: null,
          reservedAt: at,
        });
        assert.deepEqual(await storage.boxLife.findReservation('ANNA@pec.example.it'), {
          address: 'anna@pec.example.it',
          holderTaxCode: 'RSSMRA85T10A562S',
          reservedAt: at,
        });
        assert.deepEqual(
          (await storage.boxLife.listReservations()).map((r) => r.address),
          ['anna@pec.example.it', 'bruno@pec.example.it'],
        );
        assert.equal(await storage.boxLife.releaseReservation('anna@pec.example.it'), true);
        assert.equal(await storage.boxLife.releaseReservation('anna@pec.example.it'), false);
        assert.equal(await storage.boxLife.findReservation('anna@pec.example.it'), undefined);
      });
    });

    void it('records orders, settles each once, never spends credit twice', async () => {
      await withStorage(harness, async (storage) => {
        const second = await harness.openSecond(storage);
        try {
          const mailbox = await seedMailbox(storage);
          const order = await storage.billing.createOrder({
            mailboxId: mailbox.id,
            address: mailbox.address,
            kind: 'renewal',
            description: 'automatic renewal',
            amountCents: 1200,
            effect: { months: 12, termEnd: at.toISOString() },
            applied: false,
            termEnd: at,
          });
          assert.equal(order.status, 'open');
          assert.deepEqual(order.effect, { months: 12, termEnd: at.toISOString() });
          assert.equal((await second.billing.findOpenOrder(mailbox.id, 'renewal', at))?.id, order.id);
          assert.equal(await second.billing.findOpenOrder(mailbox.id, 'extra-space', at), undefined);
          const settled = await Promise.all([
            storage.billing.settleOrder(order.id, 'paid', at),
            second.billing.settleOrder(order.id, 'paid', at),
          ]);
          assert.deepEqual(settled.filter(Boolean), [true]);
          assert.equal((await storage.billing.getOrder(order.id))?.status, 'paid');
          assert.equal(await storage.billing.findOpenOrder(mailbox.id, 'renewal', at), undefined);
          await assert.rejects(storage.billing.settleOrder(999_999, 'paid', at), (e) =>
            isStorageError(e, 'not-found'),
          );
          assert.deepEqual(
            (await storage.billing.listOrders({ status: 'paid', address: mailbox.address })).map((o) => o.id),
            [order.id],
          );

          assert.equal(await storage.billing.getCredit(mailbox.address), 0);
          assert.equal(await storage.billing.addCredit(mailbox.address, 2500), 2500);
          const debits = await Promise.all(
            Array.from({ length: 6 }, (_, i) =>
              (i % 2 === 0 ? storage : second).billing.debitCredit(mailbox.address, 1000),
            ),
          );
          assert.equal(debits.filter(Boolean).length, 2);
          assert.equal(await second.billing.getCredit(mailbox.address), 500);
          assert.equal(await storage.billing.addCredit(mailbox.address, -2000), 0, 'never below zero');
        } finally {
          await second.close();
        }
      });
    });
  });
}
