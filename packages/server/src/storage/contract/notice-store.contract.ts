/**
 * Contract of the new-PEC notice store for every adapter: addresses added unverified, verified
 * only by their code and within the tries, re-coded while unverified, removed; the hourly counter
 * sends up to the cap and folds the rest, and each hour's folded notice is claimed once.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { seedMailbox, withStorage, type StorageHarness } from './storage-harness.ts';

const at = (minutes: number): Date => new Date(Date.UTC(2026, 11, 7) + minutes * 60_000);

export function describeNoticeStore(name: string, harness: StorageHarness): void {
  void describe(`Notice store contract (${name})`, () => {
    void it('verifies an address by its code, within the tries', () =>
      withStorage(harness, async (storage) => {
        const box = await seedMailbox(storage);
        const notices = storage.notices;
        assert.equal(await notices.addOrRecode(box.id, 'a@example.org', 'h1', at(0)), true);
        assert.equal(await notices.addOrRecode(box.id, 'b@example.org', 'h2', at(1)), true);
        assert.deepEqual(await notices.list(box.id), [
          { address: 'a@example.org', createdAt: at(0), verifiedAt: null },
          { address: 'b@example.org', createdAt: at(1), verifiedAt: null },
        ]);
        assert.equal(await notices.verify(box.id, 'a@example.org', 'bad', at(2), 2), 'wrong-code');
        assert.equal(await notices.verify(box.id, 'a@example.org', 'bad', at(2), 2), 'wrong-code');
        assert.equal(await notices.verify(box.id, 'a@example.org', 'h1', at(2), 2), 'too-many-tries');
        assert.equal(await notices.addOrRecode(box.id, 'a@example.org', 'h3', at(3)), true, 'new code');
        assert.equal(await notices.verify(box.id, 'a@example.org', 'h3', at(4), 2), 'verified');
        assert.equal(
          await notices.addOrRecode(box.id, 'a@example.org', 'h4', at(5)),
          false,
          'verified stays',
        );
        assert.equal(await notices.verify(box.id, 'c@example.org', 'h3', at(4), 2), 'unknown');
        assert.deepEqual((await notices.list(box.id))[0], {
          address: 'a@example.org',
          createdAt: at(0),
          verifiedAt: at(4),
        });
        assert.equal(await notices.remove(box.id, 'b@example.org'), true);
        assert.equal(await notices.remove(box.id, 'b@example.org'), false);
        assert.equal((await notices.list(box.id)).length, 1);
      }));

    void it('caps the notices of an hour and claims its folded notice once', () =>
      withStorage(harness, async (storage) => {
        const box = await seedMailbox(storage);
        const other = await seedMailbox(storage);
        const notices = storage.notices;
        const outcomes = [];
        for (let i = 0; i < 4; i += 1) outcomes.push(await notices.countNotice(box.id, at(0), 2));
        assert.deepEqual(outcomes, ['send', 'send', 'folded', 'folded']);
        assert.equal(await notices.countNotice(other.id, at(0), 2), 'send');
        assert.equal(await notices.countNotice(box.id, at(60), 2), 'send', 'a new hour');
        assert.deepEqual(await notices.dueFolds(at(0)), [], 'the hour is not over');
        assert.deepEqual(await notices.dueFolds(at(60)), [
          { mailboxId: box.id, hourStart: at(0), folded: 2 },
        ]);
        assert.equal(await notices.markFlushed(box.id, at(0), at(61)), true);
        assert.equal(await notices.markFlushed(box.id, at(0), at(61)), false);
        assert.deepEqual(await notices.dueFolds(at(120)), []);
      }));

    void it('keeps the quota level each box was last told of', () =>
      withStorage(harness, async (storage) => {
        const box = await seedMailbox(storage);
        const other = await seedMailbox(storage);
        assert.equal(await storage.notices.quotaLevel(box.id), 0);
        await storage.notices.setQuotaLevel(box.id, 70, at(0));
        await storage.notices.setQuotaLevel(box.id, 90, at(1));
        assert.equal(await storage.notices.quotaLevel(box.id), 90);
        assert.equal(await storage.notices.quotaLevel(other.id), 0);
        await storage.notices.setQuotaLevel(box.id, 0, at(2));
        assert.equal(await storage.notices.quotaLevel(box.id), 0);
      }));
  });
}
