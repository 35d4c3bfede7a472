/**
 * Contract of the administrative credential stores for every adapter (decision 0042): an
 * operator's or postmaster's API tokens found by hash, listed per owner newest first, revoked one
 * at a time or all at once, touched forward only, gone with their owner; a principal disabled and
 * enabled again; recovery links spent once, before expiry, with the principal's other links.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import type { Storage } from '../../ports/storage.ts';
import { withStorage, type StorageHarness } from './storage-harness.ts';

const at = (minutes: number): Date => new Date(Date.UTC(2026, 11, 7) + minutes * 60_000);

function principal(storage: Storage, role: 'admin' | 'support') {
  return storage.admin.createPrincipal({
    email: `${role}-${randomBytes(3).toString('hex')}@provider.example`,
    role,
    displayName: role,
    passwordHash: '$argon2id$x',
    domains: [],
    createdAt: at(0),
  });
}

export function describeAdminCredentialStores(name: string, harness: StorageHarness): void {
  void describe(`Administrative credential stores contract (${name})`, () => {
    void it('keeps tokens by hash per owner, revokes them and forgets them with the owner', () =>
      withStorage(harness, async (storage) => {
        const admin = await principal(storage, 'admin');
        const support = await principal(storage, 'support');
        const token = (hash: string, owner: number, scopes: string[]) =>
          storage.adminTokens.insert({
            tokenHash: hash.repeat(64),
            principalId: owner,
            name: `t-${hash}`,
            scopes,
            createdAt: at(0),
            expiresAt: hash === 'b' ? at(60) : null,
          });
        const a = await token('a', admin.id, ['admin:read', 'admin:manage']);
        const b = await token('b', admin.id, []);
        const c = await token('c', support.id, ['admin:read']);
        assert.deepEqual(await storage.adminTokens.findByHash('a'.repeat(64)), a);
        assert.deepEqual(a.scopes, ['admin:read', 'admin:manage']);
        assert.deepEqual(b.scopes, []);
        assert.deepEqual(b.expiresAt, at(60));
        assert.equal(await storage.adminTokens.findByHash('z'.repeat(64)), undefined);
        assert.deepEqual(
          (await storage.adminTokens.list(admin.id)).map((t) => t.id),
          [b.id, a.id],
        );
        assert.equal(await storage.adminTokens.revoke(c.id, admin.id, at(1)), false, 'not its own');
        assert.equal(await storage.adminTokens.revoke(a.id, admin.id, at(1)), true);
        assert.equal(await storage.adminTokens.revoke(a.id, admin.id, at(2)), false, 'already revoked');
        assert.deepEqual((await storage.adminTokens.findByHash('a'.repeat(64)))?.revokedAt, at(1));
        assert.equal(await storage.adminTokens.revokeAll(admin.id, at(3)), 1);
        assert.deepEqual((await storage.adminTokens.findByHash('b'.repeat(64)))?.revokedAt, at(3));
        await storage.adminTokens.touch(c.id, at(5));
        await storage.adminTokens.touch(c.id, at(4));
        assert.deepEqual((await storage.adminTokens.findByHash('c'.repeat(64)))?.lastUsedAt, at(5));
        await storage.admin.removePrincipal(support.id);
        assert.equal(await storage.adminTokens.findByHash('c'.repeat(64)), undefined);
      }));

    void it('disables and enables a principal', () =>
      withStorage(harness, async (storage) => {
        const admin = await principal(storage, 'admin');
        assert.equal(admin.disabledAt, null);
        assert.equal(await storage.adminAccounts.setDisabled(admin.id, at(1)), true);
        assert.deepEqual((await storage.admin.getPrincipal(admin.id))?.disabledAt, at(1));
        assert.equal(await storage.adminAccounts.setDisabled(admin.id, null), true);
        assert.equal((await storage.admin.getPrincipal(admin.id))?.disabledAt, null);
        assert.equal(await storage.adminAccounts.setDisabled(admin.id + 1000, at(1)), false);
      }));

    void it('spends a recovery link once, before expiry, with the principal’s other links', () =>
      withStorage(harness, async (storage) => {
        const one = await principal(storage, 'admin');
        const two = await principal(storage, 'support');
        const link = (hash: string, owner: number) =>
          storage.adminAccounts.insertRecoveryToken({
            tokenHash: hash.repeat(64),
            principalId: owner,
            createdAt: at(0),
            expiresAt: at(30),
          });
        await link('a', one.id);
        await link('b', one.id);
        await link('c', two.id);
        assert.deepEqual(await storage.adminAccounts.findRecoveryToken('a'.repeat(64)), {
          tokenHash: 'a'.repeat(64),
          principalId: one.id,
          createdAt: at(0),
          expiresAt: at(30),
          usedAt: null,
        });
        assert.equal(await storage.adminAccounts.spendRecoveryToken('c'.repeat(64), at(30)), undefined);
        assert.equal(await storage.adminAccounts.spendRecoveryToken('a'.repeat(64), at(29)), one.id);
        assert.equal(await storage.adminAccounts.spendRecoveryToken('a'.repeat(64), at(29)), undefined);
        assert.equal(await storage.adminAccounts.spendRecoveryToken('b'.repeat(64), at(29)), undefined);
        assert.equal(await storage.adminAccounts.purgeRecoveryTokens(at(31)), 3);
      }));
  });
}
