/**
 * Contract of AccountSecurityStore for every SQL adapter: a TOTP key pending until enabled, steps
 * accepted only forward (replays refused), recovery codes spent once, app passwords listed,
 * touched and removed per box, origins remembered once, and access-history flags.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { seedMailbox, withStorage, type StorageHarness } from './storage-harness.ts';

export function describeAccountSecurityStore(name: string, harness: StorageHarness): void {
  void describe(`AccountSecurityStore contract (${name})`, () => {
    void it('keeps a TOTP key pending until enabled and accepts each step once', () =>
      withStorage(harness, async (storage) => {
        const store = storage.accountSecurity;
        const box = await seedMailbox(storage);
        assert.equal(await store.getTotp(box.id), undefined);
        assert.equal(await store.enableTotp(box.id, new Date(1000), 5), false);
        await store.setPendingTotp(box.id, new Uint8Array([1, 2, 3]));
        await store.setPendingTotp(box.id, new Uint8Array([4, 5, 6]));
        assert.deepEqual(await store.getTotp(box.id), {
          mailboxId: box.id,
          secret: new Uint8Array([4, 5, 6]),
          enabledAt: null,
          lastStep: 0,
        });
        assert.equal(await store.enableTotp(box.id, new Date(1000), 5), true);
        assert.equal(await store.enableTotp(box.id, new Date(2000), 6), false);
        // An enabled key is never replaced by a new enrolment.
        await store.setPendingTotp(box.id, new Uint8Array([9]));
        const enabled = await store.getTotp(box.id);
        assert.ok(enabled !== undefined);
        assert.deepEqual(enabled.secret, new Uint8Array([4, 5, 6]));
        assert.deepEqual(enabled.enabledAt, new Date(1000));
        assert.equal(await store.useTotpStep(box.id, 5), false);
        assert.equal(await store.useTotpStep(box.id, 7), true);
        assert.equal(await store.useTotpStep(box.id, 6), false);
        assert.equal((await store.getTotp(box.id))?.lastStep, 7);

        await store.replaceRecoveryCodes(box.id, ['a', 'b', 'c']);
        assert.equal(await store.countRecoveryCodes(box.id), 3);
        assert.equal(await store.useRecoveryCode(box.id, 'b', new Date(3000)), true);
        assert.equal(await store.useRecoveryCode(box.id, 'b', new Date(3001)), false);
        assert.equal(await store.useRecoveryCode(box.id, 'z', new Date(3001)), false);
        assert.equal(await store.countRecoveryCodes(box.id), 2);
        await store.replaceRecoveryCodes(box.id, ['d']);
        assert.equal(await store.useRecoveryCode(box.id, 'a', new Date(3002)), false);
        assert.equal(await store.countRecoveryCodes(box.id), 1);
        await store.removeTotp(box.id);
        assert.equal(await store.getTotp(box.id), undefined);
        assert.equal(await store.countRecoveryCodes(box.id), 0);
      }));

    void it('keeps app passwords per box', () =>
      withStorage(harness, async (storage) => {
        const store = storage.accountSecurity;
        const box = await seedMailbox(storage);
        const other = await seedMailbox(storage);
        const one = await store.addAppPassword(box.id, 'Thunderbird', '$argon2id$one', new Date(1000));
        const two = await store.addAppPassword(box.id, 'Phone', '$argon2id$two', new Date(2000));
        const theirs = await store.addAppPassword(other.id, 'Outlook', '$argon2id$x', new Date(3000));
        assert.deepEqual(one, {
          id: one.id,
          mailboxId: box.id,
          name: 'Thunderbird',
          passwordHash: '$argon2id$one',
          createdAt: new Date(1000),
          lastUsedAt: null,
        });
        await store.touchAppPassword(two.id, new Date(5000));
        assert.deepEqual(await store.listAppPasswords(box.id), [one, { ...two, lastUsedAt: new Date(5000) }]);
        assert.equal(await store.removeAppPassword(box.id, theirs.id), false);
        assert.equal(await store.removeAppPassword(box.id, one.id), true);
        assert.equal(await store.removeAllAppPasswords(box.id), 1);
        assert.deepEqual(await store.listAppPasswords(box.id), []);
        assert.deepEqual(await store.listAppPasswords(other.id), [theirs]);
      }));

    void it('remembers origins once and flags access entries', () =>
      withStorage(harness, async (storage) => {
        const store = storage.accountSecurity;
        const box = await seedMailbox(storage);
        assert.equal(await store.hasOrigins(box.id), false);
        assert.equal(await store.rememberOrigin(box.id, 'network', '192.0.2.0/24', new Date(1)), true);
        assert.equal(await store.rememberOrigin(box.id, 'network', '192.0.2.0/24', new Date(2)), false);
        assert.equal(await store.rememberOrigin(box.id, 'device', '192.0.2.0/24', new Date(2)), true);
        assert.equal(await store.hasOrigins(box.id), true);
        const entry = await storage.accessLog.append({
          mailboxId: box.id,
          address: box.address,
          at: new Date(5),
          protocol: 'http',
          remoteAddress: '192.0.2.1',
          clientId: null,
          outcome: 'success',
        });
        await store.flagAccess(entry.id);
        await store.flagAccess(entry.id);
        assert.deepEqual(await store.flaggedAccesses([entry.id, entry.id + 1]), new Set([entry.id]));
        assert.deepEqual(await store.flaggedAccesses([]), new Set());
      }));
  });
}
