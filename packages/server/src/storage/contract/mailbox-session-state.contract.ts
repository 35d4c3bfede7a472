/**
 * Contract of the per-client state MailboxStore keeps for IMAP: the subscription list, a list of names
 * that folder changes leave alone (RFC 3501 §6.3.6–6.3.7), and the `\Recent` claim that gives each
 * message to exactly one session (RFC 3501 §2.3.2).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isStorageError } from '../../ports/storage-error.ts';
import { must, sampleMessage, seedMailbox, withStorage, type StorageHarness } from './storage-harness.ts';

export function describeMailboxSessionState(name: string, harness: StorageHarness): void {
  void describe(`MailboxStore session state contract (${name})`, () => {
    void it('keeps subscriptions as a list of names that folder changes leave alone', () =>
      withStorage(harness, async (storage) => {
        const mailbox = await seedMailbox(storage);
        const work = await storage.mailboxes.createFolder(mailbox.id, { name: 'Work', subscribed: false });
        await storage.mailboxes.createFolder(mailbox.id, { name: 'Work/2025', subscribed: false });
        await storage.mailboxes.setSubscription(mailbox.id, 'Work', true);
        await storage.mailboxes.setSubscription(mailbox.id, 'Work/2025', true);
        await storage.mailboxes.setSubscription(mailbox.id, 'Never/Created', true);
        await storage.mailboxes.setSubscription(mailbox.id, 'Work', true);
        await storage.mailboxes.renameFolder(work.id, 'Job');
        const moved = await storage.mailboxes.getFolder(mailbox.id, 'Job/2025');
        await storage.mailboxes.deleteFolder(must(moved).id);
        assert.deepEqual(await storage.mailboxes.listSubscriptions(mailbox.id), [
          'Never/Created',
          'Work',
          'Work/2025',
        ]);
        await storage.mailboxes.setSubscription(mailbox.id, 'Work/2025', false);
        await storage.mailboxes.setSubscription(mailbox.id, 'Not/There', false);
        assert.deepEqual(await storage.mailboxes.listSubscriptions(mailbox.id), ['Never/Created', 'Work']);
      }));

    void it('gives each message as \\Recent to exactly one claim, also across connections', () =>
      withStorage(harness, async (storage) => {
        const mailbox = await seedMailbox(storage);
        const folder = await storage.mailboxes.createFolder(mailbox.id, { name: 'INBOX' });
        assert.deepEqual(await storage.mailboxes.claimRecent(folder.id), { afterUid: 0, throughUid: 0 });
        for (let i = 0; i < 3; i++) await storage.mailboxes.append(folder.id, sampleMessage());
        assert.equal((await storage.mailboxes.folderStats(folder.id)).recent, 3);
        const second = await harness.openSecond(storage);
        try {
          const claims = await Promise.all(
            Array.from({ length: 6 }, (_, i) =>
              (i % 2 === 0 ? second : storage).mailboxes.claimRecent(folder.id),
            ),
          );
          // The claims are disjoint and together cover UIDs 1–3.
          const claimed = claims.flatMap((claim) =>
            Array.from({ length: claim.throughUid - claim.afterUid }, (_, i) => claim.afterUid + i + 1),
          );
          assert.deepEqual(
            claimed.sort((a, b) => a - b),
            [1, 2, 3],
          );
        } finally {
          await second.close();
        }
        const stats = await storage.mailboxes.folderStats(folder.id);
        assert.equal(stats.recent, 0);
        assert.equal(stats.recentUid, 3);
        await storage.mailboxes.append(folder.id, sampleMessage());
        assert.equal((await storage.mailboxes.folderStats(folder.id)).recent, 1);
        assert.deepEqual(await storage.mailboxes.claimRecent(folder.id), { afterUid: 3, throughUid: 4 });
        await assert.rejects(storage.mailboxes.claimRecent(999_999), (e) => isStorageError(e, 'not-found'));
      }));
  });
}
