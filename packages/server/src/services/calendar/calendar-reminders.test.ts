/**
 * Calendar reminders (decision 0040) on real SQLite storage with a simulated clock: a reminder
 * leaves at start minus its offset as one ordinary mail to the box's contact address, exactly
 * once even when two runs race or a run repeats; each occurrence of a repeating event gets its
 * own; an occurrence already begun gets none; an edit moves the next reminder.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { BlobKey } from '../../ports/blob-store.ts';
import type { Storage } from '../../ports/storage.ts';
import { openSqliteStorage } from '../../storage/sqlite/open-sqlite-storage.ts';
import { createCalendar } from './create-calendar.ts';
import { sendCalendarReminders } from './send-reminders.ts';

const settings = { providerName: 'Test PEC', from: 'noreply@pec.example.it', lifetimeMs: 3_600_000 };
/** December 2026 at `hh:mm` UTC (Rome is UTC+1). */
const utc = (day: number, hh: number, mm = 0): Date => new Date(Date.UTC(2026, 11, day, hh, mm));

describe('calendar reminders', () => {
  let storage: Storage;
  let now = utc(7, 7);
  const clock = { now: () => now };
  const blobs = new Map<string, string>();
  const blobStore = {
    put: (bytes: Uint8Array): Promise<BlobKey> => {
      const key = `blob-${String(blobs.size)}`;
      blobs.set(key, Buffer.from(bytes).toString('utf8'));
      return Promise.resolve(key);
    },
  };
  let box = 0;
  const mails = async (): Promise<{ to: string[]; text: string }[]> =>
    (await storage.queue.list({ kind: 'relay-message', limit: 1000 })).map((job) => {
      const payload = job.payload as { blobKey: string; rcptTo: string[] };
      return { to: payload.rcptTo, text: blobs.get(payload.blobKey) ?? '' };
    });
  const run = () => sendCalendarReminders({ storage, blobs: blobStore, settings }, now);

  before(async () => {
    storage = await openSqliteStorage({ file: ':memory:', clock });
    await storage.accounts.addDomain({ name: 'pec.example.it' });
    const mailbox = await storage.accounts.createMailbox({
      address: 'mario@pec.example.it',
      holderName: 'Mario Rossi',
      quotaBytes: 1_000_000,
      contactEmail: 'mario@example.org',
    });
    box = mailbox.id;
  });
  after(() => storage.close());

  it('sends each occurrence’s reminder once, at start minus the offset, to the contact address', async () => {
    const calendar = createCalendar({ store: storage.calendar, clock, productId: '-//Test//EN' });
    const saved = await calendar.create(box, {
      title: 'Udienza',
      location: 'Tribunale di Roma',
      notes: 'private',
      allDay: false,
      start: '2026-12-07T10:00',
      end: '2026-12-07T11:00',
      timeZone: 'Europe/Rome',
      repeat: { frequency: 'daily', until: null, count: 2 },
      reminders: [30],
    });
    assert.equal(saved.kind, 'saved');
    now = utc(7, 8, 29);
    assert.equal(await run(), 0, 'not yet: 09:29 UTC+1 is before 09:30');
    now = utc(7, 8, 30);
    const raced = await Promise.all([run(), run()]);
    assert.equal(raced[0] + raced[1], 1, 'two racing runs send one reminder');
    assert.equal(await run(), 0, 'a repeated run sends nothing');
    const [first] = await mails();
    assert.ok(first !== undefined);
    assert.deepEqual(first.to, ['mario@example.org']);
    assert.match(first.text, /Subject: Promemoria: Udienza \/ Reminder: Udienza/);
    assert.match(first.text, /10:00 \(Europe\/Rome\)/);
    assert.match(first.text, /Tribunale di Roma/);
    assert.doesNotMatch(first.text, /private/, 'the notes stay in the calendar');
    now = utc(8, 8, 31);
    assert.equal(await run(), 1, 'the second occurrence has its own reminder');
    assert.match((await mails())[1]?.text ?? '', /8 dicembre 2026/);
    now = utc(20, 8);
    assert.equal(await run(), 0, 'COUNT=2: no third');
    assert.equal((await mails()).length, 2);
  });

  it('sends nothing for an occurrence already begun, and follows an edit', async () => {
    const calendar = createCalendar({ store: storage.calendar, clock, productId: '-//Test//EN' });
    now = utc(10, 7);
    const saved = await calendar.create(box, {
      title: 'Scadenza',
      location: '',
      notes: '',
      allDay: false,
      start: '2026-12-10T12:00',
      end: '2026-12-10T12:30',
      timeZone: 'Europe/Rome',
      repeat: { frequency: 'none', until: null, count: null },
      reminders: [60],
    });
    assert.ok(saved.kind === 'saved');
    const before = (await mails()).length;
    // The node was down from 10:00 to after the start: the late reminder is dropped.
    now = utc(10, 11, 5);
    assert.equal(await run(), 0);
    assert.equal((await mails()).length, before);
    const moved = await calendar.update(box, saved.event.id, {
      ...saved.event,
      start: '2026-12-11T12:00',
      end: '2026-12-11T12:30',
      reminders: [60, 10],
    });
    assert.equal(moved.kind, 'saved');
    now = utc(11, 10);
    assert.equal(await run(), 1, 'one hour before the new start');
    now = utc(11, 10, 50);
    assert.equal(await run(), 1, 'and ten minutes before');
    now = utc(11, 12);
    assert.equal(await run(), 0);
    assert.equal((await mails()).length, before + 2);
  });
});
