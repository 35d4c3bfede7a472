/**
 * Contract of the password recovery links for every adapter: found by hash, spent once and only
 * before expiry, the box's other links spent with it, expired ones purged.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { seedMailbox, withStorage, type StorageHarness } from './storage-harness.ts';

const at = (minutes: number): Date => new Date(Date.UTC(2026, 11, 7) + minutes * 60_000);

export function describeRecoveryTokenStore(name: string, harness: StorageHarness): void {
  void describe(`Recovery token store contract (${name})`, () => {
    void it('spends a link once, before expiry, with the box’s other links', () =>
      withStorage(harness, async (storage) => {
        const mario = await seedMailbox(storage);
        const anna = await seedMailbox(storage);
        const link = (hash: string, mailboxId: number) =>
          storage.recoveryTokens.insert({
            tokenHash: hash.repeat(64),
            mailboxId,
            createdAt: at(0),
            expiresAt: at(30),
          });
        await link('a', mario.id);
        await link('b', mario.id);
        await link('c', anna.id);
        await link('d', anna.id);
        const found = await storage.recoveryTokens.find('a'.repeat(64));
        assert.deepEqual(found, {
          tokenHash: 'a'.repeat(64),
          mailboxId: mario.id,
          createdAt: at(0),
          expiresAt: at(30),
          usedAt: null,
        });
        assert.equal(await storage.recoveryTokens.find('e'.repeat(64)), undefined);
        assert.equal(await storage.recoveryTokens.spend('c'.repeat(64), at(30)), undefined, 'expired');
        assert.equal(await storage.recoveryTokens.spend('a'.repeat(64), at(29)), mario.id);
        assert.equal(await storage.recoveryTokens.spend('a'.repeat(64), at(29)), undefined, 'spent');
        assert.equal(await storage.recoveryTokens.spend('b'.repeat(64), at(29)), undefined, 'sibling');
        assert.deepEqual((await storage.recoveryTokens.find('b'.repeat(64)))?.usedAt, at(29));
        assert.equal(await storage.recoveryTokens.spend('d'.repeat(64), at(29)), anna.id);
        assert.equal(await storage.recoveryTokens.purge(at(31)), 4);
        assert.equal(await storage.recoveryTokens.find('a'.repeat(64)), undefined);
      }));
  });
}
