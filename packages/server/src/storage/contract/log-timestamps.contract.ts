/**
 * Contract of LogTimestampStore for every adapter (pec-spec §6.4, §8.5): the chain head at a day's
 * end (last entry written before it, genesis when none), tokens stored byte for byte, one per day,
 * listed by day.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { NewLegalLogEntry } from '../../ports/legal-log.ts';
import { isStorageError } from '../../ports/storage-error.ts';
import { genesisHash } from '../sql/hash-legal-log-entry.ts';
import { withStorage, type StorageHarness } from './storage-harness.ts';

function event(at: string, i: number): NewLegalLogEntry {
  return {
    at: new Date(at),
    eventType: 'pec.acceptance.issued',
    msgid: `opec${i}@pec.example.it`,
    sender: 'mario@pec.example.it',
    recipients: ['ufficio@pec.example.org'],
    subject: `Pratica ${i}`,
    relatedMsgids: [],
    sendingProvider: null,
  };
}

const token = Uint8Array.from([0x30, 0x03, 0x02, 0x01, 0x00, 0xff, 0x00, 0x80]);

export function describeLogTimestamps(name: string, harness: StorageHarness): void {
  void describe(`LogTimestampStore contract (${name})`, () => {
    void it('finds the chain head at the end of a day', () =>
      withStorage(harness, async (storage) => {
        const stamps = storage.logTimestamps;
        assert.deepEqual(await stamps.headBefore(new Date('2026-05-10T00:00:00Z')), {
          seq: 0,
          hash: genesisHash,
        });
        await storage.legalLog.append(event('2026-05-10T10:00:00Z', 1));
        const second = await storage.legalLog.append(event('2026-05-10T21:59:59Z', 2));
        const third = await storage.legalLog.append(event('2026-05-11T08:00:00Z', 3));
        assert.deepEqual(await stamps.headBefore(new Date('2026-05-10T22:00:00Z')), {
          seq: 2,
          hash: second.hash,
        });
        assert.deepEqual(await stamps.headBefore(new Date('2026-05-12T00:00:00Z')), {
          seq: 3,
          hash: third.hash,
        });
      }));

    void it('stores one token per day, byte for byte, and lists them by day', () =>
      withStorage(
        harness,
        async (storage) => {
          const stamps = storage.logTimestamps;
          const genTime = new Date('2026-05-11T00:10:00.000Z');
          const second = await stamps.put({
            day: '2026-05-11',
            throughSeq: 7,
            headHash: 'b'.repeat(64),
            token,
            genTime,
          });
          const first = await stamps.put({
            day: '2026-05-10',
            throughSeq: 3,
            headHash: 'a'.repeat(64),
            token,
            genTime,
          });
          assert.equal(first.storedAt.toISOString(), '2026-05-12T01:00:00.000Z');
          const read = await stamps.get('2026-05-11');
          assert.deepEqual(read, second);
          assert.deepEqual([...read.token], [...token]);
          assert.equal(await stamps.get('2026-05-12'), undefined);
          assert.deepEqual(
            (await stamps.list()).map((stamp) => [stamp.day, stamp.throughSeq]),
            [
              ['2026-05-10', 3],
              ['2026-05-11', 7],
            ],
          );
          await assert.rejects(
            stamps.put({ day: '2026-05-10', throughSeq: 4, headHash: 'c'.repeat(64), token, genTime }),
            (error: unknown) => isStorageError(error) && error.code === 'conflict',
          );
          await assert.rejects(
            stamps.put({ day: '10/05/2026', throughSeq: 4, headHash: 'c'.repeat(64), token, genTime }),
            (error: unknown) => isStorageError(error) && error.code === 'invalid',
          );
        },
        { clock: { now: () => new Date('2026-05-12T01:00:00.000Z') } },
      ));
  });
}
