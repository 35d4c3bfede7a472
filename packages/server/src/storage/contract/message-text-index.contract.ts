/**
 * Contract of MessageTextIndex for every adapter (decision 0043): texts stored once per blob and only
 * while a message refers to it, substring lookup of every needle in header or body (non-ASCII and
 * LIKE/FTS metacharacters literal), texts the databases cannot keep marked lossy, and a blob's text
 * gone as soon as the last message referring to it is expunged or its folder deleted. Filing queues
 * a blob for the indexer (decision 0049): batches are claimed under a lease, markers of deleted or
 * already indexed blobs are dropped, and address needles narrow only texts with regular addresses.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { must, sampleMessage, seedMailbox, withStorage, type StorageHarness } from './storage-harness.ts';

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
          {
            blobKey: first.blobKey,
            header: 'subject: fattura n° 1',
            body: 'perché è così, 100% pagato',
            addressesRegular: true,
          },
          {
            blobKey: second.blobKey,
            header: 'subject: sollecito',
            body: 'la fattura_2 è scaduta',
            addressesRegular: true,
          },
          { blobKey: third.blobKey, header: 'subject: nul', body: 'prima\0dopo', addressesRegular: true },
          { blobKey: 'f'.repeat(64), header: 'no message refers to me', body: '', addressesRegular: true },
        ]);
        // Idempotent: a second put of an indexed blob changes nothing.
        await messageTexts.put([
          { blobKey: first.blobKey, header: 'other', body: 'other', addressesRegular: true },
        ]);
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
        await messageTexts.put([{ blobKey: first.blobKey, header: 'h', body: 'b', addressesRegular: true }]);
        assert.equal((await messageTexts.find(inbox.id, [])).size, 2);
        assert.equal(await storage.accounts.deleteMailbox(mailbox.id), true);
        assert.equal(await messageTexts.forgetOrphans(), 0, 'deleting the box left no text behind');
      }));

    void it('queues filed blobs for the indexer and hands each batch out under a lease', async () => {
      let now = Date.parse('2026-12-07T10:00:00Z');
      const clock = { now: () => new Date(now) };
      await withStorage(
        harness,
        async (storage) => {
          const { mailboxes, messageTexts } = storage;
          const mailbox = await seedMailbox(storage);
          const inbox = await mailboxes.createFolder(mailbox.id, { name: 'INBOX' });
          const messages = ['one', 'two', 'three', 'four'].map((text) =>
            sampleMessage({}, encoder.encode(`${text} message bytes`)),
          );
          for (const message of messages) await mailboxes.append(inbox.id, message);
          // The same blob filed twice is queued once.
          await mailboxes.append(inbox.id, messages[0] ?? sampleMessage());

          const first = await messageTexts.claimPending(2, 60_000);
          assert.equal(first.length, 2);
          const claimed = must(first[0], 'a claimed blob');
          assert.equal(claimed.structure.type, 'multipart');
          assert.deepEqual(claimed.envelope.from, [{ name: 'Mario Rossi', address: 'mario@pec.example.it' }]);
          const second = await messageTexts.claimPending(10, 60_000);
          assert.deepEqual(
            [...first, ...second].map((blob) => blob.blobKey).sort(),
            messages.map((m) => m.blobKey).sort(),
            'every filed blob once, a claimed batch not handed out again',
          );
          assert.deepEqual(await messageTexts.claimPending(10, 60_000), [], 'all leased');

          // Indexed by a search meanwhile, deleted, or indexed by the claimer: markers go.
          const [a, b, c, d] = messages.map((m) => m.blobKey);
          await messageTexts.put([{ blobKey: a ?? '', header: 'h', body: 'b', addressesRegular: true }]);
          await mailboxes.setFlags(inbox.id, [{ from: 2, to: 2 }], { mode: 'add', flags: ['\\Deleted'] });
          assert.deepEqual(await mailboxes.expunge(inbox.id, { uids: [{ from: 2, to: 2 }] }), [2]);
          await messageTexts.dropPending([d ?? '']);
          now += 60_001;
          const retaken = await messageTexts.claimPending(10, 60_000);
          assert.deepEqual(
            retaken.map((blob) => blob.blobKey),
            [c],
            'a lease that ran out is taken again',
          );
          now += 60_001;
          assert.deepEqual(
            (await messageTexts.claimPending(10, 60_000)).map((blob) => blob.blobKey),
            [c],
            'claimed again once more',
          );
          assert.ok(b !== undefined);

          // A blob already indexed is not queued again when filed.
          await mailboxes.append(inbox.id, messages[0] ?? sampleMessage());
          now += 60_001;
          assert.deepEqual(
            (await messageTexts.claimPending(10, 60_000)).map((blob) => blob.blobKey),
            [c],
          );
        },
        { clock },
      );
    });

    void it('matches content needles in one statement, in UID order, and reports folders with queued blobs', () =>
      withStorage(harness, async (storage) => {
        const { mailboxes, messageTexts } = storage;
        const mailbox = await seedMailbox(storage);
        const inbox = await mailboxes.createFolder(mailbox.id, { name: 'INBOX' });
        const archive = await mailboxes.createFolder(mailbox.id, { name: 'Archivio' });
        const [a, b, c, d] = ['a', 'b', 'c', 'd'].map((text) =>
          sampleMessage({}, encoder.encode(`${text} content bytes`)),
        );
        assert.ok(a !== undefined && b !== undefined && c !== undefined && d !== undefined);
        for (const message of [a, b, c]) await mailboxes.append(inbox.id, message);
        assert.equal(await messageTexts.folderPending(inbox.id), true, 'filed, not indexed yet');
        assert.equal(await messageTexts.folderPending(archive.id), false, 'an empty folder lacks nothing');

        // Stored in reverse order: the index's own order is not the UIDs'.
        await messageTexts.put([
          { blobKey: c.blobKey, header: 'subject: nul', body: 'prima\0dopo fattura', addressesRegular: true },
          {
            blobKey: b.blobKey,
            header: 'subject: sollecito',
            body: 'la fattura_2 è "scaduta" al 100%',
            addressesRegular: true,
          },
        ]);
        assert.equal(await messageTexts.folderPending(inbox.id), true, 'one blob still queued');
        const claimed = await messageTexts.claimPending(10, 60_000);
        assert.deepEqual(
          claimed.map((blob) => blob.blobKey),
          [a.blobKey],
        );
        await messageTexts.dropPending([a.blobKey]);
        assert.equal(await messageTexts.folderPending(inbox.id), true, 'a dropped blob still lacks its text');
        await messageTexts.put([
          {
            blobKey: a.blobKey,
            header: 'subject: fattura',
            body: 'pagamento effettuato',
            addressesRegular: true,
          },
        ]);
        assert.equal(await messageTexts.folderPending(inbox.id), false, 'every message has its text');

        const match = async (folderId: number, needles: [string, 'text' | 'body'][]) =>
          messageTexts.matchFolder(
            folderId,
            needles.map(([value, part]) => ({ value, part })),
          );
        const uids = async (folderId: number, needles: [string, 'text' | 'body'][]) =>
          (await match(folderId, needles)).map((found) => found.uid);
        const text = await match(inbox.id, [['fattura', 'text']]);
        assert.deepEqual(
          text.map((found) => [found.uid, found.lossy]),
          [
            [1, false],
            [2, false],
            [3, true],
          ],
          'ascending UIDs, the lossy text marked',
        );
        assert.ok(text.every((found) => found.modseq > 0));
        assert.deepEqual(await uids(inbox.id, [['fattura', 'body']]), [2, 3], 'BODY: not the header');
        assert.deepEqual(await uids(inbox.id, [['sollecito', 'body']]), []);
        assert.deepEqual(await uids(inbox.id, [['sollecito', 'text']]), [2]);
        assert.deepEqual(
          await uids(inbox.id, [
            ['fattura', 'text'],
            ['scaduta', 'body'],
          ]),
          [2],
        );
        assert.deepEqual(
          await uids(inbox.id, [
            ['fattura', 'body'],
            ['pagamento', 'text'],
          ]),
          [],
        );
        assert.deepEqual(await uids(inbox.id, [['a_2', 'text']]), [2], 'LIKE wildcards are literal');
        assert.deepEqual(await uids(inbox.id, [['a%2', 'text']]), []);
        assert.deepEqual(await uids(inbox.id, [['"scaduta"', 'body']]), [2], 'quotes are literal');
        assert.deepEqual(await uids(inbox.id, [['100%', 'text']]), [2]);
        assert.deepEqual(await uids(inbox.id, [['FATTURA', 'text']]), [], 'texts and needles come folded');
        assert.deepEqual(await uids(inbox.id, [['subject: fattura', 'text']]), [1]);
        assert.deepEqual(await uids(inbox.id, [['ject: fattura pag', 'text']]), [], 'not across columns');

        await mailboxes.copy(inbox.id, [{ from: 2, to: 2 }], archive.id);
        assert.deepEqual(await uids(archive.id, [['fattura', 'text']]), [1], 'the copy, by its own UID');
        assert.equal(await messageTexts.folderPending(archive.id), false);
        await mailboxes.append(archive.id, d);
        assert.equal(await messageTexts.folderPending(archive.id), true);
        assert.equal(await messageTexts.folderPending(inbox.id), false, "another folder's queued blob");

        // A dropped marker whose messages are all gone is swept with the orphans.
        await mailboxes.setFlags(archive.id, [{ from: 2, to: 2 }], { mode: 'add', flags: ['\\Deleted'] });
        await messageTexts.dropPending([d.blobKey]);
        assert.deepEqual(await mailboxes.expunge(archive.id, { uids: [{ from: 2, to: 2 }] }), [2]);
        assert.equal(await messageTexts.forgetOrphans(), 0);
        await mailboxes.append(archive.id, d);
        assert.deepEqual(
          (await messageTexts.claimPending(10, 60_000)).map((blob) => blob.blobKey),
          [d.blobKey],
          'filed again after the sweep: queued afresh, not left parked',
        );
      }));

    void it('narrows by address needles only the texts whose addresses are regular', () =>
      withStorage(harness, async (storage) => {
        const { mailboxes, messageTexts } = storage;
        const mailbox = await seedMailbox(storage);
        const inbox = await mailboxes.createFolder(mailbox.id, { name: 'INBOX' });
        const regular = sampleMessage({}, encoder.encode('regular'));
        const irregular = sampleMessage({}, encoder.encode('irregular'));
        const other = sampleMessage({}, encoder.encode('other'));
        for (const message of [regular, irregular, other]) await mailboxes.append(inbox.id, message);
        await messageTexts.put([
          {
            blobKey: regular.blobKey,
            header: 'from: anna <anna@pec.it>',
            body: 'fattura',
            addressesRegular: true,
          },
          {
            blobKey: irregular.blobKey,
            header: 'from: "an\\na" <x>',
            body: 'fattura',
            addressesRegular: false,
          },
          {
            blobKey: other.blobKey,
            header: 'from: bruno <bruno@pec.it>',
            body: 'sollecito',
            addressesRegular: true,
          },
        ]);
        const uids = async (needles: string[], addressNeedles: string[]): Promise<number[]> =>
          [...(await messageTexts.find(inbox.id, needles, addressNeedles)).keys()].sort((x, y) => x - y);
        assert.deepEqual(await uids([], ['anna']), [1, 2]);
        assert.deepEqual(await uids([], ['bruno']), [2, 3]);
        assert.deepEqual(await uids([], ['anna', 'pec']), [1, 2]);
        assert.deepEqual(await uids(['fattura'], ['anna']), [1, 2]);
        assert.deepEqual(await uids(['sollecito'], ['anna']), []);
        assert.deepEqual(await uids(['fattura'], ['bruno']), [2]);
        assert.deepEqual(await uids(['fattura'], []), [1, 2]);
      }));
  });
}
