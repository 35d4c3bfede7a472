/**
 * Contract of the calendar store for every adapter: events are created, listed by range, found by
 * UID, changed and removed within their box only; another box's id is "no such event"; a UID is
 * unique in its box; a due reminder is claimed by exactly one of two racing handles; events go
 * with their box.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CalendarEventRow } from '../../ports/calendar-store.ts';
import { seedMailbox, withStorage, type StorageHarness } from './storage-harness.ts';

const at = (ms: number) => new Date(ms);

function row(uid: string, startsAt: number, seriesEnd: number | null, remindAt?: number): CalendarEventRow {
  return {
    uid,
    details: `{"uid":"${uid}"}`,
    startsAt: at(startsAt),
    seriesEnd: seriesEnd === null ? null : at(seriesEnd),
    remindAt: remindAt === undefined ? null : at(remindAt),
    remindFor: remindAt === undefined ? null : at(startsAt),
  };
}

export function describeCalendarStore(name: string, harness: StorageHarness): void {
  void describe(`Calendar store contract (${name})`, () => {
    void it('keeps each box its own events, by range, and none of another box', () =>
      withStorage(harness, async (storage) => {
        const mario = await seedMailbox(storage);
        const anna = await seedMailbox(storage);
        const { calendar } = storage;
        assert.deepEqual(await calendar.listAll(mario.id), []);
        const late = await calendar.create(mario.id, row('late', 5000, 6000), at(1));
        const early = await calendar.create(mario.id, row('early', 1000, 2000), at(1));
        const forever = await calendar.create(mario.id, row('forever', 500, null), at(1));
        await calendar.create(anna.id, row('early', 1000, 2000), at(1));
        assert.deepEqual(
          (await calendar.listAll(mario.id)).map((e) => e.uid),
          ['forever', 'early', 'late'],
        );
        assert.deepEqual(
          (await calendar.list(mario.id, at(2000), at(5000))).map((e) => e.uid),
          ['forever'],
          'an event ending at the range start or starting at its end is outside it',
        );
        assert.deepEqual(
          (await calendar.list(mario.id, at(1500), at(5001))).map((e) => e.uid),
          ['forever', 'early', 'late'],
        );
        assert.equal(await calendar.count(mario.id), 3);
        const got = await calendar.get(mario.id, early.id);
        assert.ok(got);
        assert.equal(got.details, '{"uid":"early"}');
        assert.equal(got.seriesEnd?.getTime(), 2000);
        assert.equal(got.mailboxId, mario.id);
        assert.equal((await calendar.findByUid(mario.id, 'late'))?.id, late.id);
        assert.equal(await calendar.findByUid(mario.id, 'nope'), undefined);
        assert.equal(await calendar.get(anna.id, early.id), undefined, "another box's id");
        assert.equal(await calendar.update(anna.id, early.id, row('x', 1, 2), at(2)), false);
        assert.equal(await calendar.remove(anna.id, early.id), false);
        assert.equal(await calendar.update(mario.id, early.id, row('early', 7000, 8000), at(3)), true);
        const changed = await calendar.get(mario.id, early.id);
        assert.equal(changed?.startsAt.getTime(), 7000);
        assert.equal(changed.updatedAt.getTime(), 3);
        await assert.rejects(
          calendar.create(mario.id, row('late', 1, 2), at(4)),
          'a UID is unique in its box',
        );
        assert.equal(await calendar.remove(mario.id, forever.id), true);
        assert.equal(await calendar.remove(mario.id, forever.id), false);
        assert.equal(await storage.accounts.deleteMailbox(anna.id), true);
        assert.equal(await calendar.count(anna.id), 0, 'the rows went with their box');
        assert.equal(await calendar.count(mario.id), 2);
      }));

    void it('lists due reminders of every box and lets exactly one handle claim each', () =>
      withStorage(harness, async (storage) => {
        const mario = await seedMailbox(storage);
        const anna = await seedMailbox(storage);
        const { calendar } = storage;
        const a = await calendar.create(mario.id, row('a', 10_000, 11_000, 9_000), at(1));
        const b = await calendar.create(anna.id, row('b', 20_000, 21_000, 8_000), at(1));
        await calendar.create(anna.id, row('c', 30_000, 31_000, 29_000), at(1));
        await calendar.create(anna.id, row('d', 30_000, 31_000), at(1));
        assert.deepEqual(
          (await calendar.dueReminders(at(9_000), 10)).map((e) => e.uid),
          ['b', 'a'],
        );
        assert.deepEqual(
          (await calendar.dueReminders(at(9_000), 1)).map((e) => e.uid),
          ['b'],
        );
        const second = await harness.openSecond(storage);
        try {
          const next = { remindAt: at(19_000), remindFor: at(20_000) };
          const claims = await Promise.all([
            calendar.claimReminder(a.id, at(9_000), next),
            second.calendar.claimReminder(a.id, at(9_000), next),
          ]);
          assert.deepEqual(claims.filter(Boolean).length, 1, 'one claim wins');
        } finally {
          await second.close();
        }
        assert.equal(await calendar.claimReminder(a.id, at(9_000), null), false, 'already moved');
        assert.equal((await calendar.get(mario.id, a.id))?.remindAt?.getTime(), 19_000);
        assert.equal(await calendar.claimReminder(b.id, at(8_000), null), true);
        const done = await calendar.get(anna.id, b.id);
        assert.equal(done?.remindAt, null);
        assert.equal(done.remindFor, null);
        assert.deepEqual(
          (await calendar.dueReminders(at(25_000), 10)).map((e) => e.uid),
          ['a'],
        );
      }));
  });
}
