/**
 * Contract of the contact store for every adapter: contacts are created, listed by name, changed
 * and removed within their box only; another box's id is "no such contact"; they go with their box.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { seedMailbox, withStorage, type StorageHarness } from './storage-harness.ts';

export function describeContactStore(name: string, harness: StorageHarness): void {
  void describe(`Contact store contract (${name})`, () => {
    void it('keeps each box its own contacts, by name, and none of another box', () =>
      withStorage(harness, async (storage) => {
        const mario = await seedMailbox(storage);
        const anna = await seedMailbox(storage);
        assert.deepEqual(await storage.contacts.list(mario.id), []);
        const zeta = await storage.contacts.create(mario.id, 'Zeta Srl', '{"a":1}', new Date(1000));
        const bianchi = await storage.contacts.create(mario.id, 'Bianchi', '{"b":2}', new Date(2000));
        await storage.contacts.create(anna.id, 'Verdi', '{}', new Date(2000));
        assert.notEqual(zeta.id, bianchi.id);
        assert.deepEqual(
          (await storage.contacts.list(mario.id)).map((c) => c.name),
          ['Bianchi', 'Zeta Srl'],
        );
        assert.equal(await storage.contacts.count(mario.id), 2);
        const got = await storage.contacts.get(mario.id, zeta.id);
        assert.ok(got);
        assert.equal(got.details, '{"a":1}');
        assert.equal(got.updatedAt.getTime(), 1000);
        assert.equal(await storage.contacts.get(anna.id, zeta.id), undefined, "another box's id");
        assert.equal(await storage.contacts.update(anna.id, zeta.id, 'X', '{}', new Date(3000)), false);
        assert.equal(await storage.contacts.remove(anna.id, zeta.id), false);
        assert.equal(
          await storage.contacts.update(mario.id, zeta.id, 'Alfa', '{"c":3}', new Date(3000)),
          true,
        );
        assert.deepEqual(
          (await storage.contacts.list(mario.id)).map((c) => [c.name, c.details]),
          [
            ['Alfa', '{"c":3}'],
            ['Bianchi', '{"b":2}'],
          ],
        );
        assert.equal(await storage.contacts.remove(mario.id, bianchi.id), true);
        assert.equal(await storage.contacts.remove(mario.id, bianchi.id), false);
        assert.equal(await storage.contacts.count(mario.id), 1);
        await storage.transaction(async (tx) => {
          await tx.contacts.create(anna.id, 'Neri', '{}', new Date(4000));
        });
        assert.equal(await storage.contacts.count(anna.id), 2);
        assert.equal(await storage.accounts.deleteMailbox(anna.id), true);
        assert.equal(await storage.contacts.count(anna.id), 0, 'the rows went with their box');
        assert.equal(await storage.contacts.count(mario.id), 1);
      }));
  });
}
