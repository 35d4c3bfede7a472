/**
 * Contract of the security archive's storage for every adapter (decision 0035): settings default
 * to off with every kind and no manual deletion, `enabledAt` is set when switched on and kept
 * while on, the "archive full" notice is claimed once until cleared; an archive folder's rows
 * share the blob of the box's message, stay when the box's copy is expunged, and are left out of
 * the box usage (also when recounted and when the folder goes).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { defaultArchiveSettings } from '../../ports/security-archive-store.ts';
import { sampleMessage, seedMailbox, withStorage, type StorageHarness } from './storage-harness.ts';

const at = (minutes: number): Date => new Date(Date.UTC(2026, 11, 7) + minutes * 60_000);

export function describeSecurityArchiveStore(name: string, harness: StorageHarness): void {
  void describe(`Security archive store contract (${name})`, () => {
    void it('keeps the settings, when they were switched on, and claims the full notice once', () =>
      withStorage(harness, async (storage) => {
        const box = await seedMailbox(storage);
        const other = await seedMailbox(storage);
        const archive = storage.securityArchive;
        assert.deepEqual(await archive.get(box.id), defaultArchiveSettings);
        assert.equal(await archive.claimFullNotice(box.id, at(0)), false, 'no settings, nothing to claim');
        const on = await archive.save(
          box.id,
          { enabled: true, kinds: ['sent', 'acceptance', 'sent'], manualDeletion: false },
          at(1),
        );
        assert.deepEqual(on, {
          enabled: true,
          kinds: ['acceptance', 'sent'],
          manualDeletion: false,
          enabledAt: at(1),
          fullNoticeAt: null,
        });
        const again = await archive.save(
          box.id,
          { enabled: true, kinds: ['delivery'], manualDeletion: true },
          at(2),
        );
        assert.deepEqual(again.enabledAt, at(1), 'still on since the first time');
        assert.deepEqual(again.kinds, ['delivery']);
        assert.equal(again.manualDeletion, true);
        assert.equal((await archive.save(box.id, { ...again, enabled: false }, at(3))).enabled, false);
        assert.deepEqual((await archive.save(box.id, { ...again, enabled: true }, at(4))).enabledAt, at(4));
        assert.equal(await archive.claimFullNotice(box.id, at(5)), true);
        assert.equal(await archive.claimFullNotice(box.id, at(6)), false, 'told once');
        assert.deepEqual((await archive.get(box.id)).fullNoticeAt, at(5));
        await archive.clearFullNotice(box.id);
        assert.equal(await archive.claimFullNotice(box.id, at(7)), true, 'told again after room came back');
        assert.deepEqual(await archive.get(other.id), defaultArchiveSettings, 'per box');
      }));

    void it('keeps archived rows out of the box usage and after the box copy goes', () =>
      withStorage(harness, async (storage) => {
        const box = await seedMailbox(storage);
        const inbox = await storage.mailboxes.createFolder(box.id, { name: 'INBOX' });
        const vault = await storage.mailboxes.createFolder(box.id, {
          name: 'Archivio di sicurezza',
          securityArchive: true,
          subscribed: false,
        });
        assert.equal(vault.securityArchive, true);
        assert.equal(inbox.securityArchive, false);
        assert.equal((await storage.mailboxes.getFolderById(vault.id))?.securityArchive, true);
        const message = sampleMessage();
        const delivered = await storage.mailboxes.append(inbox.id, message);
        const archived = await storage.mailboxes.append(vault.id, message);
        assert.equal(archived.message.blobKey, delivered.message.blobKey, 'one blob for both rows');
        const usage = await storage.mailboxes.quotaUsage(box.id);
        assert.equal(usage.usedBytes, message.size, 'only the box copy counts');
        assert.equal(usage.messages, 1);
        assert.equal((await storage.mailboxes.folderStats(vault.id)).sizeBytes, message.size);
        await storage.mailboxes.copy(inbox.id, [{ from: 1 }], vault.id);
        assert.equal((await storage.mailboxes.quotaUsage(box.id)).usedBytes, message.size);
        await storage.mailboxes.setFlags(inbox.id, [{ from: 1 }], { mode: 'add', flags: ['\\Deleted'] });
        await storage.mailboxes.expunge(inbox.id);
        assert.equal((await storage.mailboxes.quotaUsage(box.id)).usedBytes, 0);
        assert.equal((await storage.mailboxes.listMessages(vault.id)).length, 2, 'kept in the archive');
        assert.equal(await storage.mailboxes.isBlobReferenced(message.blobKey), true);
        assert.equal((await storage.mailboxes.recomputeUsage(box.id)).usedBytes, 0, 'recount leaves it out');
        await storage.mailboxes.setFlags(vault.id, [{ from: 1, to: 1 }], {
          mode: 'add',
          flags: ['\\Deleted'],
        });
        assert.deepEqual(await storage.mailboxes.expunge(vault.id), [1]);
        assert.equal(
          (await storage.mailboxes.quotaUsage(box.id)).usedBytes,
          0,
          'deleting from it frees no box bytes',
        );
        await storage.mailboxes.deleteFolder(vault.id);
        assert.equal((await storage.mailboxes.quotaUsage(box.id)).usedBytes, 0);
        assert.equal(await storage.mailboxes.isBlobReferenced(message.blobKey), false);
      }));
  });
}
