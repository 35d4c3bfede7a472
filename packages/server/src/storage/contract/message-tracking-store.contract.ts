/**
 * Contract of MessageTrackingStore for every adapter: per-recipient status moving only forward
 * (pec-spec §3.4–§3.7, §6.3), first receipt of each event kept, out-of-order and concurrent
 * receipts, lookups by identifier, original msgid and sender, open messages and purge.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { NewTrackedMessage } from '../../ports/message-tracking-store.ts';
import { isStorageError } from '../../ports/storage-error.ts';
import { must, withStorage, type StorageHarness } from './storage-harness.ts';

const acceptedAt = new Date('2026-04-01T08:00:00.000Z');
const at = (minutes: number): Date => new Date(acceptedAt.getTime() + minutes * 60_000);

function sent(identifier: string, overrides: Partial<NewTrackedMessage> = {}): NewTrackedMessage {
  return {
    identifier,
    sender: 'Mario@pec.example.it',
    subject: 'Fattura',
    originalMsgid: '<orig-1@client.example>',
    acceptedAt,
    recipients: [
      { address: 'Ufficio@pec.example.org', kind: 'certificato' },
      { address: 'info@example.com', kind: 'esterno' },
    ],
    ...overrides,
  };
}

export function describeMessageTrackingStore(name: string, harness: StorageHarness): void {
  void describe(`MessageTrackingStore contract (${name})`, () => {
    void it('tracks a message with its recipients in order, all accepted', () =>
      withStorage(harness, async (storage) => {
        const tracked = await storage.tracking.track(sent('opec1.1@pec.example.it'));
        assert.equal(tracked.sender, 'mario@pec.example.it');
        assert.equal(tracked.acceptedAt.toISOString(), acceptedAt.toISOString());
        assert.deepEqual(
          tracked.recipients.map((r) => [r.address, r.kind, r.status, r.statusAt.toISOString()]),
          [
            ['ufficio@pec.example.org', 'certificato', 'accepted', acceptedAt.toISOString()],
            ['info@example.com', 'esterno', 'accepted', acceptedAt.toISOString()],
          ],
        );
        assert.deepEqual(await storage.tracking.get('opec1.1@pec.example.it'), tracked);
        assert.equal(await storage.tracking.get('unknown@pec.example.it'), undefined);
        await assert.rejects(storage.tracking.track(sent('opec1.1@pec.example.it')), (e) =>
          isStorageError(e, 'conflict'),
        );
      }));

    void it('keeps the transport envelope blob key, null when none was given', () =>
      withStorage(harness, async (storage) => {
        const key = 'ab'.repeat(32);
        const tracked = await storage.tracking.track(
          sent('opec9.1@pec.example.it', { envelopeBlobKey: key }),
        );
        assert.equal(tracked.envelopeBlobKey, key);
        assert.equal((await storage.tracking.get('opec9.1@pec.example.it'))?.envelopeBlobKey, key);
        const without = await storage.tracking.track(sent('opec9.2@pec.example.it'));
        assert.equal(without.envelopeBlobKey, null);
      }));

    void it('moves the status forward only, keeping the first time and receipt of every event', () =>
      withStorage(harness, async (storage) => {
        const id = 'opec2.1@pec.example.it';
        await storage.tracking.track(sent(id));
        const recipient = 'UFFICIO@pec.example.org';
        const taken = await storage.tracking.recordEvent(id, recipient, {
          status: 'taken-in-charge',
          at: at(1),
          receiptId: '<pic-1@pec.example.org>',
        });
        assert.equal(taken.status, 'taken-in-charge');
        const delivered = await storage.tracking.recordEvent(id, recipient, {
          status: 'delivered',
          at: at(2),
          receiptId: '<consegna-1@pec.example.org>',
        });
        assert.equal(delivered.status, 'delivered');
        assert.equal(delivered.statusAt.toISOString(), at(2).toISOString());
        const duplicate = await storage.tracking.recordEvent(id, recipient, {
          status: 'delivered',
          at: at(3),
          receiptId: '<consegna-2@pec.example.org>',
        });
        assert.equal(duplicate.events.delivered?.receiptId, '<consegna-1@pec.example.org>');
        assert.equal(duplicate.events.delivered.at.toISOString(), at(2).toISOString());
        const late = await storage.tracking.recordEvent(id, recipient, {
          status: 'timeout-24h',
          at: at(1440),
          receiptId: '<notice@pec.example.it>',
        });
        assert.equal(late.status, 'delivered', 'the first final status stays');
        assert.equal(
          late.events['timeout-24h']?.receiptId,
          '<notice@pec.example.it>',
          'but the event is recorded',
        );
        assert.deepEqual(Object.keys(late.events).sort(), ['delivered', 'taken-in-charge', 'timeout-24h']);
        const message = must(await storage.tracking.get(id));
        assert.deepEqual(
          message.recipients.map((r) => r.status),
          ['delivered', 'accepted'],
        );
      }));

    void it('applies out-of-order receipts and timers without rewinding', () =>
      withStorage(harness, async (storage) => {
        const id = 'opec3.1@pec.example.it';
        await storage.tracking.track(sent(id));
        const a = 'ufficio@pec.example.org';
        const b = 'info@example.com';
        await storage.tracking.recordEvent(id, a, { status: 'delivered', at: at(5) });
        const after = await storage.tracking.recordEvent(id, a, { status: 'taken-in-charge', at: at(1) });
        assert.equal(after.status, 'delivered');
        assert.equal(after.events['taken-in-charge']?.at.toISOString(), at(1).toISOString());
        const warned = await storage.tracking.recordEvent(id, b, {
          status: 'timeout-12h',
          at: at(720),
          detail: 'preavviso',
        });
        assert.equal(warned.status, 'timeout-12h');
        assert.equal(warned.events['timeout-12h']?.detail, 'preavviso');
        const notRewound = await storage.tracking.recordEvent(id, b, {
          status: 'taken-in-charge',
          at: at(721),
        });
        assert.equal(notRewound.status, 'timeout-12h');
        const failed = await storage.tracking.recordEvent(id, b, {
          status: 'error',
          at: at(800),
          receiptId: '<errore@pec.example.it>',
          detail: '5.1.1 - indirizzo non valido',
        });
        assert.equal(failed.status, 'error');
        assert.equal(failed.events.error?.detail, '5.1.1 - indirizzo non valido');
        await assert.rejects(
          storage.tracking.recordEvent('nope', a, { status: 'delivered', at: at(1) }),
          (e) => isStorageError(e, 'not-found'),
        );
        await assert.rejects(
          storage.tracking.recordEvent(id, 'other@x.it', { status: 'delivered', at: at(1) }),
          (e) => isStorageError(e, 'not-found'),
        );
      }));

    void it('settles concurrent receipts for one recipient on one final status and receipt', () =>
      withStorage(harness, async (storage) => {
        const id = 'opec4.1@pec.example.it';
        await storage.tracking.track(sent(id));
        const second = await harness.openSecond(storage);
        try {
          const updates = await Promise.all(
            Array.from({ length: 12 }, (_, i) =>
              (i % 2 === 0 ? storage : second).tracking.recordEvent(id, 'ufficio@pec.example.org', {
                status: i % 3 === 0 ? 'error' : 'delivered',
                at: at(10 + i),
                receiptId: `<r${i}@pec.example.org>`,
              }),
            ),
          );
          const final = must(must(await storage.tracking.get(id)).recipients[0]);
          assert.ok(final.status === 'delivered' || final.status === 'error');
          const first = updates.find(
            (u) => u.status === final.status && u.statusAt.getTime() === final.statusAt.getTime(),
          );
          assert.ok(first !== undefined, 'the stored status is the one the first final update saw');
          assert.ok(
            updates.every((u) => u.status === final.status),
            'every later update saw the same final status',
          );
        } finally {
          await second.close();
        }
      }));

    void it('finds messages by original msgid and sender, lists open ones and purges old ones', () =>
      withStorage(harness, async (storage) => {
        await storage.tracking.track(sent('m1@pec.example.it', { acceptedAt: at(0) }));
        await storage.tracking.track(
          sent('m2@pec.example.it', { acceptedAt: at(10), originalMsgid: '<other@x>' }),
        );
        await storage.tracking.track(
          sent('m3@pec.example.it', {
            acceptedAt: at(20),
            sender: 'anna@pec.example.it',
            recipients: [{ address: 'x@pec.example.org', kind: 'certificato' }],
          }),
        );
        assert.deepEqual(
          (await storage.tracking.findByOriginalMsgid('<orig-1@client.example>')).map((m) => m.identifier),
          ['m1@pec.example.it', 'm3@pec.example.it'],
        );
        assert.deepEqual(
          (await storage.tracking.listBySender('MARIO@pec.example.it')).map((m) => m.identifier),
          ['m2@pec.example.it', 'm1@pec.example.it'],
        );
        assert.deepEqual(
          (await storage.tracking.listBySender('mario@pec.example.it', { since: at(5) })).map(
            (m) => m.identifier,
          ),
          ['m2@pec.example.it'],
        );
        assert.deepEqual(
          (await storage.tracking.listBySender('mario@pec.example.it', { limit: 1, offset: 1 })).map(
            (m) => m.identifier,
          ),
          ['m1@pec.example.it'],
        );
        await storage.tracking.recordEvent('m3@pec.example.it', 'x@pec.example.org', {
          status: 'delivered',
          at: at(21),
        });
        await storage.tracking.recordEvent('m1@pec.example.it', 'ufficio@pec.example.org', {
          status: 'error',
          at: at(1),
        });
        assert.deepEqual(
          (await storage.tracking.listOpen({ acceptedBefore: at(30) })).map((m) => m.identifier),
          ['m1@pec.example.it', 'm2@pec.example.it'],
          'm1 still has an open esterno recipient; m3 is closed',
        );
        assert.deepEqual(
          (await storage.tracking.listOpen({ acceptedBefore: at(5) })).map((m) => m.identifier),
          ['m1@pec.example.it'],
        );
        assert.deepEqual(
          (await storage.tracking.listOpen({ acceptedBefore: at(30), acceptedFrom: at(5) })).map(
            (m) => m.identifier,
          ),
          ['m2@pec.example.it'],
          'acceptedFrom is an inclusive lower bound',
        );
        assert.equal(await storage.tracking.purge(at(15)), 2);
        assert.equal(await storage.tracking.get('m1@pec.example.it'), undefined);
        assert.ok((await storage.tracking.get('m3@pec.example.it')) !== undefined);
      }));
  });
}
