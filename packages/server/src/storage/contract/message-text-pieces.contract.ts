/**
 * Contract of MessageTextIndex for texts stored by content (decision 0060): a body piece several
 * blobs share is found in each of them, a needle spanning two pieces is found (short ones through the
 * seams, long ones with a space on the whole body), a body read back is its pieces joined, and a
 * shared piece goes only with the last text linking it (`forgetOrphans` finds nothing left behind).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sampleMessage, seedMailbox, withStorage, type StorageHarness } from './storage-harness.ts';

const encoder = new TextEncoder();

/** A piece long enough to be stored on its own (stored-text-pieces.ts). */
const shared = Array.from({ length: 70 }, (_, i) => `corpo condiviso ${String(i)}`).join(' ');

export function describeMessageTextPieces(name: string, harness: StorageHarness): void {
  void describe(`MessageTextIndex pieces contract (${name})`, () => {
    void it('finds shared and spanning text in every blob and forgets a piece with its last text', () =>
      withStorage(harness, async (storage) => {
        const { mailboxes, messageTexts } = storage;
        const mailbox = await seedMailbox(storage);
        const inbox = await mailboxes.createFolder(mailbox.id, { name: 'INBOX' });
        const [a, b, c] = ['a', 'b', 'c'].map((text) => sampleMessage({}, encoder.encode(`${text} pieces`)));
        assert.ok(a !== undefined && b !== undefined && c !== undefined);
        for (const message of [a, b, c]) await mailboxes.append(inbox.id, message);
        const entry = (blobKey: string, header: string, pieces: string[]) => ({
          blobKey,
          header,
          body: pieces.join(' '),
          bodyPieces: pieces,
          addressesRegular: true,
        });
        await messageTexts.put([
          entry(a.blobKey, 'subject: busta', ['messaggio di posta certificata', shared, 'daticert alfa']),
          entry(b.blobKey, 'subject: ricevuta', ['ricevuta di avvenuta consegna', shared]),
          entry(c.blobKey, 'subject: originale', [shared]),
        ]);
        assert.equal(await messageTexts.folderPending(inbox.id), false);

        const uids = async (value: string, part: 'text' | 'body' = 'text') =>
          (await messageTexts.matchFolder(inbox.id, [{ value, part }])).map((found) => found.uid);
        assert.deepEqual(await uids('condiviso 42 corpo'), [1, 2, 3], 'the shared piece, in each blob');
        assert.deepEqual(await uids('condiviso 42 corpo', 'body'), [1, 2, 3]);
        assert.deepEqual(await uids('certificata corpo condiviso 0'), [1], 'spanning two pieces');
        assert.deepEqual(await uids('consegna corpo', 'body'), [2]);
        assert.deepEqual(await uids('condiviso 69 daticert'), [1], 'spanning into the last piece');
        assert.deepEqual(await uids('busta messaggio'), [], 'not from the header into the body');
        const long = `posta certificata ${shared.slice(0, 150)}`;
        assert.deepEqual(await uids(long), [1], 'a long needle with spaces, on the whole body');
        assert.deepEqual(await uids(`consegna ${shared}`, 'body'), [2]);
        assert.deepEqual(await uids(`certificata ${shared} daticert alfa`), [1], 'across three pieces');
        assert.deepEqual(await uids(`consegna ${shared} daticert`), []);
        assert.deepEqual(await uids('ricevuta di avvenuta consegna corpo condiviso 0 corpo'), [2]);

        const found = await messageTexts.find(inbox.id, ['certificata corpo']);
        assert.deepEqual([...found.keys()], [1]);
        assert.deepEqual(found.get(1), {
          header: 'subject: busta',
          body: `messaggio di posta certificata ${shared} daticert alfa`,
          lossy: false,
        });
        assert.deepEqual([...(await messageTexts.find(inbox.id, [long])).keys()], [1]);
        const all = await messageTexts.find(inbox.id, ['condiviso']);
        assert.equal(all.get(3)?.body, shared);

        // The shared piece stays while any text links it, and nothing is left once the last goes.
        await mailboxes.setFlags(inbox.id, [{ from: 1, to: 2 }], { mode: 'add', flags: ['\\Deleted'] });
        assert.deepEqual(await mailboxes.expunge(inbox.id, { uids: [{ from: 1, to: 2 }] }), [1, 2]);
        assert.deepEqual(await uids('condiviso 42 corpo'), [3]);
        assert.deepEqual(await uids('certificata corpo'), []);
        assert.equal(await messageTexts.forgetOrphans(), 0, 'the expunge left no text or piece behind');
        await mailboxes.setFlags(inbox.id, [{ from: 3, to: 3 }], { mode: 'add', flags: ['\\Deleted'] });
        assert.deepEqual(await mailboxes.expunge(inbox.id, { uids: [{ from: 3, to: 3 }] }), [3]);
        assert.equal(await messageTexts.forgetOrphans(), 0, 'the last text took the shared piece');

        // Filed and indexed again, the piece is stored afresh and found.
        await mailboxes.append(inbox.id, c);
        await messageTexts.put([entry(c.blobKey, 'subject: originale', [shared])]);
        assert.deepEqual(await uids('condiviso 42 corpo'), [4]);
      }));
  });
}
