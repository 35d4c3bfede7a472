/**
 * Contract of MailboxStore.listFlagRuns for every adapter: the flags `listMessageStates` gives, as
 * ascending, maximal runs of consecutive UIDs sharing one flag list (holes left by EXPUNGE cut a
 * run), under the same UID-range query, with the largest modseq of the listed messages.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { FlagRuns, MessageState } from '../../ports/mailbox-store.ts';
import { sampleMessage, seedMailbox, withStorage, type StorageHarness } from './storage-harness.ts';

/** The runs `states` (ascending) make: what every adapter must answer. */
function expectedRuns(states: readonly MessageState[]): FlagRuns {
  const runs: { from: number; to: number; flags: readonly string[] }[] = [];
  for (const state of states) {
    const last = runs[runs.length - 1];
    if (last !== undefined && last.to + 1 === state.uid && last.flags.join(' ') === state.flags.join(' ')) {
      last.to = state.uid;
    } else runs.push({ from: state.uid, to: state.uid, flags: state.flags });
  }
  return { runs, highestModseq: Math.max(0, ...states.map((state) => state.modseq)) };
}

export function describeFlagRuns(name: string, harness: StorageHarness): void {
  void describe(`MailboxStore flag runs (${name})`, () => {
    void it('lists the flags of listMessageStates as maximal runs of consecutive UIDs', () =>
      withStorage(harness, async (storage) => {
        const mailbox = await seedMailbox(storage);
        const folder = await storage.mailboxes.createFolder(mailbox.id, { name: 'INBOX' });
        const other = await storage.mailboxes.createFolder(mailbox.id, { name: 'Archivio' });
        await storage.mailboxes.append(other.id, sampleMessage({ flags: ['\\Seen'] }));
        for (let i = 1; i <= 30; i += 1) {
          const flags =
            i <= 12 || (i > 20 && i <= 24) ? [] : i % 3 === 0 ? ['\\Seen'] : ['\\Flagged', 'urgente'];
          await storage.mailboxes.append(folder.id, sampleMessage({ flags }));
        }
        // Holes: 15 and 16 expunged, 7 expunged inside the first run.
        await storage.mailboxes.setFlags(
          folder.id,
          [
            { from: 7, to: 7 },
            { from: 15, to: 16 },
          ],
          {
            mode: 'add',
            flags: ['\\Deleted'],
          },
        );
        await storage.mailboxes.expunge(folder.id);
        const all = await storage.mailboxes.listFlagRuns(folder.id);
        assert.deepEqual(all, expectedRuns(await storage.mailboxes.listMessageStates(folder.id)));
        assert.deepEqual(
          all.runs.slice(0, 2).map((run) => [run.from, run.to, run.flags]),
          [
            [1, 6, []],
            [8, 12, []],
          ],
        );
        const query = { uids: [{ from: 3, to: 9 }, { from: 14, to: 22 }, { from: 29 }] };
        assert.deepEqual(
          await storage.mailboxes.listFlagRuns(folder.id, query),
          expectedRuns(await storage.mailboxes.listMessageStates(folder.id, query)),
        );
        // One flag list for the whole folder: one run.
        await storage.mailboxes.setFlags(folder.id, [{ from: 1 }], {
          mode: 'replace',
          flags: ['\\Answered'],
        });
        const uniform = await storage.mailboxes.listFlagRuns(folder.id, { uids: [{ from: 17, to: 30 }] });
        assert.deepEqual(
          uniform,
          expectedRuns(
            await storage.mailboxes.listMessageStates(folder.id, { uids: [{ from: 17, to: 30 }] }),
          ),
        );
        assert.equal(uniform.runs.length, 1);
        assert.deepEqual(await storage.mailboxes.listFlagRuns(999_999), { runs: [], highestModseq: 0 });
        assert.deepEqual(await storage.mailboxes.listFlagRuns(folder.id, { uids: [] }), {
          runs: [],
          highestModseq: 0,
        });
      }));
  });
}
