/**
 * Contract of the billing store's payments (decision 0041) for every adapter: where an order
 * stands with an external billing system, fields kept when left out, a paid payment never turned
 * back, and each callback id acted on once across two handles.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { seedMailbox, withStorage, type StorageHarness } from './storage-harness.ts';

const at = new Date('2027-03-10T09:30:00.000Z');
const later = new Date('2027-03-10T09:31:00.000Z');

export function describeBillingPayments(name: string, harness: StorageHarness): void {
  void describe(`billing payments contract (${name})`, () => {
    void it('records where an order stands; keeps omitted fields; paid stays paid', async () => {
      await withStorage(harness, async (storage) => {
        const mailbox = await seedMailbox(storage);
        const order = await storage.billing.createOrder({
          mailboxId: mailbox.id,
          address: mailbox.address,
          kind: 'extra-space',
          description: '1 GiB',
          amountCents: 150,
          effect: {},
          applied: true,
          termEnd: null,
        });
        assert.equal(await storage.billing.getPayment(order.id), undefined);
        await storage.billing.recordPayment(order.id, { status: 'requested' }, at);
        const pending = await storage.billing.recordPayment(
          order.id,
          { status: 'pending', paymentUrl: 'https://pay.example/p/1', reference: 'ext-1' },
          later,
        );
        assert.deepEqual(await storage.billing.getPayment(order.id), pending);
        assert.deepEqual(pending, {
          orderId: order.id,
          status: 'pending',
          paymentUrl: 'https://pay.example/p/1',
          reference: 'ext-1',
          detail: null,
          updatedAt: later,
        });
        await storage.billing.recordPayment(order.id, { status: 'paid' }, later);
        const late = await storage.billing.recordPayment(
          order.id,
          { status: 'declined', detail: 'late' },
          later,
        );
        assert.equal(late.status, 'paid');
        assert.equal((await storage.billing.getPayment(order.id))?.paymentUrl, 'https://pay.example/p/1');
      });
    });

    void it('acts on each callback id once across handles', async () => {
      await withStorage(harness, async (storage) => {
        const second = await harness.openSecond(storage);
        try {
          const first = await Promise.all([
            storage.billing.noteCallback('msg_1', at),
            second.billing.noteCallback('msg_1', at),
          ]);
          assert.deepEqual(first.filter(Boolean), [true]);
          assert.equal(await second.billing.seenCallback('msg_1'), true);
          assert.equal(await second.billing.seenCallback('msg_2'), false);
          assert.equal(await storage.billing.noteCallback('msg_2', at), true);
          assert.equal(await second.billing.noteCallback('msg_2', later), false);
        } finally {
          await second.close();
        }
      });
    });
  });
}
