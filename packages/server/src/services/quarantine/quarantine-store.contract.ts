/**
 * Contract of QuarantineStore for every adapter (files; records in storage with bytes in the blob
 * store): byte-exact bytes under their SHA-256, a record with every field and the 30-month
 * calendar retention (pec-spec §2.1, DPR 68/2005 art. 12), one record per detection, purges that
 * remove records at their retainUntil and bytes only when no record names them, puts and purges at
 * once never leaving a record without its bytes, and a second handle (another node) seeing it all.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import type { Clock } from '../../ports/clock.ts';
import type { QuarantineDetection, QuarantineStore } from '../../ports/quarantine-store.ts';

export interface QuarantineStoreHarness {
  /** A fresh, empty quarantine kept 30 months on `clock`, and a second handle on the same data. */
  open(clock: Clock): Promise<{
    readonly store: QuarantineStore;
    readonly second: QuarantineStore;
    close(): Promise<void>;
  }>;
}

const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

function fakeClock(start: string): Clock & { set(iso: string): void } {
  let current = new Date(start);
  return {
    now: () => new Date(current.getTime()),
    set: (iso) => {
      current = new Date(iso);
    },
  };
}

const infected = Buffer.from(
  'From: a@pec.example.it\r\nSubject: x\r\n\r\nnot really a virus, a stand-in\r\n',
);
const other = Buffer.concat([
  Buffer.from('From: b@pec.example.org\r\n\r\n'),
  Buffer.from([0, 0xff, 0x0d, 0x0a]),
]);
const detection: QuarantineDetection = {
  point: 'access',
  signature: 'Eicar-Test-Signature',
  sender: 'mario.rossi@pec.example.it',
  recipients: ['ufficio@pec.example.org', 'info@example.com'],
  identifier: 'opec-test.1@pec.example.it',
};

export function describeQuarantineStore(name: string, harness: QuarantineStoreHarness): void {
  async function withQuarantine(
    start: string,
    fn: (
      store: QuarantineStore,
      second: QuarantineStore,
      clock: ReturnType<typeof fakeClock>,
    ) => Promise<void>,
  ): Promise<void> {
    const clock = fakeClock(start);
    const opened = await harness.open(clock);
    try {
      await fn(opened.store, opened.second, clock);
    } finally {
      await opened.close();
    }
  }

  void describe(`QuarantineStore contract (${name})`, () => {
    void it('keeps the bytes exactly and a record with every field, seen from a second handle', () =>
      withQuarantine('2026-11-22T10:00:00.000Z', async (store, second) => {
        const record = await store.put(infected, detection);
        const hash = sha256(infected);
        assert.deepEqual(record, {
          version: 1,
          id: `${hash}.20261122T100000000Z.access`,
          sha256: hash,
          size: infected.length,
          detectedAt: '2026-11-22T10:00:00.000Z',
          point: 'access',
          signature: 'Eicar-Test-Signature',
          sender: 'mario.rossi@pec.example.it',
          recipients: ['ufficio@pec.example.org', 'info@example.com'],
          identifier: 'opec-test.1@pec.example.it',
          retainUntil: '2029-05-22T10:00:00.000Z',
        });
        assert.deepEqual(await second.list(), { records: [record], unreadable: [] });
        assert.equal(Buffer.compare(await second.readMessage(hash), infected), 0);
        await assert.rejects(second.readMessage('../../etc/passwd'), RangeError);
      }));

    void it('counts 30 calendar months from the given detection time and omits an absent identifier', () =>
      withQuarantine('2026-11-22T10:00:00.000Z', async (store) => {
        const record = await store.put(other, {
          signature: detection.signature,
          sender: '',
          recipients: detection.recipients,
          point: 'reception',
          detectedAt: new Date('2027-08-31T23:30:00.000Z'),
        });
        assert.equal(record.detectedAt, '2027-08-31T23:30:00.000Z');
        assert.equal(record.retainUntil, '2030-02-28T23:30:00.000Z');
        assert.equal('identifier' in record, false);
        assert.equal(record.sender, '');
        const [listed] = (await store.list()).records;
        assert.deepEqual(listed, record);
        assert.equal(Buffer.compare(await store.readMessage(record.sha256), other), 0);
      }));

    void it('records the same detection once and each other detection of the same bytes', () =>
      withQuarantine('2026-11-22T10:00:00.000Z', async (store, second, clock) => {
        const first = await store.put(infected, detection);
        assert.deepEqual(await second.put(infected, detection), first);
        clock.set('2026-11-23T08:00:00.000Z');
        const again = await second.put(infected, { ...detection, point: 'reception' });
        assert.equal(again.sha256, first.sha256);
        assert.notEqual(again.id, first.id);
        assert.deepEqual(
          (await store.list()).records.map((r) => r.id),
          [first.id, again.id],
        );
      }));

    void it('purges records at retainUntil and bytes once no record names them', () =>
      withQuarantine('2026-11-22T10:00:00.000Z', async (store, second, clock) => {
        const a = await store.put(infected, detection); // until 2029-05-22T10:00Z
        clock.set('2027-01-10T09:00:00.000Z');
        const b = await store.put(other, { ...detection, point: 'reception' }); // until 2029-07-10T09:00Z
        clock.set('2027-02-01T00:00:00.000Z');
        const a2 = await store.put(infected, { ...detection, point: 'reception' }); // until 2029-08-01

        clock.set('2029-05-22T09:59:59.999Z');
        assert.deepEqual(await second.purgeExpired(), {
          purged: [],
          deletedMessages: [],
          kept: 3,
          unreadable: [],
        });
        let purge = await second.purgeExpired(new Date('2029-05-22T10:00:00.000Z'));
        assert.deepEqual(
          purge.purged.map((r) => r.id),
          [a.id],
        );
        assert.deepEqual(purge.deletedMessages, [], 'a later detection still names the same bytes');
        assert.equal(Buffer.compare(await store.readMessage(a.sha256), infected), 0);

        purge = await store.purgeExpired(new Date('2029-07-10T09:00:00.000Z'));
        assert.deepEqual(
          purge.purged.map((r) => r.id),
          [b.id],
        );
        assert.deepEqual(purge.deletedMessages, [b.sha256]);
        await assert.rejects(store.readMessage(b.sha256));

        purge = await store.purgeExpired(new Date('2029-08-01T00:00:00.000Z'));
        assert.deepEqual(
          purge.purged.map((r) => r.id),
          [a2.id],
        );
        assert.deepEqual(purge.deletedMessages, [a.sha256]);
        assert.equal(purge.kept, 0);
        assert.deepEqual((await second.list()).records, []);
      }));

    void it('never leaves a record without its bytes when puts and purges run at once on two handles', () =>
      withQuarantine('2030-01-01T00:00:00.000Z', async (store, second) => {
        const puts = Array.from({ length: 20 }, (_, i) =>
          (i % 2 === 0 ? store : second).put(i % 4 < 2 ? infected : other, {
            ...detection,
            detectedAt: new Date(Date.UTC(2026, 0, 1 + i)),
          }),
        );
        const purges = Array.from({ length: 6 }, (_, i) =>
          (i % 2 === 0 ? second : store).purgeExpired(new Date('2028-07-05T00:00:00.000Z')),
        );
        await Promise.all([...puts, ...purges]);
        for (const record of (await store.list()).records) {
          assert.equal(sha256(await second.readMessage(record.sha256)), record.sha256);
        }
        // Detections of 1-20 January 2026 are kept until 1-20 July 2028: five are past.
        await store.purgeExpired(new Date('2028-07-05T00:00:00.000Z'));
        const { records } = await second.list();
        assert.equal(records.length, 15);
        for (const record of records) {
          assert.equal(sha256(await store.readMessage(record.sha256)), record.sha256);
        }
      }));
  });
}
