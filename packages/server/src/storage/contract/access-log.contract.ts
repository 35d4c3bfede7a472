/**
 * Contract of AccessLog for every adapter: appends keep every field, listings filter by mailbox,
 * address (case-insensitive), protocol, outcome and time range and come newest first with limit and
 * offset, the operator's unfiltered view, deleted mailboxes keep their history by address, invalid
 * entries are refused, and purges remove exactly the entries older than the retention period.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { NewAccessLogEntry } from '../../ports/access-log.ts';
import { isStorageError } from '../../ports/storage-error.ts';
import { seedMailbox, withStorage, type StorageHarness } from './storage-harness.ts';

const base = new Date('2026-05-10T10:00:00.000Z');

function attempt(i: number, overrides: Partial<NewAccessLogEntry> = {}): NewAccessLogEntry {
  return {
    mailboxId: null,
    address: 'nobody@pec.example.it',
    at: new Date(base.getTime() + i * 60_000),
    protocol: 'imap',
    remoteAddress: '192.0.2.10',
    clientId: null,
    outcome: 'success',
    ...overrides,
  };
}

export function describeAccessLog(name: string, harness: StorageHarness): void {
  void describe(`AccessLog contract (${name})`, () => {
    void it('appends entries with every field and growing ids', async () => {
      await withStorage(harness, async (storage) => {
        const mailbox = await seedMailbox(storage);
        const first = await storage.accessLog.append(
          attempt(0, {
            mailboxId: mailbox.id,
            address: mailbox.address.toUpperCase(),
            protocol: 'pop3',
            remoteAddress: '2001:db8::1',
            clientId: 'Thunderbird 128 (name "Ü")',
            outcome: 'failure',
          }),
        );
        const second = await storage.accessLog.append(attempt(1));
        assert.ok(second.id > first.id);
        assert.deepEqual(first, {
          id: first.id,
          mailboxId: mailbox.id,
          address: mailbox.address,
          at: base,
          protocol: 'pop3',
          remoteAddress: '2001:db8::1',
          clientId: 'Thunderbird 128 (name "Ü")',
          outcome: 'failure',
        });
        const listed = await storage.accessLog.list({ mailboxId: mailbox.id });
        assert.deepEqual(listed, [first]);
      });
    });

    void it('lists by mailbox, address, protocol, outcome and time range, newest first', async () => {
      await withStorage(harness, async (storage) => {
        const alice = await seedMailbox(storage);
        const bob = await seedMailbox(storage);
        const protocols = ['smtp', 'imap', 'pop3', 'http'] as const;
        const outcomes = ['success', 'failure', 'throttled', 'disabled'] as const;
        for (let i = 0; i < 12; i += 1) {
          const who = i % 3 === 0 ? bob : alice;
          await storage.accessLog.append(
            attempt(i, {
              mailboxId: who.id,
              address: who.address,
              protocol: protocols[i % 4] ?? 'imap',
              outcome: outcomes[i % 4] ?? 'success',
            }),
          );
        }
        const aliceAll = await storage.accessLog.list({ mailboxId: alice.id });
        assert.equal(aliceAll.length, 8);
        assert.ok(aliceAll.every((entry) => entry.address === alice.address));
        const times = aliceAll.map((entry) => entry.at.getTime());
        assert.deepEqual(
          times,
          [...times].sort((a, b) => b - a),
        );
        assert.deepEqual(await storage.accessLog.list({ address: alice.address.toUpperCase() }), aliceAll);
        assert.equal(await storage.accessLog.count({ mailboxId: alice.id }), 8);
        const aliceSmtp = await storage.accessLog.list({ mailboxId: alice.id, protocol: 'smtp' });
        assert.deepEqual(
          aliceSmtp.map((entry) => entry.at.getTime()),
          [8, 4].map((i) => base.getTime() + i * 60_000),
        );
        assert.equal(await storage.accessLog.count({ mailboxId: bob.id }), 4);
        const failures = await storage.accessLog.list({ outcome: 'failure' });
        assert.deepEqual(
          failures.map((entry) => entry.protocol),
          ['imap', 'imap', 'imap'],
        );
        const window = await storage.accessLog.list({
          since: new Date(base.getTime() + 3 * 60_000),
          until: new Date(base.getTime() + 6 * 60_000),
        });
        assert.deepEqual(
          window.map((entry) => entry.at.getTime()),
          [5, 4, 3].map((i) => base.getTime() + i * 60_000),
        );
        const page = await storage.accessLog.list({ mailboxId: alice.id, limit: 3, offset: 2 });
        assert.deepEqual(page, aliceAll.slice(2, 5));
        assert.equal((await storage.accessLog.list()).length, 12, 'the operator sees everything');
        assert.equal(await storage.accessLog.count(), 12);
      });
    });

    void it('orders entries of the same instant by insertion, newest first', async () => {
      await withStorage(harness, async (storage) => {
        const a = await storage.accessLog.append(attempt(0, { remoteAddress: 'a' }));
        const b = await storage.accessLog.append(attempt(0, { remoteAddress: 'b' }));
        assert.deepEqual(
          (await storage.accessLog.list()).map((entry) => entry.id),
          [b.id, a.id],
        );
      });
    });

    void it('keeps the history of a deleted mailbox by address', async () => {
      await withStorage(harness, async (storage) => {
        const mailbox = await seedMailbox(storage);
        await storage.accessLog.append(attempt(0, { mailboxId: mailbox.id, address: mailbox.address }));
        assert.equal(await storage.accounts.deleteMailbox(mailbox.id), true);
        const kept = await storage.accessLog.list({ address: mailbox.address });
        assert.equal(kept.length, 1);
        assert.equal(kept[0]?.mailboxId, null);
        assert.deepEqual(await storage.accessLog.list({ mailboxId: mailbox.id }), []);
      });
    });

    void it('refuses unknown protocols, unknown outcomes and invalid times', async () => {
      await withStorage(harness, async (storage) => {
        const bad: NewAccessLogEntry[] = [
          attempt(0, { protocol: 'ftp' as NewAccessLogEntry['protocol'] }),
          attempt(0, { outcome: 'maybe' as NewAccessLogEntry['outcome'] }),
          attempt(0, { at: new Date(Number.NaN) }),
        ];
        for (const entry of bad) {
          await assert.rejects(storage.accessLog.append(entry), (error) => isStorageError(error, 'invalid'));
        }
        assert.equal(await storage.accessLog.count(), 0);
      });
    });

    void it('rolls back with the surrounding transaction', async () => {
      await withStorage(harness, async (storage) => {
        await assert.rejects(
          storage.transaction(async (tx) => {
            await tx.accessLog.append(attempt(0));
            throw new Error('abort');
          }),
          /abort/,
        );
        assert.equal(await storage.accessLog.count(), 0);
      });
    });

    void it('purges entries older than the retention period, and only those', async () => {
      await withStorage(harness, async (storage) => {
        const now = new Date('2026-03-31T12:00:00.000Z');
        const times = [
          '2025-09-29T12:00:00.000Z',
          '2025-09-30T11:59:59.999Z',
          '2025-09-30T12:00:00.000Z',
          '2026-01-01T00:00:00.000Z',
        ];
        for (const [i, at] of times.entries()) {
          await storage.accessLog.append(attempt(i, { at: new Date(at) }));
        }
        // Six months before 31 March is 30 September (the month's last day).
        assert.equal(await storage.accessLog.purge({ olderThanMonths: 6, now }), 2);
        assert.deepEqual(
          (await storage.accessLog.list()).map((entry) => entry.at.toISOString()),
          [times[3], times[2]],
        );
        assert.equal(await storage.accessLog.purge({ olderThanMonths: 6, now }), 0);
      });
    });
  });
}
