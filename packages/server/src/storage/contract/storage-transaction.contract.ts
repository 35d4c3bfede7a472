/**
 * Contract of Storage.transaction for every adapter: an acceptance-shaped unit of work (mailbox
 * rows, stored message, outbox jobs, tracking, legal log entries) commits as a whole or leaves
 * nothing behind, nested transactions are savepoints, and concurrent transactions stay consistent.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { StorageTransaction } from '../../ports/storage.ts';
import { genesisHash } from '../sql/hash-legal-log-entry.ts';
import { must, sampleMessage, withStorage, type StorageHarness } from './storage-harness.ts';

const at = new Date('2026-06-01T09:30:00.000Z');

/** What accepting one submission writes (pec-spec §2.2): envelope copy, jobs, tracking, log. */
async function acceptSubmission(tx: StorageTransaction, folderId: number, identifier: string): Promise<void> {
  await tx.mailboxes.append(folderId, sampleMessage({ flags: ['\\Seen'] }));
  await tx.queue.enqueue({ kind: 'deliver', payload: { identifier } });
  await tx.queue.enqueue({
    kind: 'timeout-12h',
    payload: { identifier },
    runAt: new Date(at.getTime() + 43_200_000),
  });
  await tx.tracking.track({
    identifier,
    sender: 'mario@pec.example.it',
    subject: 'Prova',
    originalMsgid: null,
    acceptedAt: at,
    recipients: [{ address: 'ufficio@pec.example.org', kind: 'certificato' }],
  });
  await tx.legalLog.append({
    at,
    eventType: 'pec.acceptance.issued',
    msgid: identifier,
    sender: 'mario@pec.example.it',
    recipients: ['ufficio@pec.example.org'],
    subject: 'Prova',
    relatedMsgids: [],
    sendingProvider: null,
  });
}

export function describeStorageTransactions(name: string, harness: StorageHarness): void {
  void describe(`Storage.transaction contract (${name})`, () => {
    void it('commits every store together and returns the result', () =>
      withStorage(harness, async (storage) => {
        const result = await storage.transaction(async (tx) => {
          await tx.accounts.addDomain({ name: 'pec.example.it' });
          const mailbox = await tx.accounts.createMailbox({
            address: 'm@pec.example.it',
            holderName: 'M',
            quotaBytes: 1e6,
          });
          const folder = await tx.mailboxes.createFolder(mailbox.id, { name: 'Sent' });
          await acceptSubmission(tx, folder.id, 'opec-commit@pec.example.it');
          return folder.id;
        });
        assert.equal((await storage.mailboxes.listMessages(result)).length, 1);
        assert.equal((await storage.queue.list()).length, 2);
        assert.ok((await storage.tracking.get('opec-commit@pec.example.it')) !== undefined);
        assert.deepEqual(await storage.legalLog.verifyChain(), { ok: true, checked: 1 });
      }));

    void it('rolls back everything, outbox jobs and log entries included, when the work throws', () =>
      withStorage(harness, async (storage) => {
        await storage.accounts.addDomain({ name: 'pec.example.it' });
        const mailbox = await storage.accounts.createMailbox({
          address: 'k@pec.example.it',
          holderName: 'K',
          quotaBytes: 1e6,
        });
        const folder = await storage.mailboxes.createFolder(mailbox.id, { name: 'Sent' });
        const failure = new Error('signing failed');
        await assert.rejects(
          storage.transaction(async (tx) => {
            await tx.accounts.createMailbox({
              address: 'ghost@pec.example.it',
              holderName: 'G',
              quotaBytes: 1,
            });
            await tx.mailboxes.createFolder(mailbox.id, { name: 'Ghost' });
            await acceptSubmission(tx, folder.id, 'opec-rollback@pec.example.it');
            assert.equal((await tx.queue.list()).length, 2, 'visible inside the transaction');
            throw failure;
          }),
          (error) => error === failure,
        );
        assert.equal(await storage.accounts.findMailboxByAddress('ghost@pec.example.it'), undefined);
        assert.equal(await storage.mailboxes.getFolder(mailbox.id, 'Ghost'), undefined);
        assert.deepEqual(await storage.mailboxes.listMessages(folder.id), []);
        const after = must(await storage.mailboxes.getFolderById(folder.id));
        assert.deepEqual([after.uidNext, after.highestModseq], [folder.uidNext, folder.highestModseq]);
        assert.deepEqual(await storage.mailboxes.quotaUsage(mailbox.id), {
          mailboxId: mailbox.id,
          usedBytes: 0,
          quotaBytes: 1e6,
          messages: 0,
        });
        assert.deepEqual(await storage.queue.list(), []);
        assert.equal(await storage.tracking.get('opec-rollback@pec.example.it'), undefined);
        assert.deepEqual(await storage.legalLog.head(), { seq: 0, hash: genesisHash });
        assert.deepEqual(await storage.legalLog.search({ msgid: 'opec-rollback@pec.example.it' }), []);
        const next = await storage.legalLog.append({
          at,
          eventType: 'pec.acceptance.issued',
          msgid: 'x',
          sender: 's',
          recipients: [],
          subject: null,
          relatedMsgids: [],
          sendingProvider: null,
        });
        assert.equal(next.seq, 1, 'the chain did not advance');
        assert.equal(
          (await storage.mailboxes.append(folder.id, sampleMessage())).message.uid,
          1,
          'no UID was used up',
        );
      }));

    void it('treats nested transactions as savepoints', () =>
      withStorage(harness, async (storage) => {
        await storage.transaction(async (tx) => {
          await tx.queue.enqueue({ kind: 'outer', payload: 1 });
          await assert.rejects(
            tx.transaction(async (inner) => {
              await inner.queue.enqueue({ kind: 'inner', payload: 2 });
              throw new Error('inner fails');
            }),
            /inner fails/,
          );
          await tx.transaction(async (inner) => {
            await inner.queue.enqueue({ kind: 'kept', payload: 3 });
            await inner.transaction(async (deeper) => deeper.queue.enqueue({ kind: 'deeper', payload: 4 }));
          });
        });
        assert.deepEqual((await storage.queue.list()).map((job) => job.kind).sort(), [
          'deeper',
          'kept',
          'outer',
        ]);
      }));

    void it('lets a running transaction finish when close is called, and closes once', () =>
      withStorage(harness, async (storage) => {
        let release: () => void = () => undefined;
        const gate = new Promise<void>((resolve) => (release = resolve));
        const work = storage.transaction(async (tx) => {
          await gate;
          return (await tx.queue.enqueue({ kind: 'late', payload: null })).id;
        });
        await new Promise((resolve) => setTimeout(resolve, 20));
        const closed = storage.close();
        release();
        assert.equal(typeof (await work), 'number');
        await closed;
        await storage.close();
      }));

    void it('keeps concurrent transactions consistent with each other', () =>
      withStorage(harness, async (storage) => {
        await storage.accounts.addDomain({ name: 'pec.example.it' });
        const mailbox = await storage.accounts.createMailbox({
          address: 'c@pec.example.it',
          holderName: 'C',
          quotaBytes: 1e6,
        });
        const folder = await storage.mailboxes.createFolder(mailbox.id, { name: 'Sent' });
        const second = await harness.openSecond(storage);
        try {
          const outcomes = await Promise.allSettled(
            Array.from({ length: 16 }, (_, i) =>
              (i % 2 === 0 ? storage : second).transaction(async (tx) => {
                await acceptSubmission(tx, folder.id, `opec-c${i}@pec.example.it`);
                if (i % 4 === 3) throw new Error(`abort ${i}`);
              }),
            ),
          );
          assert.equal(outcomes.filter((o) => o.status === 'rejected').length, 4);
          assert.equal((await storage.mailboxes.listMessages(folder.id)).length, 12);
          assert.equal((await storage.queue.list()).length, 24);
          assert.deepEqual(await storage.legalLog.verifyChain(), { ok: true, checked: 12 });
          assert.equal((await storage.mailboxes.quotaUsage(mailbox.id)).messages, 12);
        } finally {
          await second.close();
        }
      }));
  });
}
