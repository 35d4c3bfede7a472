/**
 * Contract of MailboxStore.listMessageHeads for every adapter: the rows `listMessages` gives, field for
 * field, without the envelope and MIME structure, under the same UID-range and CHANGEDSINCE query
 * (RFC 7162 §3.1.4).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { must, sampleMessage, seedMailbox, withStorage, type StorageHarness } from './storage-harness.ts';

export function describeMessageHeads(name: string, harness: StorageHarness): void {
  void describe(`MailboxStore message heads (${name})`, () => {
    void it('lists message heads: the rows of listMessages without envelope and structure', () =>
      withStorage(harness, async (storage) => {
        const mailbox = await seedMailbox(storage);
        const folder = await storage.mailboxes.createFolder(mailbox.id, { name: 'INBOX' });
        for (let i = 0; i < 5; i += 1) {
          await storage.mailboxes.append(
            folder.id,
            sampleMessage({ flags: i % 2 === 0 ? ['\\Seen'] : ['\\Flagged', 'urgente'] }),
          );
        }
        const flagged = await storage.mailboxes.setFlags(folder.id, [{ from: 4, to: 5 }], {
          mode: 'add',
          flags: ['\\Answered'],
        });
        const query = { uids: [{ from: 2, to: 4 }, { from: 5 }] };
        const heads = await storage.mailboxes.listMessageHeads(folder.id, query);
        const full = await storage.mailboxes.listMessages(folder.id, query);
        assert.deepEqual(
          heads.map((h) => h.uid),
          [2, 3, 4, 5],
        );
        assert.deepEqual(
          heads,
          full.map((m) => ({
            folderId: m.folderId,
            uid: m.uid,
            modseq: m.modseq,
            blobKey: m.blobKey,
            size: m.size,
            internalDate: m.internalDate,
            saveDate: m.saveDate,
            flags: m.flags,
          })),
        );
        assert.ok(heads.every((h) => !('envelope' in h) && !('structure' in h)));
        const changed = await storage.mailboxes.listMessageHeads(folder.id, {
          changedSince: must(flagged.updated[0]).modseq - 1,
        });
        assert.deepEqual(
          changed.map((h) => [h.uid, h.flags]),
          [
            [4, ['\\Answered', '\\Flagged', 'urgente']],
            [5, ['\\Answered', '\\Seen']],
          ],
        );
        assert.deepEqual(await storage.mailboxes.listMessageHeads(999_999), []);
      }));
  });
}
