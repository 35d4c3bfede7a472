/**
 * The search-text queue under concurrent transactions on PostgreSQL (READ COMMITTED, decision
 * 0049): a message filed while its blob's last other copy is deleted, or while the indexer claims
 * or stores that blob, must end with its text or a marker that leads to it, never with neither
 * (which only the daily sweep would repair). Each case holds one transaction open at the point
 * where the other used to slip past it. Runs when PEC_TEST_POSTGRES_URL is set.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { createTestDatabase } from '../../coordination/testing-postgres-database.ts';
import type { Storage } from '../../ports/storage.ts';
import { sampleMessage, seedMailbox } from '../contract/storage-harness.ts';
import { openPostgresStorage } from './open-postgres-storage.ts';

const database = await createTestDatabase(process.env['PEC_TEST_POSTGRES_URL']);

/** A promise and the function that resolves it. */
function gate(): { readonly opened: Promise<void>; open: () => void } {
  let open: () => void = () => undefined;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { opened, open };
}

if (database === undefined) {
  void describe('PostgreSQL search-text queue under concurrent transactions', () => {
    it('runs when PEC_TEST_POSTGRES_URL is set', { skip: 'PEC_TEST_POSTGRES_URL is not set' });
  });
} else {
  void describe('PostgreSQL search-text queue under concurrent transactions', { timeout: 120_000 }, () => {
    let storage: Storage;
    let raw: pg.Client;
    let count = 0;

    before(async () => {
      storage = await openPostgresStorage({ url: database.url });
      raw = new pg.Client({ connectionString: database.url });
      await raw.connect();
    });
    after(async () => {
      await raw.end();
      await storage.close();
      await database.drop();
    });

    /** A mailbox with two folders and a blob (bytes unique to the case) filed once into the first. */
    async function fixture() {
      count += 1;
      const mailbox = await seedMailbox(storage);
      const first = await storage.mailboxes.createFolder(mailbox.id, { name: 'INBOX' });
      const second = await storage.mailboxes.createFolder(mailbox.id, { name: 'Archivio' });
      const message = sampleMessage({}, new TextEncoder().encode(`identical bytes ${String(count)}`));
      await storage.mailboxes.append(first.id, message);
      return { first, second, message, blobKey: message.blobKey };
    }

    async function state(blobKey: string): Promise<{ text: boolean; marker: boolean }> {
      const text = await raw.query('select 1 from message_texts where blob_key = $1', [blobKey]);
      const marker = await raw.query('select 1 from message_text_pending where blob_key = $1', [blobKey]);
      return { text: text.rowCount === 1, marker: marker.rowCount === 1 };
    }

    /** One indexer round: claim what is due and store a text for each claimed blob. */
    async function indexRound(): Promise<string[]> {
      const claimed = await storage.messageTexts.claimPending(100, 60_000);
      await storage.messageTexts.put(
        claimed.map((blob) => ({ blobKey: blob.blobKey, header: 'h', body: 'b', addressesRegular: true })),
      );
      return claimed.map((blob) => blob.blobKey);
    }

    /** Expunges the blob's copy in `folderId` (UID 1) in its own transaction. */
    async function expungeFirst(folderId: number): Promise<void> {
      await storage.mailboxes.setFlags(folderId, [{ from: 1, to: 1 }], { mode: 'add', flags: ['\\Deleted'] });
      assert.deepEqual(await storage.mailboxes.expunge(folderId), [1]);
    }

    /**
     * Waits until `work` has settled or a backend of this database waits for a lock (the fixed
     * code makes the second transaction wait for the first; the old one let it through).
     */
    async function settledOrWaiting(work: Promise<unknown>): Promise<void> {
      const progress = { settled: false };
      const settle = () => {
        progress.settled = true;
      };
      work.then(settle, settle);
      for (let i = 0; i < 1000 && !progress.settled; i++) {
        const waiting = await raw.query(
          `select 1 from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock' limit 1`,
        );
        if (waiting.rowCount === 1) return;
        await sleep(10);
      }
    }

    /**
     * Files `message` into `folderId` in a transaction held open after the append; `commit` lets it
     * end and waits for it.
     */
    async function fileHeldOpen(
      folderId: number,
      message: ReturnType<typeof sampleMessage>,
    ): Promise<{ commit: () => Promise<void> }> {
      const filed = gate();
      const proceed = gate();
      const filing = storage.transaction(async (tx) => {
        await tx.mailboxes.append(folderId, message);
        filed.open();
        await proceed.opened;
      });
      await filed.opened;
      return {
        commit: async () => {
          proceed.open();
          await filing;
        },
      };
    }

    /** The end state every case must reach: the copy filed last is searchable by the index. */
    async function assertIndexedAfterOneRound(blobKey: string): Promise<void> {
      const now = await state(blobKey);
      assert.ok(now.text || now.marker, 'a filed message has its text or a queue marker');
      if (!now.text) assert.deepEqual(await indexRound(), [blobKey], 'the next indexer round takes it');
      assert.deepEqual(await state(blobKey), { text: true, marker: false });
    }

    it('keeps the text of a blob filed again while its last other copy is deleted (filing first)', async () => {
      const { first, second, message, blobKey } = await fixture();
      assert.deepEqual(await indexRound(), [blobKey]);
      const filing = await fileHeldOpen(second.id, message);
      const deleter = new pg.Client({ connectionString: database.url });
      await deleter.connect();
      try {
        await deleter.query('begin');
        const deleting = deleter.query('delete from messages where folder_id = $1', [first.id]);
        await settledOrWaiting(deleting);
        await filing.commit();
        await deleting;
        await deleter.query('commit');
      } finally {
        await deleter.end();
      }
      await assertIndexedAfterOneRound(blobKey);
    });

    it('queues a blob filed again while its last other copy is being deleted (delete first)', async () => {
      const { first, second, message, blobKey } = await fixture();
      assert.deepEqual(await indexRound(), [blobKey]);
      const deleter = new pg.Client({ connectionString: database.url });
      await deleter.connect();
      try {
        await deleter.query('begin');
        await deleter.query('delete from messages where folder_id = $1', [first.id]);
        const filing = storage.mailboxes.append(second.id, message);
        await settledOrWaiting(filing);
        await deleter.query('commit');
        await filing;
      } finally {
        await deleter.end();
      }
      await assertIndexedAfterOneRound(blobKey);
    });

    it('does not let a claim drop the marker of a copy being filed', async () => {
      const { first, second, message, blobKey } = await fixture();
      // The first copy goes before the indexer sees it: its marker is left without a message.
      await expungeFirst(first.id);
      const filing = await fileHeldOpen(second.id, message);
      const claiming = storage.messageTexts.claimPending(100, 60_000);
      await settledOrWaiting(claiming);
      await filing.commit();
      await claiming;
      await assertIndexedAfterOneRound(blobKey);
    });

    it('does not let a store that finds no message take the marker of a copy being filed', async () => {
      const { first, second, message, blobKey } = await fixture();
      const claimed = await storage.messageTexts.claimPending(100, 60_000);
      assert.deepEqual(
        claimed.map((blob) => blob.blobKey),
        [blobKey],
      );
      // Deleted while the indexer reads the blob; then the same bytes are filed again.
      await expungeFirst(first.id);
      const filing = await fileHeldOpen(second.id, message);
      const storing = storage.messageTexts.put([{ blobKey, header: 'h', body: 'b', addressesRegular: true }]);
      await settledOrWaiting(storing);
      await filing.commit();
      await storing;
      await assertIndexedAfterOneRound(blobKey);
    });
  });
}
