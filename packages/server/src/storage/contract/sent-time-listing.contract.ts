/**
 * Contract of MailboxStore.listMessagesBySentTime for every adapter: RFC 5256 §2.2 sent time (the
 * `Date:` header, else the internal date), equal times in ascending UID order in both directions
 * (RFC 5256 §3), keyset paging after a (sent time, UID) position, copies keeping their sent time, and
 * rows stored before migration 31 (no sent time) filled in when first listed.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  sampleEnvelope,
  sampleMessage,
  seedMailbox,
  withStorage,
  type StorageHarness,
} from './storage-harness.ts';

export function describeSentTimeListing(name: string, harness: StorageHarness): void {
  void describe(`MailboxStore sent-time listing contract (${name})`, () => {
    void it('pages a folder by sent time from its index, ties by UID, and fills rows stored without one', () =>
      withStorage(harness, async (storage) => {
        const mailbox = await seedMailbox(storage);
        const folder = await storage.mailboxes.createFolder(mailbox.id, { name: 'INBOX' });
        const other = await storage.mailboxes.createFolder(mailbox.id, { name: 'Archivio' });
        // Date headers out of arrival order, two equal, one unreadable (its internal date counts).
        const dates = [
          'Tue, 05 Nov 2024 10:00:00 +0100',
          'Mon, 04 Nov 2024 08:00:00 +0000',
          'Tue, 05 Nov 2024 09:00:00 +0000',
          'not a date',
          'Wed, 06 Nov 2024 12:00:00 +0000',
          null,
        ];
        for (const [index, date] of dates.entries()) {
          await storage.mailboxes.append(
            folder.id,
            sampleMessage({
              envelope: { ...sampleEnvelope, date },
              internalDate: new Date(Date.UTC(2024, 10, 5, 9, 30 + index)),
            }),
          );
        }
        await storage.mailboxes.append(other.id, sampleMessage());
        // Sent times: uid 1 and 3 tie at 09:00Z, 4 and 6 take their internal dates (09:33Z, 09:35Z).
        const newestFirst = [5, 6, 4, 1, 3, 2];
        const pages = async (descending: boolean, limit: number): Promise<number[]> => {
          const uids: number[] = [];
          let after: { sentTime: number; uid: number } | undefined;
          for (let guard = 0; guard < 10; guard += 1) {
            const page = await storage.mailboxes.listMessagesBySentTime(folder.id, {
              descending,
              limit,
              ...(after === undefined ? {} : { after }),
            });
            uids.push(...page.map((message) => message.uid));
            const last = page[page.length - 1];
            if (page.length < limit || last === undefined) return uids;
            const header = last.envelope.date;
            const parsed = header === null ? Number.NaN : Date.parse(header);
            after = { sentTime: Number.isNaN(parsed) ? last.internalDate.getTime() : parsed, uid: last.uid };
          }
          return uids;
        };
        assert.deepEqual(await pages(true, 2), newestFirst);
        assert.deepEqual(await pages(false, 4), [2, 1, 3, 4, 6, 5]);
        assert.deepEqual(
          (
            await storage.mailboxes.listMessagesBySentTime(folder.id, {
              descending: true,
              offset: 1,
              limit: 2,
            })
          ).map((message) => message.uid),
          [6, 4],
        );
        // A copy keeps its sent time.
        await storage.mailboxes.copy(folder.id, [{ from: 2, to: 2 }], other.id);
        assert.deepEqual(
          (await storage.mailboxes.listMessagesBySentTime(other.id, { descending: false, limit: 5 })).map(
            (message) => message.uid,
          ),
          [2, 1],
        );
        await harness.clearSentTimes(storage);
        assert.deepEqual(await pages(true, 3), newestFirst);
      }));
  });
}
