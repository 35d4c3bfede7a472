import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Storage } from '../../ports/storage.ts';
import type { BlobStore } from '../../ports/blob-store.ts';
import { openFsBlobStore } from '../../storage/blobs-fs/open-fs-blob-store.ts';
import { openSqliteStorage } from '../../storage/sqlite/open-sqlite-storage.ts';
import { createAccountService } from '../accounts/create-account-service.ts';
import { storeMessage } from '../mailboxes/store-message.ts';
import { createChangeFeed, type MailboxChange } from '../notifications/change-feed.ts';
import { checkFolderName, parentFolderNames } from './check-folder-name.ts';
import { createMailboxAccess } from './create-mailbox-access.ts';
import type { MailboxAccess } from './mailbox-access.ts';
import { isMailboxAccessError, type MailboxAccessRefusal } from './mailbox-access-error.ts';

const message = (subject: string) =>
  new TextEncoder().encode(`From: a@pec.test\r\nTo: b@pec.test\r\nSubject: ${subject}\r\n\r\nbody\r\n`);

async function rejectsWith(promise: Promise<unknown>, reason: MailboxAccessRefusal['reason']): Promise<void> {
  await assert.rejects(promise, (error) => isMailboxAccessError(error, reason));
}

describe('folder access', () => {
  let dir: string;
  let storage: Storage;
  let blobs: BlobStore;
  let access: MailboxAccess;
  let mailboxId: number;
  const changes: MailboxChange[] = [];

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'pec-folder-access-'));
    storage = await openSqliteStorage({ file: join(dir, 'pec.sqlite') });
    blobs = await openFsBlobStore({ dir: join(dir, 'blobs') });
    const accounts = createAccountService({ storage });
    await accounts.addDomain('pec.test');
    mailboxId = (await accounts.createMailbox({ address: 'x@pec.test', password: 'long enough pw' })).id;
    const feed = createChangeFeed();
    feed.subscribe(mailboxId, (change) => changes.push(change));
    access = createMailboxAccess({ storage, blobs, changes: feed, clock: { now: () => new Date() } });
  });
  after(async () => {
    await storage.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('checks names and canonicalises INBOX', () => {
    assert.equal(checkFolderName('inbox/Sub/'), 'INBOX/Sub');
    for (const bad of [
      '',
      '/',
      'a//b',
      '/a',
      'a*',
      'a%b',
      'a\u0001',
      'x'.repeat(256),
      Array(17).fill('a').join('/'),
    ]) {
      assert.throws(
        () => checkFolderName(bad),
        (error) => isMailboxAccessError(error, 'invalid-folder-name'),
        bad,
      );
    }
    assert.deepEqual(parentFolderNames('a/b/c'), ['a', 'a/b']);
  });

  it('creates missing parents and publishes each creation', async () => {
    changes.length = 0;
    const folder = await access.folders.create(mailboxId, 'A/B/C');
    assert.equal(folder.name, 'A/B/C');
    assert.deepEqual(
      changes.map((change) => (change.kind === 'folder-created' ? change.name : change.kind)),
      ['A', 'A/B', 'A/B/C'],
    );
    await rejectsWith(access.folders.create(mailboxId, 'A/B'), 'folder-exists');
    await rejectsWith(access.folders.create(mailboxId, 'inbox'), 'folder-exists');
  });

  it('refuses to delete INBOX, a missing folder or a folder with children', async () => {
    await rejectsWith(access.folders.delete(mailboxId, 'INBOX'), 'folder-operation-refused');
    await rejectsWith(access.folders.delete(mailboxId, 'Nope'), 'no-such-folder');
    await rejectsWith(access.folders.delete(mailboxId, 'A'), 'folder-has-children');
    changes.length = 0;
    await access.folders.delete(mailboxId, 'A/B/C');
    assert.equal(changes[0]?.kind, 'folder-deleted');
  });

  it('renames with children and publishes, refusing clashes and moves into itself', async () => {
    changes.length = 0;
    const renamed = await access.folders.rename(mailboxId, 'A', 'Z/A');
    assert.equal(renamed.name, 'Z/A');
    assert.ok(await access.folders.find(mailboxId, 'Z/A/B'));
    assert.deepEqual(
      changes.map((change) => change.kind),
      ['folder-created', 'folder-renamed'],
    );
    await rejectsWith(access.folders.rename(mailboxId, 'Z', 'Z/A/Inner'), 'folder-operation-refused');
    await rejectsWith(access.folders.rename(mailboxId, 'Z/A', 'Sent'), 'folder-exists');
    await rejectsWith(access.folders.rename(mailboxId, 'Missing', 'Other'), 'no-such-folder');
  });

  it('renames INBOX by moving its messages, reporting expunge and exists', async () => {
    for (const subject of ['one', 'two']) {
      await storeMessage(storage, blobs, {
        mailboxId,
        folderName: 'INBOX',
        bytes: message(subject),
        internalDate: new Date(),
      });
    }
    changes.length = 0;
    const target = await access.folders.rename(mailboxId, 'INBOX', 'Archive/2025');
    const inbox = await access.folders.get(mailboxId, 'INBOX');
    assert.equal((await access.folders.stats(inbox.id)).messages, 0);
    assert.equal((await access.folders.stats(target.id)).messages, 2);
    const kinds = changes.map((change) => change.kind);
    assert.deepEqual(kinds, ['folder-created', 'folder-created', 'expunge', 'exists']);
  });

  it('reports changes since a modseq for session sync, and counts \\Deleted', async () => {
    const folder = await access.folders.create(mailboxId, 'Sync');
    const first = await storeMessage(storage, blobs, {
      mailboxId,
      folderName: 'Sync',
      bytes: message('a'),
      internalDate: new Date(),
    });
    const opened = await access.folders.open(mailboxId, 'Sync');
    assert.deepEqual(
      opened.states.map((state) => state.uid),
      [first.message.uid],
    );
    await storeMessage(storage, blobs, {
      mailboxId,
      folderName: 'Sync',
      bytes: message('b'),
      internalDate: new Date(),
      flags: ['\\Deleted'],
    });
    assert.equal(await access.folders.countDeleted(folder.id), 1);
    await storage.mailboxes.expunge(folder.id);
    const changed = await access.folders.changesSince(folder.id, opened.folder.highestModseq);
    assert.deepEqual(changed.vanished, [2]);
    assert.ok(changed.highestModseq > opened.folder.highestModseq);
    assert.equal((await access.folders.quota(mailboxId)).mailboxId, mailboxId);
  });

  it('subscribes existing folders only and unsubscribes any name', async () => {
    await access.folders.setSubscribed(mailboxId, 'Sync', true);
    assert.ok((await access.folders.subscriptions(mailboxId)).includes('Sync'));
    await access.folders.setSubscribed(mailboxId, 'Sync', false);
    assert.ok(!(await access.folders.subscriptions(mailboxId)).includes('Sync'));
    await rejectsWith(access.folders.setSubscribed(mailboxId, 'Ghost', true), 'no-such-folder');
    await access.folders.setSubscribed(mailboxId, 'Ghost', false);
  });
});
