/**
 * Contract of AccountStore for every adapter: provider domains, mailbox lifecycle and policy
 * fields, case-insensitive addresses, password-hash custody and failed-login bookkeeping.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isStorageError } from '../../ports/storage-error.ts';
import { must, withStorage, type StorageHarness } from './storage-harness.ts';

export function describeAccountStore(name: string, harness: StorageHarness): void {
  void describe(`AccountStore contract (${name})`, () => {
    void it('adds, lists and removes provider domains', () =>
      withStorage(harness, async (storage) => {
        const added = await storage.accounts.addDomain({ name: 'PEC.Example.IT', description: 'main' });
        assert.equal(added.name, 'pec.example.it');
        await storage.accounts.addDomain({ name: 'legal.example.it' });
        await assert.rejects(storage.accounts.addDomain({ name: 'pec.example.it' }), (e) =>
          isStorageError(e, 'conflict'),
        );
        assert.deepEqual(
          (await storage.accounts.listDomains()).map((d) => [d.name, d.description]),
          [
            ['legal.example.it', null],
            ['pec.example.it', 'main'],
          ],
        );
        assert.equal((await storage.accounts.getDomain('PEC.EXAMPLE.IT'))?.description, 'main');
        assert.equal(await storage.accounts.removeDomain('legal.example.it'), true);
        assert.equal(await storage.accounts.removeDomain('legal.example.it'), false);
        await storage.accounts.createMailbox({ address: 'a@pec.example.it', holderName: 'A', quotaBytes: 1 });
        await assert.rejects(storage.accounts.removeDomain('pec.example.it'), (e) =>
          isStorageError(e, 'conflict'),
        );
      }));

    void it('creates mailboxes with every field, defaults and case-insensitive lookup', () =>
      withStorage(harness, async (storage) => {
        await storage.accounts.addDomain({ name: 'pec.example.it' });
        const created = await storage.accounts.createMailbox({
          address: 'Mario.Rossi@PEC.example.it',
          holderName: 'Mario Rossi',
          holderTaxCode: 'RSSMRA80A01H501U',
          contactEmail: 'mario@example.com',
          mobile: '+393331234567',
          plan: 'business',
          quotaBytes: 2_147_483_648 * 4,
          activatedAt: new Date('2026-01-01T00:00:00Z'),
          expiresAt: new Date('2027-01-01T00:00:00Z'),
          ordinaryMailPolicy: 'forward',
          forwardAddress: 'mario@example.com',
          passwordHash: '$argon2id$v=19$m=65536,t=3,p=4$c2FsdA$aGFzaA',
        });
        assert.equal(created.address, 'mario.rossi@pec.example.it');
        assert.equal(created.domain, 'pec.example.it');
        assert.equal(created.quotaBytes, 8_589_934_592, 'quotas above 2^32 survive');
        assert.equal(created.usedBytes, 0);
        assert.equal(created.status, 'active');
        assert.equal(created.ordinaryMailPolicy, 'forward');
        assert.equal(created.expiresAt?.toISOString(), '2027-01-01T00:00:00.000Z');
        assert.equal(created.failedLogins, 0);
        assert.ok(!('passwordHash' in created), 'the hash is not part of the mailbox record');
        const found = must(await storage.accounts.findMailboxByAddress('MARIO.ROSSI@pec.example.it'));
        assert.deepEqual(found, created);
        assert.deepEqual(await storage.accounts.getMailbox(created.id), created);
        const plain = await storage.accounts.createMailbox({
          address: 'b@pec.example.it',
          holderName: 'B',
          quotaBytes: 10,
        });
        assert.equal(plain.ordinaryMailPolicy, 'reject');
        assert.equal(plain.holderTaxCode, null);
        await assert.rejects(
          storage.accounts.createMailbox({
            address: 'mario.rossi@pec.example.it',
            holderName: 'X',
            quotaBytes: 1,
          }),
          (e) => isStorageError(e, 'conflict'),
        );
        await assert.rejects(
          storage.accounts.createMailbox({ address: 'x@unknown.example', holderName: 'X', quotaBytes: 1 }),
          (e) => isStorageError(e, 'not-found'),
        );
        await assert.rejects(
          storage.accounts.createMailbox({ address: 'no-at-sign', holderName: 'X', quotaBytes: 1 }),
          (e) => isStorageError(e, 'invalid'),
        );
      }));

    void it('filters, counts and pages mailboxes', () =>
      withStorage(harness, async (storage) => {
        await storage.accounts.addDomain({ name: 'one.example.it' });
        await storage.accounts.addDomain({ name: 'two.example.it' });
        for (const [address, holderName] of [
          ['c@one.example.it', 'Carla Bianchi'],
          ['a@one.example.it', 'Anna Verdi'],
          ['b@two.example.it', 'Bruno 100%_Neri'],
        ] as const) {
          await storage.accounts.createMailbox({ address, holderName, quotaBytes: 1 });
        }
        const b = must(await storage.accounts.findMailboxByAddress('b@two.example.it'));
        await storage.accounts.updateMailbox(b.id, { status: 'suspended' });
        const addresses = async (query: Parameters<typeof storage.accounts.listMailboxes>[0]) =>
          (await storage.accounts.listMailboxes(query)).map((m) => m.address);
        assert.deepEqual(await addresses({}), ['a@one.example.it', 'b@two.example.it', 'c@one.example.it']);
        assert.deepEqual(await addresses({ domain: 'ONE.example.it' }), [
          'a@one.example.it',
          'c@one.example.it',
        ]);
        assert.deepEqual(await addresses({ status: 'suspended' }), ['b@two.example.it']);
        assert.deepEqual(await addresses({ search: 'verdi' }), ['a@one.example.it']);
        assert.deepEqual(
          await addresses({ search: '0%_n' }),
          ['b@two.example.it'],
          'LIKE wildcards are literal',
        );
        assert.deepEqual(await addresses({ search: '%' }), ['b@two.example.it']);
        assert.deepEqual(await addresses({ limit: 1, offset: 1 }), ['b@two.example.it']);
        assert.deepEqual(await addresses({ offset: 2 }), ['c@one.example.it']);
        assert.equal(await storage.accounts.countMailboxes({ domain: 'one.example.it' }), 2);
        assert.equal(await storage.accounts.countMailboxes(), 3);
      }));

    void it('updates only the given fields and deletes mailboxes with their folders', () =>
      withStorage(harness, async (storage) => {
        await storage.accounts.addDomain({ name: 'pec.example.it' });
        const mailbox = await storage.accounts.createMailbox({
          address: 'u@pec.example.it',
          holderName: 'U',
          contactEmail: 'u@example.com',
          quotaBytes: 100,
        });
        const updated = await storage.accounts.updateMailbox(mailbox.id, {
          status: 'expired',
          quotaBytes: 200,
          mobile: '+39 333',
          expiresAt: null,
        });
        assert.equal(updated.status, 'expired');
        assert.equal(updated.quotaBytes, 200);
        assert.equal(updated.mobile, '+39 333');
        assert.equal(updated.contactEmail, 'u@example.com');
        assert.equal(updated.holderName, 'U');
        await assert.rejects(storage.accounts.updateMailbox(999_999, { plan: 'x' }), (e) =>
          isStorageError(e, 'not-found'),
        );
        const folder = await storage.mailboxes.createFolder(mailbox.id, { name: 'INBOX' });
        assert.equal(await storage.accounts.deleteMailbox(mailbox.id), true);
        assert.equal(await storage.accounts.getMailbox(mailbox.id), undefined);
        assert.equal(
          await storage.mailboxes.getFolderById(folder.id),
          undefined,
          'folders go with the mailbox',
        );
        assert.equal(await storage.accounts.deleteMailbox(mailbox.id), false);
      }));

    void it('keeps the password hash and counts failed logins until a success', () =>
      withStorage(harness, async (storage) => {
        await storage.accounts.addDomain({ name: 'pec.example.it' });
        const mailbox = await storage.accounts.createMailbox({
          address: 'p@pec.example.it',
          holderName: 'P',
          quotaBytes: 1,
        });
        assert.equal(await storage.accounts.getPasswordHash(mailbox.id), null);
        await storage.accounts.setPasswordHash(mailbox.id, '$argon2id$hash');
        assert.equal(await storage.accounts.getPasswordHash(mailbox.id), '$argon2id$hash');
        assert.equal(await storage.accounts.getPasswordHash(999_999), undefined);
        await assert.rejects(storage.accounts.setPasswordHash(999_999, 'x'), (e) =>
          isStorageError(e, 'not-found'),
        );
        const at = new Date('2026-02-01T08:00:00Z');
        assert.equal(await storage.accounts.recordLoginFailure(mailbox.id, at), 1);
        assert.equal(await storage.accounts.recordLoginFailure(mailbox.id, at), 2);
        const failing = must(await storage.accounts.getMailbox(mailbox.id));
        assert.equal(failing.failedLogins, 2);
        assert.equal(failing.lastFailedLoginAt?.toISOString(), at.toISOString());
        await storage.accounts.recordLoginSuccess(mailbox.id, new Date('2026-02-01T09:00:00Z'));
        const ok = must(await storage.accounts.getMailbox(mailbox.id));
        assert.equal(ok.failedLogins, 0);
        assert.equal(ok.lastLoginAt?.toISOString(), '2026-02-01T09:00:00.000Z');
      }));
  });
}
