/**
 * Contract of MessageTextIndex for every adapter (decision 0043): texts stored once per blob and only
 * while a message refers to it, substring lookup of every needle in header or body (non-ASCII and
 * LIKE/FTS metacharacters literal), texts the databases cannot keep marked lossy, and a blob's text
 * gone as soon as the last message referring to it is expunged or its folder deleted.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sampleMessage, seedMailbox, withStorage, type StorageHarness } from './storage-harness.ts';

const encoder = new TextEncoder();

export function describeMessageTextIndex(name: string, harness: StorageHarness): void {
  void describe(`MessageTextIndex contract (${name})`, () => {
    void it('indexes, finds by substring, and forgets a text with its last message', () =>
      withStorage(harness, async (storage) => {
        const { mailboxes, messageTexts } = storage;
        const mailbox = await seedMailbox(storage);
        const inbox = await mailboxes.createFolder(mailbox.id, { name: 'INBOX' });
        const archive = await mailboxes.createFolder(mailbox.id, { name: 'Archivio' });
        const first = sampleMessage({}, encoder.encode('first message bytes'));
        const second = sampleMessage({}, encoder.encode('second message bytes'));
        const third = sampleMessage({}, encoder.encode('third message bytes'));
        await mailboxes.append(inbox.id, first);
        await mailboxes.append(inbox.id, second);
        await mailboxes.append(inbox.id, third);
        await mailboxes.copy(inbox.id, [{ from: 1, to: 1 }], archive.id);

        const unindexed = await messageTexts.listUnindexed(inbox.id, 10);
        assert.deepEqual(
          unindexed.map((blob) => blob.blobKey).sort(),
          [first, second, third].map((m) => m.blobKey).sort(),
        );
        assert.equal(unindexed[0]?.structure.type, 'multipart');

        await messageTexts.put([
          { blobKey: first.blobKey, header: 'subject: fattura n° 1', body: 'perché è così, 100% pagato' },
          { blobKey: second.blobKey, header: 'subject: sollecito', body: 'la fattura_2 è scaduta' },
          { blobKey: third.blobKey, header: 'subject: nul', body: 'prima\0dopo' },
          { blobKey: 'f'.repeat(64), header: 'no message refers to me', body: '' },
        ]);
        // Idempotent: a second put of an indexed blob changes nothing.
        await messageTexts.put([{ blobKey: first.blobKey, header: 'other', body: 'other' }]);
        assert.deepEqual(await messageTexts.listUnindexed(inbox.id, 10), []);
        assert.equal(await messageTexts.forgetOrphans(), 0, 'a blob without messages is never indexed');

        const uids = async (folderId: number, needles: string[]): Promise<number[]> =>
          [...(await messageTexts.find(folderId, needles)).keys()].sort((a, b) => a - b);
        assert.deepEqual(await uids(inbox.id, ['fattura']), [1, 2]);
        assert.deepEqual(await uids(inbox.id, ['fattura', 'è così']), [1]);
        assert.deepEqual(await uids(inbox.id, ['fattura', 'n° 1']), [1], 'header text counts');
        assert.deepEqual(await uids(inbox.id, ['100%']), [1]);
        assert.deepEqual(await uids(inbox.id, ['a_2']), [2], 'LIKE wildcards are literal');
        assert.deepEqual(await uids(inbox.id, ['a%p']), []);
        assert.deepEqual(await uids(inbox.id, ['"co']), []);
        assert.deepEqual(await uids(inbox.id, ['FATTURA']), [], 'texts and needles come folded');
        assert.deepEqual(await uids(archive.id, ['fattura']), [1]);
        const texts = await messageTexts.find(inbox.id, ['fattura']);
        assert.deepEqual(texts.get(1), {
          header: 'subject: fattura n° 1',
          body: 'perché è così, 100% pagato',
          lossy: false,
        });
        assert.equal((await messageTexts.find(inbox.id, ['dopo'])).get(3)?.lossy, true);

        // The copy still refers to the first blob: its text stays; the second's goes with it.
        await mailboxes.setFlags(inbox.id, [{ from: 1, to: 2 }], { mode: 'add', flags: ['\\Deleted'] });
        assert.deepEqual(await mailboxes.expunge(inbox.id, { uids: [{ from: 1, to: 2 }] }), [1, 2]);
        assert.deepEqual(await uids(inbox.id, ['fattura']), []);
        assert.deepEqual(await uids(archive.id, ['fattura']), [1]);
        assert.equal(await messageTexts.forgetOrphans(), 0, 'the expunge left no text behind');
        await mailboxes.deleteFolder(archive.id);
        assert.equal(await messageTexts.forgetOrphans(), 0, 'deleting the folder left no text behind');
        // Stored again, the first blob has no text: it was deleted, not just hidden.
        await mailboxes.append(inbox.id, first);
        assert.deepEqual(
          (await messageTexts.listUnindexed(inbox.id, 10)).map((blob) => blob.blobKey),
          [first.blobKey],
        );
        // Deleting the box cascades to its folders and messages, and so to their texts.
        await messageTexts.put([{ blobKey: first.blobKey, header: 'h', body: 'b' }]);
        assert.equal((await messageTexts.find(inbox.id, [])).size, 2);
        assert.equal(await storage.accounts.deleteMailbox(mailbox.id), true);
        assert.equal(await messageTexts.forgetOrphans(), 0, 'deleting the box left no text behind');
      }));
  });
}
