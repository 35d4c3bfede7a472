/**
 * Contract of the notice preference and SMS outbox stores for every adapter: defaults, changes,
 * the mobile verified only by its code and within the tries; the digest claimed once per due
 * time (also from a second connection) and its items taken once; SMS counted against the day's
 * cap, held until due, claimed once, retried or given up; a contact change confirmed once by its code.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { seedMailbox, withStorage, type StorageHarness } from './storage-harness.ts';

const at = (minutes: number): Date => new Date(Date.UTC(2026, 11, 7) + minutes * 60_000);

export function describeNoticePreferenceStore(name: string, harness: StorageHarness): void {
  void describe(`Notice preference store contract (${name})`, () => {
    void it('keeps the preferences and verifies the mobile by its code, within the tries', () =>
      withStorage(harness, async (storage) => {
        const box = await seedMailbox(storage);
        const prefs = storage.noticePreferences;
        assert.deepEqual(await prefs.get(box.id), {
          emailMode: 'immediate',
          digestTimes: [],
          timeZone: 'Europe/Rome',
          mobile: null,
          mobileVerifiedAt: null,
          smsEnabled: false,
          smsBoxLife: false,
          quietStart: null,
          quietEnd: null,
        });
        const changed = await prefs.update(
          box.id,
          { emailMode: 'digest', digestTimes: ['08:00', '18:30'], quietStart: '22:00', quietEnd: '07:00' },
          at(0),
        );
        assert.equal(changed.emailMode, 'digest');
        assert.deepEqual(changed.digestTimes, ['08:00', '18:30']);
        assert.equal(changed.quietStart, '22:00');
        assert.equal((await prefs.update(box.id, { smsBoxLife: true }, at(0))).smsBoxLife, true);
        assert.equal((await prefs.get(box.id)).smsEnabled, false, 'the two SMS choices are apart');
        assert.equal(await prefs.verifyMobile(box.id, 'h1', at(1), 2), 'unknown');
        await prefs.setMobile(box.id, '+393331234567', 'h1', at(1));
        assert.equal(await prefs.verifyMobile(box.id, 'bad', at(2), 2), 'wrong-code');
        assert.equal(await prefs.verifyMobile(box.id, 'bad', at(2), 2), 'wrong-code');
        assert.equal(await prefs.verifyMobile(box.id, 'h1', at(2), 2), 'too-many-tries');
        await prefs.setMobile(box.id, '+393331234567', 'h2', at(3));
        assert.equal(await prefs.verifyMobile(box.id, 'h2', at(4), 2), 'verified');
        const verified = await prefs.get(box.id);
        assert.equal(verified.mobile, '+393331234567');
        assert.deepEqual(verified.mobileVerifiedAt, at(4));
        await prefs.removeMobile(box.id, at(5));
        assert.equal((await prefs.get(box.id)).mobile, null);
        assert.equal((await prefs.get(box.id)).emailMode, 'digest', 'other settings stay');
      }));

    void it('claims each due digest once, also from a second connection, and takes its items once', () =>
      withStorage(harness, async (storage) => {
        const second = await harness.openSecond(storage);
        try {
          const box = await seedMailbox(storage);
          const other = await seedMailbox(storage);
          await storage.noticePreferences.update(
            box.id,
            { emailMode: 'digest', digestTimes: ['08:00'] },
            at(0),
          );
          assert.deepEqual(
            (await storage.noticePreferences.digestBoxes()).map((b) => [b.mailboxId, b.lastDigestAt]),
            [[box.id, at(0)]],
            'switching to digest starts from now',
          );
          assert.equal(
            await storage.noticePreferences.claimDigest(other.id, at(60)),
            false,
            'not in digest mode',
          );
          const claims = await Promise.all([
            storage.noticePreferences.claimDigest(box.id, at(60)),
            second.noticePreferences.claimDigest(box.id, at(60)),
          ]);
          assert.deepEqual(claims.filter(Boolean), [true], 'one winner');
          assert.equal(await storage.noticePreferences.claimDigest(box.id, at(30)), false, 'older due time');
          for (const [id, minute] of [
            ['a', 10],
            ['b', 20],
            ['c', 70],
          ] as const)
            await storage.noticePreferences.addDigestItem(box.id, {
              id,
              from: 'mario@pec.example.it',
              subject: `s-${id}`,
              receivedAt: at(minute),
            });
          await storage.noticePreferences.addDigestItem(box.id, {
            id: 'a',
            from: null,
            subject: null,
            receivedAt: at(10),
          });
          const taken = await storage.noticePreferences.takeDigestItems(box.id, at(60));
          assert.deepEqual(
            taken.map((i) => [i.id, i.subject]),
            [
              ['a', 's-a'],
              ['b', 's-b'],
            ],
          );
          assert.deepEqual(await second.noticePreferences.takeDigestItems(box.id, at(60)), []);
          assert.deepEqual(
            (await storage.noticePreferences.takeDigestItems(box.id, at(120))).map((i) => i.id),
            ['c'],
          );
        } finally {
          await second.close();
        }
      }));

    void it('counts SMS against the day’s cap and sends each queued SMS once', () =>
      withStorage(harness, async (storage) => {
        const box = await seedMailbox(storage);
        const outbox = storage.smsOutbox;
        const counted = [];
        for (let i = 0; i < 3; i += 1) counted.push(await outbox.countDay(box.id, '2026-12-07', 2));
        assert.deepEqual(counted, [true, true, false]);
        assert.equal(await outbox.countDay(box.id, '2026-12-08', 2), true, 'a new day');
        await outbox.enqueue(
          { id: 's1', mailboxId: box.id, to: '+39333', text: 'one', notBefore: at(0) },
          at(0),
        );
        await outbox.enqueue(
          { id: 's2', mailboxId: box.id, to: '+39333', text: 'two', notBefore: at(30) },
          at(0),
        );
        assert.deepEqual(
          (await outbox.due(at(10), at(0), 10)).map((s) => s.id),
          ['s1'],
          'the second is held',
        );
        assert.equal(await outbox.claim('s1', at(10), at(5)), true);
        assert.equal(await outbox.claim('s1', at(10), at(5)), false, 'claimed');
        assert.deepEqual(await outbox.due(at(10), at(5), 10), []);
        await outbox.finish('s1', { sentAt: at(11) });
        assert.equal(await outbox.claim('s1', at(100), at(100)), false, 'sent');
        assert.equal(await outbox.claim('s2', at(31), at(26)), true);
        await outbox.finish('s2', { problem: 'the gateway answered 503', retryAt: at(40) });
        assert.deepEqual(await outbox.due(at(35), at(30), 10), [], 'waits for the retry');
        assert.equal(await outbox.claim('s2', at(41), at(36)), true);
        await outbox.finish('s2', { problem: 'the gateway answered 400', retryAt: null });
        assert.deepEqual(await outbox.due(at(100), at(100), 10), [], 'given up');
        const listed = await outbox.listForMailbox(box.id);
        assert.deepEqual(listed.map((s) => [s.id, s.sentAt, s.attempts, s.problem]).sort(), [
          ['s1', at(11), 1, null],
          ['s2', null, 2, 'the gateway answered 400'],
        ]);
      }));

    void it('keeps a contact change until its code confirms it once', () =>
      withStorage(harness, async (storage) => {
        const box = await seedMailbox(storage);
        const changes = storage.contactChanges;
        await changes.start(box.id, 'email', 'new@example.org', 'h1', at(0));
        await changes.start(box.id, 'mobile', '+393331234567', 'h2', at(0));
        assert.deepEqual(await changes.list(box.id), [
          { kind: 'email', value: 'new@example.org', createdAt: at(0) },
          { kind: 'mobile', value: '+393331234567', createdAt: at(0) },
        ]);
        assert.deepEqual(await changes.confirm(box.id, 'email', 'bad', at(0), 2), { outcome: 'wrong-code' });
        assert.deepEqual(await changes.confirm(box.id, 'email', 'bad', at(0), 2), { outcome: 'wrong-code' });
        assert.deepEqual(await changes.confirm(box.id, 'email', 'h1', at(0), 2), {
          outcome: 'too-many-tries',
        });
        await changes.start(box.id, 'email', 'newer@example.org', 'h3', at(5));
        assert.deepEqual(
          await changes.confirm(box.id, 'email', 'h3', at(10), 2),
          { outcome: 'unknown' },
          'expired',
        );
        assert.deepEqual(await changes.confirm(box.id, 'email', 'h3', at(0), 2), {
          outcome: 'confirmed',
          value: 'newer@example.org',
        });
        assert.deepEqual(
          await changes.confirm(box.id, 'email', 'h3', at(0), 2),
          { outcome: 'unknown' },
          'once',
        );
        await changes.cancel(box.id, 'mobile');
        assert.deepEqual(await changes.list(box.id), []);
      }));
  });
}
