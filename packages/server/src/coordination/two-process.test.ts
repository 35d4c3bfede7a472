// Two Node processes on one PostgreSQL database (PEC_TEST_POSTGRES_URL; a new database per run):
// a change published in one is heard in the other, and an advisory lock held in one is refused in
// the other until the holder is killed with SIGKILL.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, describe, it } from 'node:test';
import { openPostgresChangeBus } from './postgres-change-bus.ts';
import { openPostgresLocks } from './postgres-locks.ts';
import { createTestDatabase } from './testing-postgres-database.ts';

const database = await createTestDatabase(process.env['PEC_TEST_POSTGRES_URL']);
const script = join(import.meta.dirname, 'testing', 'coordination-node.ts');

interface Node {
  readonly child: ChildProcess;
  /** Resolves with the first stdout line matching `pattern` (the test timeout bounds the wait). */
  line(pattern: RegExp): Promise<string>;
}

function startNode(args: readonly string[]): Node {
  const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines: string[] = [];
  const waiters: { pattern: RegExp; resolve: (line: string) => void }[] = [];
  const reader = createInterface({ input: child.stdout });
  reader.on('line', (text) => {
    lines.push(text);
    for (const waiter of [...waiters]) {
      if (waiter.pattern.test(text)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(text);
      }
    }
  });
  return {
    child,
    line(pattern) {
      const seen = lines.find((text) => pattern.test(text));
      if (seen !== undefined) return Promise.resolve(seen);
      return new Promise((resolve) => waiters.push({ pattern, resolve }));
    },
  };
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => {
      resolve();
    });
  });
}

if (database === undefined) {
  void describe('coordination across two processes', () => {
    it('runs when PEC_TEST_POSTGRES_URL is set', { skip: 'PEC_TEST_POSTGRES_URL is not set' });
  });
} else {
  after(() => database.drop());
  const { url } = database;

  void describe('coordination across two processes', { timeout: 60_000 }, () => {
    void it('hears in one process a change published in the other, both ways', async () => {
      const listener = startNode(['listen', url]);
      const bus = await openPostgresChangeBus({ url });
      try {
        await listener.line(/^ready$/);
        const heard: string[] = [];
        bus.subscribe('mailbox', (payload) => heard.push(payload));
        await bus.settled();
        await bus.publish('mailbox', '{"mailboxId":3,"change":{"kind":"exists","folderId":5,"uid":8}}');
        assert.equal(
          await listener.line(/^heard /),
          'heard {"mailboxId":3,"change":{"kind":"exists","folderId":5,"uid":8}}',
        );
        const publisher = startNode(['publish', url, 'from the other process']);
        await publisher.line(/^published$/);
        await exited(publisher.child);
        while (heard.length < 2) await sleep(20);
        assert.deepEqual(heard[1], 'from the other process');
      } finally {
        listener.child.kill('SIGKILL');
        await exited(listener.child);
        await bus.close();
      }
    });

    void it('refuses a lock held by another process until that process is killed with SIGKILL', async () => {
      const holder = startNode(['lock', url, 'mailbox:42']);
      const locks = await openPostgresLocks({ url });
      try {
        assert.equal(await holder.line(/^(locked|refused)$/), 'locked');
        assert.equal(await locks.tryAcquire('mailbox:42'), undefined, 'held by the other process');
        const other = await locks.tryAcquire('mailbox:43');
        assert.ok(other, 'other mailboxes stay free');
        await other.release();
        holder.child.kill('SIGKILL');
        await exited(holder.child);
        // PostgreSQL frees the dead session's locks once it sees the connection close.
        let taken = await locks.tryAcquire('mailbox:42');
        while (taken === undefined) {
          await sleep(50);
          taken = await locks.tryAcquire('mailbox:42');
        }
        const refused = startNode(['lock', url, 'mailbox:42']);
        assert.equal(await refused.line(/^(locked|refused)$/), 'refused', 'now held here');
        refused.child.kill('SIGKILL');
        await exited(refused.child);
        await taken.release();
      } finally {
        holder.child.kill('SIGKILL');
        await locks.close();
      }
    });
  });
}
