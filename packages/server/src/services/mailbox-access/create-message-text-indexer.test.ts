/**
 * The message-text indexer over SQLite storage (decision 0049): what is filed is queued and indexed
 * in batches; a blob that cannot be read is reported and loses its marker instead of blocking the
 * queue, and a search still answers for it from the bytes path; the periodic task drains on its own.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { BlobStore } from '../../ports/blob-store.ts';
import type { Storage } from '../../ports/storage.ts';
import { openFsBlobStore } from '../../storage/blobs-fs/open-fs-blob-store.ts';
import { openSqliteStorage } from '../../storage/sqlite/open-sqlite-storage.ts';
import { createAccountService } from '../accounts/create-account-service.ts';
import { storeMessage } from '../mailboxes/store-message.ts';
import { createMessageTextIndexer, indexPendingTexts } from './create-message-text-indexer.ts';

const message = (n: number) =>
  new TextEncoder().encode(
    `From: Anna <anna@pec.test>\r\nSubject: Pratica ${String(n)}\r\n\r\ntesto ${String(n)}\r\n`,
  );

describe('message-text indexer', () => {
  let dir: string;
  let storage: Storage;
  let blobs: BlobStore;
  let mailboxId: number;

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'pec-text-indexer-'));
    storage = await openSqliteStorage({ file: join(dir, 'pec.sqlite') });
    blobs = await openFsBlobStore({ dir: join(dir, 'blobs') });
    const accounts = createAccountService({ storage });
    await accounts.addDomain('pec.test');
    mailboxId = (await accounts.createMailbox({ address: 'anna@pec.test', password: 'a long password here' }))
      .id;
  });

  after(async () => {
    await storage.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('indexes in batches, and reports and drops a blob it cannot read', async () => {
    const filed = [];
    for (let n = 1; n <= 5; n++) {
      filed.push(
        await storeMessage(storage, blobs, {
          mailboxId,
          folderName: 'INBOX',
          bytes: message(n),
          internalDate: new Date(),
        }),
      );
    }
    const folderId = filed[0]?.message.folderId ?? -1;
    const broken = filed[2]?.message.blobKey;
    const errors: (string | undefined)[] = [];
    const deps = {
      texts: storage.messageTexts,
      blobs: {
        get: (key: string) => (key === broken ? Promise.reject(new Error('unreadable')) : blobs.get(key)),
      },
      onError: (_error: unknown, blobKey?: string) => errors.push(blobKey),
    };
    const settings = { batch: 2, concurrency: 2, leaseMs: 60_000 };
    assert.equal(await indexPendingTexts(deps, settings), 2);
    assert.equal(await indexPendingTexts(deps, settings), 2);
    assert.equal(await indexPendingTexts(deps, settings), 1);
    assert.equal(await indexPendingTexts(deps, settings), 0, 'the unreadable blob is not queued again');
    assert.deepEqual(errors, [broken]);
    const indexed = await storage.messageTexts.find(folderId, ['pratica']);
    assert.deepEqual([...indexed.keys()].sort(), [1, 2, 4, 5]);
    const unindexed = await storage.messageTexts.listUnindexed(folderId, 10);
    assert.deepEqual(
      unindexed.map((blob) => blob.blobKey),
      [broken],
      'left to a search, which reads its bytes',
    );
  });

  it('drains the queue on its own once started', { timeout: 120_000 }, async () => {
    const stored = await storeMessage(storage, blobs, {
      mailboxId,
      folderName: 'INBOX',
      bytes: message(6),
      internalDate: new Date(),
    });
    const indexer = createMessageTextIndexer(
      { texts: storage.messageTexts, blobs, onError: assert.ifError },
      { intervalMs: 10, batch: 10, concurrency: 2, leaseMs: 60_000 },
    );
    indexer.start();
    try {
      for (;;) {
        const found = await storage.messageTexts.find(stored.message.folderId, ['pratica 6']);
        if (found.has(stored.message.uid)) break;
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    } finally {
      await indexer.stop();
    }
    assert.deepEqual(await storage.messageTexts.claimPending(10, 60_000), []);
  });
});
