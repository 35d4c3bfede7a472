/**
 * Contract of the self-service stores for every adapter: password recovery links found by hash,
 * spent once and only before expiry, the box's other links spent with it, expired ones purged;
 * sign-in networks replaced whole per box in the holder's order, refused accesses marked once.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { seedMailbox, withStorage, type StorageHarness } from './storage-harness.ts';

const at = (minutes: number): Date => new Date(Date.UTC(2026, 11, 7) + minutes * 60_000);

export function describeRecoveryTokenStore(name: string, harness: StorageHarness): void {
  void describe(`Self-service stores contract (${name})`, () => {
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

    void it('keeps each box’s sign-in networks in the holder’s order and marks refused accesses', () =>
      withStorage(harness, async (storage) => {
        const mario = await seedMailbox(storage);
        const anna = await seedMailbox(storage);
        await storage.signInNetworks.replace(mario.id, ['10.0.0.0/8', '192.0.2.0/24', '10.0.0.0/8'], at(0));
        await storage.signInNetworks.replace(anna.id, ['2001:db8::/32'], at(0));
        assert.deepEqual(await storage.signInNetworks.list(mario.id), ['10.0.0.0/8', '192.0.2.0/24']);
        await storage.signInNetworks.replace(mario.id, ['198.51.100.0/24'], at(1));
        assert.deepEqual(await storage.signInNetworks.list(mario.id), ['198.51.100.0/24']);
        assert.deepEqual(await storage.signInNetworks.list(anna.id), ['2001:db8::/32']);
        await storage.signInNetworks.replace(mario.id, [], at(2));
        assert.deepEqual(await storage.signInNetworks.list(mario.id), []);
        const entry = await storage.accessLog.append({
          mailboxId: mario.id,
          address: mario.address,
          at: at(3),
          protocol: 'imap',
          remoteAddress: '203.0.113.9',
          clientId: null,
          outcome: 'disabled',
        });
        await storage.signInNetworks.markRefused(entry.id);
        await storage.signInNetworks.markRefused(entry.id);
        assert.deepEqual(
          await storage.signInNetworks.refusedAccesses([entry.id, entry.id + 1]),
          new Set([entry.id]),
        );
        assert.deepEqual(await storage.signInNetworks.refusedAccesses([]), new Set());
      }));
  });
}
