import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, beforeEach, describe, it } from 'node:test';
import type { BlobStore } from '../../ports/blob-store.ts';
import { inboxName, type Folder } from '../../ports/mailbox-store.ts';
import type { Storage } from '../../ports/storage.ts';
import { openFsBlobStore } from '../../storage/blobs-fs/open-fs-blob-store.ts';
import { openSqliteStorage } from '../../storage/sqlite/open-sqlite-storage.ts';
import { createAccountService } from '../accounts/create-account-service.ts';
import { storeMessage } from '../mailboxes/store-message.ts';
import { createInProcessLocks } from '../../coordination/in-process-locks.ts';
import { mailboxLockName } from '../../ports/locks.ts';
import { createChangeFeed, type MailboxChange } from '../notifications/change-feed.ts';
import { createMaildropService } from './create-maildrop-service.ts';
import type { MaildropService } from './maildrop.ts';

function rawMessage(n: number): Buffer {
  return Buffer.from(
    `From: a@pec.example.it\r\nTo: b@pec.example.it\r\nSubject: message ${n}\r\n` +
      `Message-ID: <m${n}@pec.example.it>\r\n\r\nbody ${n}\r\n.starts with a dot\r\nlast line\r\n`,
  );
}

describe('createMaildropService', () => {
  let dir = '';
  let storage: Storage;
  let blobs: BlobStore;
  let mailboxId = 0;
  let inbox: Folder;
  let service: MaildropService;
  const published: [number, MailboxChange][] = [];
  let counter = 0;

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'pec-maildrop-'));
    storage = await openSqliteStorage({ file: join(dir, 'pec.db') });
    blobs = await openFsBlobStore({ dir: join(dir, 'blobs') });
    const accounts = createAccountService({ storage });
    await accounts.addDomain('pec.example.it');
  });
  after(async () => {
    await storage.close();
    await rm(dir, { recursive: true, force: true });
  });

  beforeEach(async () => {
    counter += 1;
    const accounts = createAccountService({ storage });
    const mailbox = await accounts.createMailbox({
      address: `user${counter}@pec.example.it`,
      password: 'a-long-password-1',
    });
    mailboxId = mailbox.id;
    const folder = await storage.mailboxes.getFolder(mailboxId, inboxName);
    assert.ok(folder !== undefined);
    inbox = folder;
    const changes = createChangeFeed();
    changes.subscribe(mailboxId, (change) => published.push([mailboxId, change]));
    service = createMaildropService({ storage, blobs, changes });
    published.length = 0;
  });

  async function deliver(count: number): Promise<number[]> {
    const uids: number[] = [];
    for (let i = 1; i <= count; i += 1) {
      const stored = await storeMessage(storage, blobs, {
        mailboxId,
        folderName: inboxName,
        internalDate: new Date(),
        bytes: rawMessage(i),
      });
      uids.push(stored.message.uid);
    }
    return uids;
  }

  async function open() {
    const opened = await service.open(mailboxId);
    assert.ok(opened.ok);
    return opened.maildrop;
  }

  it('numbers a snapshot of INBOX with exact sizes and stable unique ids', async () => {
    const uids = await deliver(3);
    const maildrop = await open();
    assert.deepEqual(
      maildrop.messages,
      uids.map((uid, i) => ({
        number: i + 1,
        uid,
        size: rawMessage(i + 1).length,
        uniqueId: `${inbox.uidValidity}.${uid}`,
      })),
    );
    assert.deepEqual(maildrop.stat(), {
      count: 3,
      octets: rawMessage(1).length + rawMessage(2).length + rawMessage(3).length,
    });
    await deliver(1);
    assert.equal(maildrop.messages.length, 3, 'later deliveries wait for the next session');
    maildrop.release();
    const next = await open();
    assert.equal(next.messages.length, 4);
    assert.deepEqual(
      next.messages.slice(0, 3).map((m) => m.uniqueId),
      maildrop.messages.map((m) => m.uniqueId),
    );
    next.release();
  });

  it('reads messages byte-exact and cuts TOP from the stored bytes', async () => {
    await deliver(2);
    const maildrop = await open();
    assert.deepEqual(await maildrop.read(2), rawMessage(2));
    const top = await maildrop.top(1, 1);
    assert.equal(
      top?.toString(),
      'From: a@pec.example.it\r\nTo: b@pec.example.it\r\nSubject: message 1\r\n' +
        'Message-ID: <m1@pec.example.it>\r\n\r\nbody 1\r\n',
    );
    assert.equal(await maildrop.read(0), undefined);
    assert.equal(await maildrop.read(3), undefined);
    assert.equal(await maildrop.top(3, 0), undefined);
    maildrop.release();
  });

  it('locks the mailbox for one session until commit or release', async () => {
    await deliver(1);
    const first = await open();
    assert.deepEqual(await service.open(mailboxId), { ok: false, refusal: { reason: 'mailbox-in-use' } });
    first.release();
    first.release();
    const second = await open();
    assert.deepEqual(await service.open(mailboxId), { ok: false, refusal: { reason: 'mailbox-in-use' } });
    await second.commit();
    const third = await open();
    third.release();
    await assert.rejects(second.commit(), /no longer open/);
  });

  it('hides marked messages, restores them on reset and counts only the rest', async () => {
    await deliver(3);
    const maildrop = await open();
    assert.equal(maildrop.markDeleted(2), true);
    assert.equal(maildrop.markDeleted(2), false, 'already marked');
    assert.equal(maildrop.markDeleted(4), false, 'out of range');
    assert.equal(maildrop.message(2), undefined);
    assert.equal(await maildrop.read(2), undefined);
    assert.deepEqual(
      maildrop.visible().map((m) => m.number),
      [1, 3],
    );
    assert.equal(maildrop.stat().count, 2);
    maildrop.reset();
    assert.deepEqual(
      maildrop.visible().map((m) => m.number),
      [1, 2, 3],
    );
    maildrop.release();
    assert.equal((await storage.mailboxes.folderStats(inbox.id)).messages, 3, 'release changes nothing');
  });

  it('commits exactly the marked messages, safe with concurrent IMAP changes', async () => {
    const uids = await deliver(5);
    const maildrop = await open();
    // An IMAP session flags message 4 \Deleted (not expunged) and expunges message 5 meanwhile.
    await storage.mailboxes.setFlags(inbox.id, [{ from: uids[3] ?? 0, to: uids[3] ?? 0 }], {
      mode: 'add',
      flags: ['\\Deleted'],
    });
    await storage.mailboxes.setFlags(inbox.id, [{ from: uids[4] ?? 0, to: uids[4] ?? 0 }], {
      mode: 'add',
      flags: ['\\Deleted'],
    });
    await storage.mailboxes.expunge(inbox.id, { uids: [{ from: uids[4] ?? 0, to: uids[4] ?? 0 }] });
    const [late] = await deliver(1);
    assert.equal(maildrop.markDeleted(1), true);
    assert.equal(maildrop.markDeleted(2), true);
    assert.equal(maildrop.markDeleted(5), true);
    assert.ok(await maildrop.read(3));
    const result = await maildrop.commit();
    assert.deepEqual(result, { removed: [uids[0], uids[1]], remaining: 2 });
    const left = await storage.mailboxes.listMessages(inbox.id);
    assert.deepEqual(
      left.map((m) => m.uid),
      [uids[2], uids[3], late],
    );
    assert.deepEqual(
      left.map((m) => m.flags),
      [['\\Seen'], ['\\Deleted'], []],
      'read in full → \\Seen; the IMAP \\Deleted mark is left alone',
    );
    assert.deepEqual(published, [
      [mailboxId, { kind: 'flags', folderId: inbox.id, uids: [uids[2]] }],
      [mailboxId, { kind: 'expunge', folderId: inbox.id, uids: [uids[0], uids[1]] }],
    ]);
    const quota = await storage.mailboxes.quotaUsage(mailboxId);
    assert.equal(quota.messages, 3);
  });

  it('does not mark TOP-only messages as seen and publishes nothing when nothing changed', async () => {
    await deliver(1);
    const maildrop = await open();
    await maildrop.top(1, 10);
    assert.deepEqual(await maildrop.commit(), { removed: [], remaining: 1 });
    const [message] = await storage.mailboxes.listMessages(inbox.id);
    assert.deepEqual(message?.flags, []);
    assert.deepEqual(published, []);
  });

  it('releases the lock when the commit fails, and leaves the messages in place', async () => {
    await deliver(2);
    const failing = createMaildropService({
      storage: { ...storage, transaction: () => Promise.reject(new Error('database is gone')) },
      blobs,
    });
    const opened = await failing.open(mailboxId);
    assert.ok(opened.ok);
    opened.maildrop.markDeleted(1);
    await assert.rejects(opened.maildrop.commit(), /database is gone/);
    const again = await failing.open(mailboxId);
    assert.ok(again.ok);
    again.maildrop.release();
    assert.equal((await storage.mailboxes.folderStats(inbox.id)).messages, 2);
  });

  it('shares the mailbox lock with other holders of the same Locks (another node, IMAP EXPUNGE)', async () => {
    await deliver(1);
    const locks = createInProcessLocks();
    const here = createMaildropService({ storage, blobs, locks });
    const elsewhere = createMaildropService({ storage, blobs, locks });
    const expunging = await locks.tryAcquire(mailboxLockName(mailboxId));
    assert.ok(expunging);
    assert.deepEqual(await here.open(mailboxId), { ok: false, refusal: { reason: 'mailbox-in-use' } });
    await expunging.release();
    const opened = await here.open(mailboxId);
    assert.ok(opened.ok);
    assert.deepEqual(await elsewhere.open(mailboxId), { ok: false, refusal: { reason: 'mailbox-in-use' } });
    assert.equal(await locks.tryAcquire(mailboxLockName(mailboxId)), undefined);
    await opened.maildrop.commit();
    assert.deepEqual(locks.held(), [], 'QUIT gives the lock back before it answers');
  });

  it('opens an empty maildrop for a mailbox without INBOX', async () => {
    const other = createMaildropService({
      storage: {
        ...storage,
        mailboxes: { ...storage.mailboxes, getFolder: () => Promise.resolve(undefined) },
      },
      blobs,
    });
    const opened = await other.open(mailboxId);
    assert.ok(opened.ok);
    assert.deepEqual(opened.maildrop.stat(), { count: 0, octets: 0 });
    assert.deepEqual(await opened.maildrop.commit(), { removed: [], remaining: 0 });
  });
});
