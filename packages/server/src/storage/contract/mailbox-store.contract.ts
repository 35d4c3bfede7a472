/**
 * Contract of MailboxStore for every adapter: UID and UIDVALIDITY rules (RFC 9051 §2.3.1.1), modseq
 * on every change (RFC 7162), flags, copy/move keeping bytes (RFC 4315, RFC 6851), expunge with
 * QRESYNC tombstones, folder rename/delete semantics and the mailbox's usage counters.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isStorageError } from '../../ports/storage-error.ts';
import {
  must,
  sampleEnvelope,
  sampleMessage,
  sampleStructure,
  seedMailbox,
  withStorage,
  type StorageHarness,
} from './storage-harness.ts';

export function describeMailboxStore(name: string, harness: StorageHarness): void {
  void describe(`MailboxStore contract (${name})`, () => {
    void it('creates folders, spells INBOX in capitals and refuses duplicates', () =>
      withStorage(harness, async (storage) => {
        const mailbox = await seedMailbox(storage);
        const inbox = await storage.mailboxes.createFolder(mailbox.id, { name: 'inbox' });
        assert.equal(inbox.name, 'INBOX');
        assert.equal(inbox.uidNext, 1);
        assert.ok(inbox.uidValidity > 0 && inbox.uidValidity < 2 ** 32);
        const sent = await storage.mailboxes.createFolder(mailbox.id, {
          name: 'Sent',
          specialUse: '\\Sent',
          subscribed: false,
        });
        assert.equal(sent.specialUse, '\\Sent');
        assert.deepEqual(await storage.mailboxes.listSubscriptions(mailbox.id), ['INBOX']);
        assert.deepEqual((await storage.mailboxes.getFolder(mailbox.id, 'Inbox'))?.id, inbox.id);
        assert.deepEqual(
          (await storage.mailboxes.listFolders(mailbox.id)).map((f) => f.name),
          ['INBOX', 'Sent'],
        );
        await assert.rejects(storage.mailboxes.createFolder(mailbox.id, { name: 'INBOX' }), (e) =>
          isStorageError(e, 'conflict'),
        );
        await assert.rejects(storage.mailboxes.createFolder(mailbox.id, { name: 'a//b' }), (e) =>
          isStorageError(e, 'invalid'),
        );
        await assert.rejects(storage.mailboxes.createFolder(999_999, { name: 'x' }), (e) =>
          isStorageError(e, 'not-found'),
        );
        await storage.mailboxes.setSubscription(mailbox.id, 'Sent', true);
        await storage.mailboxes.setSpecialUse(sent.id, null);
        const reread = await storage.mailboxes.getFolderById(sent.id);
        assert.equal(reread?.specialUse, null);
        assert.deepEqual(await storage.mailboxes.listSubscriptions(mailbox.id), ['INBOX', 'Sent']);
      }));

    void it('appends with UIDs 1, 2, 3 and growing modseq, and stores the metadata as given', () =>
      withStorage(harness, async (storage) => {
        const mailbox = await seedMailbox(storage);
        const folder = await storage.mailboxes.createFolder(mailbox.id, { name: 'INBOX' });
        const results = [];
        for (let i = 0; i < 3; i += 1) {
          results.push(
            await storage.mailboxes.append(
              folder.id,
              sampleMessage({ flags: ['\\seen', 'Urgent', '\\Recent', 'urgent'] }),
            ),
          );
        }
        assert.deepEqual(
          results.map((r) => r.message.uid),
          [1, 2, 3],
        );
        assert.ok(results.every((r) => r.uidValidity === folder.uidValidity));
        const modseqs = results.map((r) => r.message.modseq);
        assert.ok(
          must(modseqs[0]) > folder.highestModseq &&
            must(modseqs[1]) > must(modseqs[0]) &&
            must(modseqs[2]) > must(modseqs[1]),
        );
        const stored = await storage.mailboxes.getMessage(folder.id, 2);
        assert.deepEqual(stored?.flags, ['\\Seen', 'Urgent']);
        assert.deepEqual(stored.envelope, sampleEnvelope);
        assert.deepEqual(stored.structure, sampleStructure);
        assert.equal(stored.pecType, 'posta-certificata');
        assert.equal(stored.blobKey, must(results[1]).message.blobKey);
        assert.equal(stored.internalDate.toISOString(), '2024-11-05T09:00:00.000Z');
        const after = await storage.mailboxes.getFolderById(folder.id);
        assert.equal(after?.uidNext, 4);
        assert.equal(after.highestModseq, modseqs[2]);
        assert.equal(after.uidValidity, folder.uidValidity);
        await assert.rejects(storage.mailboxes.append(999_999, sampleMessage()), (e) =>
          isStorageError(e, 'not-found'),
        );
      }));

    void it('hands out distinct, gap-free UIDs to concurrent appends, also across connections', () =>
      withStorage(harness, async (storage) => {
        const mailbox = await seedMailbox(storage);
        const folder = await storage.mailboxes.createFolder(mailbox.id, { name: 'INBOX' });
        const second = await harness.openSecond(storage);
        try {
          const appends = Array.from({ length: 60 }, (_, i) =>
            (i % 3 === 0 ? second : storage).mailboxes.append(folder.id, sampleMessage()),
          );
          const results = await Promise.all(appends);
          const uids = results.map((r) => r.message.uid).sort((a, b) => a - b);
          assert.deepEqual(
            uids,
            Array.from({ length: 60 }, (_, i) => i + 1),
          );
          const states = await storage.mailboxes.listMessageStates(folder.id);
          for (let i = 1; i < states.length; i += 1) {
            assert.ok(must(states[i]).modseq > must(states[i - 1]).modseq, 'modseq follows UID order');
          }
          assert.equal((await storage.mailboxes.folderStats(folder.id)).messages, 60);
          assert.equal((await storage.mailboxes.quotaUsage(mailbox.id)).messages, 60);
        } finally {
          await second.close();
        }
      }));

    void it('never repeats a UIDVALIDITY for a re-created name, and keeps it across renames', () =>
      withStorage(harness, async (storage) => {
        const mailbox = await seedMailbox(storage);
        const first = await storage.mailboxes.createFolder(mailbox.id, { name: 'Archive' });
        await storage.mailboxes.append(first.id, sampleMessage());
        await storage.mailboxes.deleteFolder(first.id);
        const again = await storage.mailboxes.createFolder(mailbox.id, { name: 'Archive' });
        assert.ok(again.uidValidity > first.uidValidity);
        assert.equal(again.uidNext, 1);
        const renamed = await storage.mailboxes.renameFolder(again.id, 'Old');
        assert.equal(renamed.uidValidity, again.uidValidity);
        assert.equal((await storage.mailboxes.getFolder(mailbox.id, 'Old'))?.uidValidity, again.uidValidity);
      }));

    void it('adds, removes and replaces flags with one new modseq per change, honouring UNCHANGEDSINCE', () =>
      withStorage(harness, async (storage) => {
        const mailbox = await seedMailbox(storage);
        const folder = await storage.mailboxes.createFolder(mailbox.id, { name: 'INBOX' });
        for (let i = 0; i < 4; i += 1) await storage.mailboxes.append(folder.id, sampleMessage());
        const before = await storage.mailboxes.getFolderById(folder.id);
        const added = await storage.mailboxes.setFlags(folder.id, [{ from: 1, to: 2 }], {
          mode: 'add',
          flags: ['\\Seen', '$Label1'],
        });
        assert.deepEqual(
          added.updated.map((u) => u.uid),
          [1, 2],
        );
        const modseq = must(added.updated[0]).modseq;
        assert.ok(modseq > must(before).highestModseq);
        assert.ok(added.updated.every((u) => u.modseq === modseq));
        assert.deepEqual(must(added.updated[0]).flags, ['\\Seen', '$Label1']);
        const again = await storage.mailboxes.setFlags(folder.id, [{ from: 1, to: 2 }], {
          mode: 'add',
          flags: ['\\seen'],
        });
        assert.deepEqual(again.updated, [], 'no change, no new modseq');
        assert.equal((await storage.mailboxes.getFolderById(folder.id))?.highestModseq, modseq);
        const removed = await storage.mailboxes.setFlags(folder.id, [{ from: 2 }], {
          mode: 'remove',
          flags: ['\\SEEN'],
        });
        assert.deepEqual(
          removed.updated.map((u) => [u.uid, u.flags]),
          [[2, ['$Label1']]],
        );
        assert.ok(must(removed.updated[0]).modseq > modseq);
        const conditional = await storage.mailboxes.setFlags(folder.id, [{ from: 1, to: 4 }], {
          mode: 'replace',
          flags: ['\\Flagged'],
          unchangedSince: modseq,
        });
        assert.deepEqual(conditional.modified, [2]);
        assert.deepEqual(
          conditional.updated.map((u) => u.uid),
          [1, 3, 4],
        );
        const changed = await storage.mailboxes.listMessageStates(folder.id, {
          changedSince: must(removed.updated[0]).modseq,
        });
        assert.deepEqual(
          changed.map((s) => s.uid),
          [1, 3, 4],
        );
        const stats = await storage.mailboxes.folderStats(folder.id);
        assert.equal(stats.unseen, 4);
        assert.equal(stats.firstUnseenUid, 1);
        await assert.rejects(
          storage.mailboxes.setFlags(999_999, [{ from: 1 }], { mode: 'add', flags: ['x'] }),
          (e) => isStorageError(e, 'not-found'),
        );
      }));

    void it('lists by UID ranges, order, limit and offset', () =>
      withStorage(harness, async (storage) => {
        const mailbox = await seedMailbox(storage);
        const folder = await storage.mailboxes.createFolder(mailbox.id, { name: 'INBOX' });
        for (let i = 0; i < 10; i += 1) await storage.mailboxes.append(folder.id, sampleMessage());
        const uidsOf = async (query: Parameters<typeof storage.mailboxes.listMessages>[1]) =>
          (await storage.mailboxes.listMessages(folder.id, query)).map((m) => m.uid);
        assert.deepEqual(await uidsOf({ uids: [{ from: 2, to: 3 }, { from: 9 }] }), [2, 3, 9, 10]);
        assert.deepEqual(await uidsOf({ uids: [{ from: 5, to: 4 }] }), [4, 5]);
        assert.deepEqual(await uidsOf({ uids: [] }), []);
        assert.deepEqual(await uidsOf({ order: 'desc', limit: 3 }), [10, 9, 8]);
        assert.deepEqual(await uidsOf({ limit: 2, offset: 4 }), [5, 6]);
        assert.deepEqual(await uidsOf({ offset: 8 }), [9, 10]);
        assert.deepEqual(await storage.mailboxes.listMessages(999_999), []);
      }));

    void it('copies and moves keeping the bytes reference, size and flags, with COPYUID mappings', () =>
      withStorage(harness, async (storage) => {
        const mailbox = await seedMailbox(storage);
        const inbox = await storage.mailboxes.createFolder(mailbox.id, { name: 'INBOX' });
        const archive = await storage.mailboxes.createFolder(mailbox.id, { name: 'Archive' });
        const originals = [];
        for (let i = 0; i < 3; i += 1) {
          originals.push(
            (await storage.mailboxes.append(inbox.id, sampleMessage({ flags: ['\\Seen'] }))).message,
          );
        }
        await storage.mailboxes.append(archive.id, sampleMessage());
        const usedBefore = (await storage.mailboxes.quotaUsage(mailbox.id)).usedBytes;
        const archiveBefore = await storage.mailboxes.getFolderById(archive.id);
        const copied = await storage.mailboxes.copy(inbox.id, [{ from: 2 }], archive.id);
        assert.equal(copied.uidValidity, archive.uidValidity);
        assert.deepEqual(copied.mapping, [
          { sourceUid: 2, targetUid: 2 },
          { sourceUid: 3, targetUid: 3 },
        ]);
        const copy = await storage.mailboxes.getMessage(archive.id, 3);
        assert.equal(copy?.blobKey, must(originals[2]).blobKey);
        assert.equal(copy.size, must(originals[2]).size);
        assert.deepEqual(copy.flags, ['\\Seen']);
        assert.deepEqual(copy.structure, sampleStructure);
        assert.ok(copy.modseq > must(archiveBefore).highestModseq);
        assert.equal((await storage.mailboxes.listMessages(inbox.id)).length, 3, 'copy leaves the source');
        const usedAfterCopy = (await storage.mailboxes.quotaUsage(mailbox.id)).usedBytes;
        assert.equal(usedAfterCopy, usedBefore + must(originals[1]).size + must(originals[2]).size);

        const inboxBefore = await storage.mailboxes.getFolderById(inbox.id);
        const moved = await storage.mailboxes.move(
          inbox.id,
          [
            { from: 1, to: 1 },
            { from: 3, to: 3 },
          ],
          archive.id,
        );
        assert.deepEqual(moved.mapping, [
          { sourceUid: 1, targetUid: 4 },
          { sourceUid: 3, targetUid: 5 },
        ]);
        assert.deepEqual(
          (await storage.mailboxes.listMessages(inbox.id)).map((m) => m.uid),
          [2],
        );
        assert.equal(
          (await storage.mailboxes.getMessage(archive.id, 4))?.blobKey,
          must(originals[0]).blobKey,
        );
        assert.deepEqual(
          await storage.mailboxes.vanishedSince(inbox.id, must(inboxBefore).highestModseq),
          [1, 3],
        );
        assert.equal((await storage.mailboxes.quotaUsage(mailbox.id)).usedBytes, usedAfterCopy);
        const none = await storage.mailboxes.copy(inbox.id, [{ from: 50 }], archive.id);
        assert.deepEqual(none.mapping, []);
        await assert.rejects(storage.mailboxes.copy(inbox.id, [{ from: 1 }], 999_999), (e) =>
          isStorageError(e, 'not-found'),
        );
      }));

    void it('expunges only \\Deleted messages, within the given UIDs, and never reuses their UIDs', () =>
      withStorage(harness, async (storage) => {
        const mailbox = await seedMailbox(storage);
        const folder = await storage.mailboxes.createFolder(mailbox.id, { name: 'INBOX' });
        for (let i = 0; i < 5; i += 1) await storage.mailboxes.append(folder.id, sampleMessage());
        await storage.mailboxes.setFlags(folder.id, [{ from: 2, to: 4 }], {
          mode: 'add',
          flags: ['\\Deleted'],
        });
        const before = await storage.mailboxes.getFolderById(folder.id);
        assert.deepEqual(await storage.mailboxes.expunge(folder.id, { uids: [{ from: 4 }] }), [4]);
        assert.deepEqual(await storage.mailboxes.expunge(folder.id), [2, 3]);
        assert.deepEqual(await storage.mailboxes.expunge(folder.id), []);
        const after = await storage.mailboxes.getFolderById(folder.id);
        assert.ok(must(after).highestModseq > must(before).highestModseq);
        assert.deepEqual(
          await storage.mailboxes.vanishedSince(folder.id, must(before).highestModseq),
          [2, 3, 4],
        );
        assert.deepEqual(
          (await storage.mailboxes.listMessages(folder.id)).map((m) => m.uid),
          [1, 5],
        );
        const next = await storage.mailboxes.append(folder.id, sampleMessage());
        assert.equal(next.message.uid, 6);
        assert.equal((await storage.mailboxes.quotaUsage(mailbox.id)).messages, 3);
      }));

    void it('renames a folder with everything below it, and refuses INBOX, clashes and self-nesting', () =>
      withStorage(harness, async (storage) => {
        const mailbox = await seedMailbox(storage);
        const inbox = await storage.mailboxes.createFolder(mailbox.id, { name: 'INBOX' });
        const work = await storage.mailboxes.createFolder(mailbox.id, { name: 'Work' });
        await storage.mailboxes.createFolder(mailbox.id, { name: 'Work/2024' });
        await storage.mailboxes.createFolder(mailbox.id, { name: 'Workshop' });
        await storage.mailboxes.createFolder(mailbox.id, { name: 'Taken' });
        await storage.mailboxes.append(work.id, sampleMessage());
        const renamed = await storage.mailboxes.renameFolder(work.id, 'Clients/Work');
        assert.equal(renamed.name, 'Clients/Work');
        assert.deepEqual(
          (await storage.mailboxes.listFolders(mailbox.id)).map((f) => f.name),
          ['Clients/Work', 'Clients/Work/2024', 'INBOX', 'Taken', 'Workshop'],
        );
        assert.equal((await storage.mailboxes.listMessages(work.id)).length, 1, 'messages follow the folder');
        const rejects = async (promise: Promise<unknown>, code: 'invalid' | 'conflict') =>
          assert.rejects(promise, (e) => isStorageError(e, code));
        await rejects(storage.mailboxes.renameFolder(inbox.id, 'Other'), 'invalid');
        await rejects(storage.mailboxes.renameFolder(work.id, 'Taken'), 'conflict');
        await rejects(storage.mailboxes.renameFolder(work.id, 'inbox'), 'conflict');
        await rejects(storage.mailboxes.renameFolder(work.id, 'Clients/Work/2024/x'), 'invalid');
      }));

    void it('deletes a folder with its messages, frees their bytes and leaves folders below it', () =>
      withStorage(harness, async (storage) => {
        const mailbox = await seedMailbox(storage);
        const inbox = await storage.mailboxes.createFolder(mailbox.id, { name: 'INBOX' });
        const trash = await storage.mailboxes.createFolder(mailbox.id, { name: 'Trash' });
        await storage.mailboxes.createFolder(mailbox.id, { name: 'Trash/Old' });
        const kept = await storage.mailboxes.append(inbox.id, sampleMessage());
        const a = await storage.mailboxes.append(trash.id, sampleMessage());
        const b = await storage.mailboxes.append(trash.id, sampleMessage());
        const result = await storage.mailboxes.deleteFolder(trash.id);
        assert.deepEqual(result, { removedMessages: 2, freedBytes: a.message.size + b.message.size });
        assert.equal(await storage.mailboxes.getFolderById(trash.id), undefined);
        assert.ok((await storage.mailboxes.getFolder(mailbox.id, 'Trash/Old')) !== undefined);
        assert.deepEqual(await storage.mailboxes.quotaUsage(mailbox.id), {
          mailboxId: mailbox.id,
          usedBytes: kept.message.size,
          quotaBytes: 1_000_000,
          messages: 1,
        });
        await assert.rejects(storage.mailboxes.deleteFolder(inbox.id), (e) => isStorageError(e, 'invalid'));
        await assert.rejects(storage.mailboxes.deleteFolder(trash.id), (e) => isStorageError(e, 'not-found'));
      }));

    void it('keeps usage counters equal to a recount, per mailbox, and tracks blob references', () =>
      withStorage(harness, async (storage) => {
        const one = await seedMailbox(storage, 5000);
        const two = await seedMailbox(storage);
        const f1 = await storage.mailboxes.createFolder(one.id, { name: 'INBOX' });
        const f2 = await storage.mailboxes.createFolder(two.id, { name: 'INBOX' });
        const shared = sampleMessage();
        await storage.mailboxes.append(f1.id, shared);
        await storage.mailboxes.append(f1.id, sampleMessage());
        await storage.mailboxes.append(f2.id, sampleMessage());
        await storage.mailboxes.copy(f1.id, [{ from: 1, to: 1 }], f2.id);
        const usage = await storage.mailboxes.quotaUsage(one.id);
        assert.equal(usage.quotaBytes, 5000);
        assert.deepEqual(await storage.mailboxes.recomputeUsage(one.id), usage);
        assert.deepEqual(
          await storage.mailboxes.recomputeUsage(two.id),
          await storage.mailboxes.quotaUsage(two.id),
        );
        assert.equal((await storage.accounts.getMailbox(one.id))?.usedBytes, usage.usedBytes);
        const stats = await storage.mailboxes.folderStats(f1.id);
        assert.equal(stats.sizeBytes, usage.usedBytes);
        assert.equal(await storage.mailboxes.isBlobReferenced(shared.blobKey), true);
        const receipt = await storage.mailboxes.append(
          f1.id,
          sampleMessage({ pecType: 'accettazione', pecReference: '<ref@x>', internalDate: new Date(0) }),
        );
        await storage.mailboxes.append(f2.id, sampleMessage({ pecReference: '<ref@x>' }));
        assert.deepEqual(
          (await storage.mailboxes.findByPecReference(one.id, '<ref@x>')).map((m) => [m.uid, m.pecType]),
          [[receipt.message.uid, 'accettazione']],
          'only the given mailbox',
        );
        await storage.mailboxes.setFlags(f1.id, [{ from: 1, to: 1 }], { mode: 'add', flags: ['\\Deleted'] });
        await storage.mailboxes.expunge(f1.id);
        assert.equal(
          await storage.mailboxes.isBlobReferenced(shared.blobKey),
          true,
          'the copy still points at it',
        );
        await storage.mailboxes.setFlags(f2.id, [{ from: 2, to: 2 }], { mode: 'add', flags: ['\\Deleted'] });
        await storage.mailboxes.expunge(f2.id);
        assert.equal(await storage.mailboxes.isBlobReferenced(shared.blobKey), false);
        await assert.rejects(storage.mailboxes.quotaUsage(999_999), (e) => isStorageError(e, 'not-found'));
      }));
  });
}
