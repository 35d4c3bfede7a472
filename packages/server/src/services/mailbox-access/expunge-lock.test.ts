import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createInProcessLocks } from '../../coordination/in-process-locks.ts';
import type { BlobStore } from '../../ports/blob-store.ts';
import { inboxName } from '../../ports/mailbox-store.ts';
import type { Storage } from '../../ports/storage.ts';
import { openFsBlobStore } from '../../storage/blobs-fs/open-fs-blob-store.ts';
import { openSqliteStorage } from '../../storage/sqlite/open-sqlite-storage.ts';
import { createAccountService } from '../accounts/create-account-service.ts';
import { createMaildropService } from '../maildrop/create-maildrop-service.ts';
import { storeMessage } from '../mailboxes/store-message.ts';
import { createChangeFeed } from '../notifications/change-feed.ts';
import { createMailboxAccess } from './create-mailbox-access.ts';
import { isMailboxAccessError } from './mailbox-access-error.ts';

describe('EXPUNGE under the mailbox lock', () => {
  let dir: string;
  let storage: Storage;
  let blobs: BlobStore;
  let mailboxId: number;
  let inboxId: number;

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'pec-expunge-lock-'));
    storage = await openSqliteStorage({ file: join(dir, 'pec.sqlite') });
    blobs = await openFsBlobStore({ dir: join(dir, 'blobs') });
    const accounts = createAccountService({ storage });
    await accounts.addDomain('pec.test');
    mailboxId = (await accounts.createMailbox({ address: 'x@pec.test', password: 'long enough pw' })).id;
    inboxId = (await storage.mailboxes.getFolder(mailboxId, inboxName))?.id ?? 0;
    await storeMessage(storage, blobs, {
      mailboxId,
      folderName: inboxName,
      internalDate: new Date(),
      bytes: new TextEncoder().encode('From: a@pec.test\r\nSubject: s\r\n\r\nbody\r\n'),
    });
  });
  after(async () => {
    await storage.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('waits for a POP3 session holding the mailbox, then answers in-use and removes nothing', async () => {
    const locks = createInProcessLocks();
    const pop3 = createMaildropService({ storage, blobs, locks });
    const access = createMailboxAccess({
      storage,
      blobs,
      changes: createChangeFeed(),
      clock: { now: () => new Date() },
      locks,
      expungeLockWaitMs: 120,
    });
    await access.messages.setFlags(mailboxId, inboxId, [{ from: 1, to: 1 }], {
      mode: 'add',
      flags: ['\\Deleted'],
    });
    const session = await pop3.open(mailboxId);
    assert.ok(session.ok);
    await assert.rejects(access.messages.expunge(mailboxId, inboxId), (error) =>
      isMailboxAccessError(error, 'mailbox-in-use'),
    );
    assert.equal((await storage.mailboxes.folderStats(inboxId)).messages, 1);
    // Once the POP3 session quits, the same EXPUNGE goes through and gives the lock back.
    await session.maildrop.commit();
    assert.deepEqual(await access.messages.expunge(mailboxId, inboxId), [1]);
    assert.deepEqual(locks.held(), []);
  });
});
