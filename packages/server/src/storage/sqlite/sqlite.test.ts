// Runs the shared storage contract on SQLite temp files, plus what only SQLite has: WAL on disk,
// migrations on reopen, the append-only trigger, and two processes writing one file.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import BetterSqlite3 from 'better-sqlite3';
import type { Storage } from '../../ports/storage.ts';
import { sampleMessage, seedMailbox, type StorageHarness } from '../contract/storage-harness.ts';
import { describeAccessLog } from '../contract/access-log.contract.ts';
import { describeLogTimestamps } from '../contract/log-timestamps.contract.ts';
import { describeRouteStore } from '../contract/route-store.contract.ts';
import { describeSharedState } from '../contract/shared-state.contract.ts';
import { describeStorage } from '../contract/storage.contract.ts';
import { migrations } from '../sql/migrations/migration.ts';
import { openSqliteStorage } from './open-sqlite-storage.ts';

const root = await mkdtemp(join(tmpdir(), 'pec-sqlite-'));
after(() => rm(root, { recursive: true, force: true }));

const files = new WeakMap<Storage, string>();
let opened = 0;

function fileOf(storage: Storage): string {
  const file = files.get(storage);
  assert.ok(file !== undefined, 'storage was not opened by this harness');
  return file;
}

function rawWrite(storage: Storage, fn: (db: BetterSqlite3.Database) => void): void {
  const db = new BetterSqlite3(fileOf(storage));
  try {
    fn(db);
  } finally {
    db.close();
  }
}

const harness: StorageHarness = {
  async open(options) {
    opened += 1;
    const file = join(root, `contract-${opened}.sqlite`);
    const storage = await openSqliteStorage({ file, ...(options?.clock ? { clock: options.clock } : {}) });
    files.set(storage, file);
    return storage;
  },
  // better-sqlite3 is synchronous: a second connection in the same process would block the event
  // loop in its busy handler while the first waits to commit. So the second handle shares the
  // connection here, and cross-connection writes are tested with a child process below.
  openSecond: (storage) => Promise.resolve({ ...storage, close: () => Promise.resolve() }),
  tamperLegalLogEntry: (storage, seq) => {
    rawWrite(storage, (db) => {
      db.exec('drop trigger if exists legal_log_append_only');
      db.prepare("update legal_log set subject = 'altered' where seq = ?").run(seq);
    });
    return Promise.resolve();
  },
  clearSentTimes: (storage) => {
    rawWrite(storage, (db) => db.prepare('update messages set sent_at = null').run());
    return Promise.resolve();
  },
  deleteLegalLogEntry: (storage, seq) => {
    rawWrite(storage, (db) => {
      db.prepare('delete from legal_log_terms where seq = ?').run(seq);
      db.prepare('delete from legal_log where seq = ?').run(seq);
    });
    return Promise.resolve();
  },
};

describeStorage('sqlite', harness);
describeAccessLog('sqlite', harness);
describeRouteStore('sqlite', harness);
describeSharedState('sqlite', harness);
describeLogTimestamps('sqlite', harness);

void describe('SQLite adapter', () => {
  it('puts the file in WAL mode and makes commits visible to other connections at once', async () => {
    const storage = await harness.open();
    try {
      const mailbox = await seedMailbox(storage);
      const db = new BetterSqlite3(fileOf(storage), { readonly: true });
      try {
        assert.equal(db.pragma('journal_mode', { simple: true }), 'wal');
        const row = db.prepare('select address from mailboxes where id = ?').get(mailbox.id) as {
          address: string;
        };
        assert.equal(row.address, mailbox.address);
      } finally {
        db.close();
      }
    } finally {
      await storage.close();
    }
  });

  it('runs migrations once, keeps data on reopen, and refuses a newer schema', async () => {
    const file = join(root, 'reopen.sqlite');
    const first = await openSqliteStorage({ file });
    await first.accounts.addDomain({ name: 'pec.example.it' });
    await first.close();
    const second = await openSqliteStorage({ file });
    assert.equal((await second.accounts.listDomains()).length, 1);
    await second.close();
    const db = new BetterSqlite3(file);
    const versions = db.prepare('select version from schema_migrations').all();
    assert.deepEqual(
      versions,
      migrations.map((migration) => ({ version: migration.version })),
    );
    db.prepare("insert into schema_migrations values (999, 'future', 0)").run();
    db.close();
    await assert.rejects(openSqliteStorage({ file }), /newer than this software/);
  });

  it('migration 21 gives messages stored before it their internal date as save date', async () => {
    const file = join(root, 'save-dates.sqlite');
    const first = await openSqliteStorage({ file });
    const mailbox = await seedMailbox(first);
    const folder = await first.mailboxes.createFolder(mailbox.id, { name: 'INBOX' });
    await first.mailboxes.append(
      folder.id,
      sampleMessage({ internalDate: new Date('2021-06-01T08:00:00Z') }),
    );
    await first.close();
    // Back to the schema before migration 21, then reopen: the migration runs on the existing row.
    const db = new BetterSqlite3(file);
    db.prepare('alter table messages drop column save_date').run();
    db.prepare('delete from schema_migrations where version = 21').run();
    db.close();
    const second = await openSqliteStorage({ file });
    try {
      const message = await second.mailboxes.getMessage(folder.id, 1);
      assert.equal(message?.saveDate.toISOString(), '2021-06-01T08:00:00.000Z');
    } finally {
      await second.close();
    }
  });

  it('refuses UPDATE on the legal log even through raw SQL', async () => {
    const storage = await harness.open();
    try {
      await storage.legalLog.append({
        at: new Date(),
        eventType: 'pec.acceptance.issued',
        msgid: 'm@x',
        sender: 's@x',
        recipients: [],
        subject: 'a',
        relatedMsgids: [],
        sendingProvider: null,
      });
      assert.throws(() => {
        rawWrite(storage, (db) => db.prepare("update legal_log set subject = 'b'").run());
      }, /append-only/);
      assert.deepEqual(await storage.legalLog.verifyChain(), { ok: true, checked: 1 });
    } finally {
      await storage.close();
    }
  });

  it('lets two processes append and claim on one file without duplicate UIDs or jobs', async () => {
    const file = join(root, 'two-processes.sqlite');
    const storage = await openSqliteStorage({ file });
    try {
      const mailbox = await seedMailbox(storage);
      const folder = await storage.mailboxes.createFolder(mailbox.id, { name: 'INBOX' });
      for (let i = 0; i < 40; i += 1) await storage.queue.enqueue({ kind: 'k', payload: i });
      const script = join(root, 'child.mts');
      const here = (name: string): string => pathToFileURL(join(import.meta.dirname, name)).href;
      await writeFile(
        script,
        `import { openSqliteStorage } from ${JSON.stringify(here('open-sqlite-storage.ts'))};
         import { sampleMessage } from ${JSON.stringify(here('../contract/storage-harness.ts'))};
         import { createInterface } from 'node:readline';
         const storage = await openSqliteStorage({ file: ${JSON.stringify(file)} });
         process.stdout.write('ready\\n');
         for await (const line of createInterface({ input: process.stdin })) if (line === 'go') break;
         const claimed = [];
         const uids = [];
         for (let i = 0; i < 60; i += 1) {
           uids.push((await storage.mailboxes.append(${folder.id}, sampleMessage())).message.uid);
           const jobs = await storage.queue.claim({ owner: 'child', leaseMs: 600000 });
           for (const job of jobs) { claimed.push(job.id); await storage.queue.complete(job.id, job.leaseToken); }
         }
         await storage.close();
         process.stdout.write(JSON.stringify({ claimed, uids }));`,
      );
      const child = spawn(process.execPath, ['--import', 'tsx', script], {
        cwd: join(import.meta.dirname, '../../../../..'),
        stdio: ['pipe', 'pipe', 'inherit'],
      });
      let output = '';
      const ready = new Promise<void>((resolve) => {
        child.stdout.on('data', (chunk: Buffer) => {
          output += chunk.toString();
          if (output.startsWith('ready\n')) resolve();
        });
      });
      let childRunning = true;
      const exited = new Promise<number | null>((resolve) =>
        child.on('exit', (code) => {
          childRunning = false;
          resolve(code);
        }),
      );
      await ready;
      child.stdin.end('go\n');
      // Start once the child is writing, so both processes take and wait for the write lock
      // (SQLite's busy handler is not fair, so the writes need not interleave).
      while ((await storage.mailboxes.folderStats(folder.id)).messages === 0) {
        await new Promise((resolve) => setTimeout(resolve, 1));
      }
      assert.ok(childRunning, 'the parent starts writing while the child still writes');
      const mine: number[] = [];
      const myUids: number[] = [];
      for (let i = 0; i < 30; i += 1) {
        myUids.push((await storage.mailboxes.append(folder.id, sampleMessage())).message.uid);
        for (const job of await storage.queue.claim({ owner: 'parent', leaseMs: 600_000 })) {
          mine.push(job.id);
          await storage.queue.complete(job.id, job.leaseToken ?? '');
        }
        await new Promise((resolve) => setImmediate(resolve));
      }
      assert.equal(await exited, 0);
      const theirs = JSON.parse(output.slice('ready\n'.length)) as { claimed: number[]; uids: number[] };
      const uids = (await storage.mailboxes.listMessageStates(folder.id)).map((m) => m.uid);
      assert.deepEqual(
        uids,
        Array.from({ length: 90 }, (_, i) => i + 1),
      );
      assert.deepEqual(
        [...myUids, ...theirs.uids].sort((a, b) => a - b),
        uids,
        'each process saw its own UIDs',
      );
      assert.equal(new Set([...mine, ...theirs.claimed]).size, 40, 'no job claimed twice, none lost');
      assert.equal(mine.length + theirs.claimed.length, 40);
      assert.equal((await storage.mailboxes.quotaUsage(mailbox.id)).messages, 90);
    } finally {
      await storage.close();
    }
  });

  it('also opens an in-memory database (for quick tests)', async () => {
    const storage = await openSqliteStorage({ file: ':memory:' });
    try {
      await storage.accounts.addDomain({ name: 'pec.example.it' });
      assert.equal((await storage.accounts.listDomains()).length, 1);
    } finally {
      await storage.close();
    }
  });

  it('rejects a bad path with the driver error and leaves nothing open', async () => {
    await assert.rejects(
      openSqliteStorage({ file: join(root, 'missing-dir', 'x.sqlite') }),
      /directory does not exist/,
    );
  });
});
