/**
 * Contract of the save date (RFC 8514 SAVEDATE) for every adapter: the time a message was stored
 * in its folder, stamped by the store's clock on append and anew on copy and move (§4), while the
 * internal date and the source message's save date stay as they were.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { must, sampleMessage, seedMailbox, withStorage, type StorageHarness } from './storage-harness.ts';

export function describeSaveDates(name: string, harness: StorageHarness): void {
  void describe(`MailboxStore save dates (${name})`, () => {
    void it('stamps a save date on append, and a new one on copy and move', () => {
      let now = new Date('2026-03-01T10:00:00.000Z');
      const clock = { now: () => now };
      return withStorage(
        harness,
        async (storage) => {
          const mailbox = await seedMailbox(storage);
          const inbox = await storage.mailboxes.createFolder(mailbox.id, { name: 'INBOX' });
          const archive = await storage.mailboxes.createFolder(mailbox.id, { name: 'Archive' });
          const appended = await storage.mailboxes.append(
            inbox.id,
            sampleMessage({ internalDate: new Date('2020-01-01T00:00:00.000Z') }),
          );
          assert.equal(appended.message.saveDate.toISOString(), '2026-03-01T10:00:00.000Z');
          await storage.mailboxes.append(inbox.id, sampleMessage());
          now = new Date('2026-03-02T11:00:00.000Z');
          const copied = await storage.mailboxes.copy(inbox.id, [{ from: 1, to: 1 }], archive.id);
          now = new Date('2026-03-03T12:00:00.000Z');
          const moved = await storage.mailboxes.move(inbox.id, [{ from: 2, to: 2 }], archive.id);
          const [copy, move] = await storage.mailboxes.listMessages(archive.id);
          assert.equal(copy?.uid, must(copied.mapping[0]).targetUid);
          assert.equal(copy.saveDate.toISOString(), '2026-03-02T11:00:00.000Z');
          assert.equal(copy.internalDate.toISOString(), '2020-01-01T00:00:00.000Z', 'internal date kept');
          assert.equal(move?.uid, must(moved.mapping[0]).targetUid);
          assert.equal(move.saveDate.toISOString(), '2026-03-03T12:00:00.000Z');
          const original = await storage.mailboxes.getMessage(inbox.id, 1);
          assert.equal(
            original?.saveDate.toISOString(),
            '2026-03-01T10:00:00.000Z',
            'the source keeps its own',
          );
        },
        { clock },
      );
    });
  });
}
