/**
 * Digests and SMS notices of new PEC (decision 0036) on real SQLite storage with a recording
 * gateway and clock inputs: local times follow the holder's zone; a digest lists the PEC since the
 * last one (sender, subject, time only) once per due time, even when two runs race; SMS go only to
 * a verified mobile when the plan includes SMS, wait for the end of quiet hours, stop at the day's
 * cap, and are retried on a gateway's passing failure and given up on a refusal.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { BlobKey } from '../../ports/blob-store.ts';
import type { SmsGateway, SmsMessage, SmsOutcome } from '../../ports/sms-gateway.ts';
import type { Storage } from '../../ports/storage.ts';
import { openSqliteStorage } from '../../storage/sqlite/open-sqlite-storage.ts';
import { createAccountService } from '../accounts/create-account-service.ts';
import { codeHash, noticeNewPec, type NewPecNoticeSettings } from './new-pec-notices.ts';
import { createNoticePreferenceService } from './notice-preferences.ts';
import { sendDigests } from './send-digests.ts';
import { sendSmsNotices } from './send-sms-notices.ts';
import { latestDueTime, localDay, quietUntil } from './zoned-times.ts';

const settings: NewPecNoticeSettings = {
  providerName: 'Test PEC',
  from: 'noreply@pec.example.it',
  lifetimeMs: 3_600_000,
  perHour: 20,
  smsPerDay: 3,
  smsAvailable: true,
};

/** 2026-12-07 at `hh:mm` UTC (Rome is UTC+1 in December). */
const utc = (hh: number, mm = 0, day = 7): Date => new Date(Date.UTC(2026, 11, day, hh, mm));

describe('digests and SMS notices', () => {
  let storage: Storage;
  let now = utc(5);
  const clock = { now: () => now };
  const blobs = new Map<string, string>();
  const blobStore = {
    put: (bytes: Uint8Array): Promise<BlobKey> => {
      const key = `blob-${String(blobs.size)}`;
      blobs.set(key, Buffer.from(bytes).toString('utf8'));
      return Promise.resolve(key);
    },
  };
  const sent: SmsMessage[] = [];
  let answer: SmsOutcome = { sent: true, status: 202 };
  const gateway: SmsGateway = {
    send: (message) => {
      sent.push(message);
      return Promise.resolve(answer);
    },
  };
  const ids: Record<string, number> = {};
  let serial = 0;

  async function file(box: string, subject: string, at: Date): Promise<void> {
    serial += 1;
    const mailboxId = ids[box];
    assert.ok(mailboxId !== undefined);
    await storage.transaction((tx) =>
      noticeNewPec(tx, blobStore, settings, {
        mailboxId,
        box: `${box}@pec.example.it`,
        from: 'mario@pec.example.it',
        subject,
        at,
        id: `pec-${String(serial)}`,
      }),
    );
  }
  /** The mail's text with folded headers joined and quoted-printable undone. */
  const readable = (mail: string): string =>
    Buffer.from(
      mail
        .replace(/\r\n[ \t]/g, ' ')
        .replace(/=\r\n/g, '')
        .replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))),
      'latin1',
    ).toString('utf8');
  const relayMails = async (): Promise<string[]> =>
    (await storage.queue.list({ kind: 'relay-message', limit: 1000 })).map((job) =>
      readable(blobs.get((job.payload as { blobKey: string }).blobKey) ?? ''),
    );

  before(async () => {
    storage = await openSqliteStorage({ file: ':memory:', clock });
    const accounts = createAccountService({ storage, clock });
    await accounts.addDomain('pec.example.it');
    await storage.plans.add({
      name: 'sms',
      description: 'with SMS',
      boxQuotaBytes: 1024 ** 3,
      archiveQuotaBytes: 0,
      smsIncluded: true,
      durationMonths: 12,
      priceCents: 0,
    });
    for (const name of ['anna', 'bruno', 'carla']) {
      const box = await accounts.createMailbox({
        address: `${name}@pec.example.it`,
        password: 'pw-pw-pw-pw',
      });
      ids[name] = box.id;
      await storage.notices.addOrRecode(box.id, `${name}@avvisi.example`, codeHash('123456'), now);
      await storage.notices.verify(box.id, `${name}@avvisi.example`, codeHash('123456'), now, 5);
    }
  });
  after(() => storage.close());

  it('reads due times and quiet hours in the holder’s zone', () => {
    const rome = 'Europe/Rome';
    assert.deepEqual(latestDueTime(['08:00', '18:00'], rome, utc(10)), utc(7));
    assert.deepEqual(latestDueTime(['08:00', '18:00'], rome, utc(6, 59)), utc(17, 0, 6), 'yesterday’s last');
    assert.equal(latestDueTime([], rome, utc(10)), undefined);
    // Summer time: 08:00 in Rome is 06:00 UTC in July.
    assert.deepEqual(
      latestDueTime(['08:00'], rome, new Date(Date.UTC(2026, 6, 1, 7))),
      new Date(Date.UTC(2026, 6, 1, 6)),
    );
    assert.deepEqual(quietUntil('22:00', '07:00', rome, utc(22, 30)), utc(6, 0, 8), 'across midnight');
    assert.deepEqual(quietUntil('22:00', '07:00', rome, utc(3)), utc(6));
    assert.equal(quietUntil('22:00', '07:00', rome, utc(12)), undefined);
    assert.equal(quietUntil(null, null, rome, utc(3)), undefined);
    assert.equal(localDay(utc(23, 30), rome), '2026-12-08');
  });

  it('sends one digest per due time listing the PEC since the last one, once even when two runs race', async () => {
    const prefs = createNoticePreferenceService({ storage, clock, gateway, settings });
    const anna = ids['anna'] ?? 0;
    now = utc(5);
    const refused = await prefs.update(anna, { emailMode: 'digest' });
    assert.deepEqual(refused, { ok: false, problem: 'a digest needs at least one time of day' });
    assert.equal((await prefs.update(anna, { digestTimes: ['25:00'] })).ok, false);
    const set = await prefs.update(anna, { emailMode: 'digest', digestTimes: ['18:00', '08:00', '08:00'] });
    assert.ok(set.ok);
    assert.deepEqual(set.view.prefs.digestTimes, ['08:00', '18:00']);
    const before = (await relayMails()).length;
    assert.equal(before, 0);
    await file('anna', 'Contratto', utc(5, 10));
    await file('anna', 'Fattura 12', utc(6, 40));
    assert.equal((await relayMails()).length, before, 'no notice at once in digest mode');
    assert.equal(await sendDigests({ storage, blobs: blobStore, settings }, utc(6, 50)), 0, 'not yet 08:00');
    await file('anna', 'Dopo le otto', utc(7, 0, 7));
    const runs = await Promise.all([
      sendDigests({ storage, blobs: blobStore, settings }, utc(7, 1)),
      sendDigests({ storage, blobs: blobStore, settings }, utc(7, 1)),
    ]);
    assert.deepEqual(runs.sort(), [0, 1], 'one of two racing runs sends it');
    assert.equal(await sendDigests({ storage, blobs: blobStore, settings }, utc(7, 30)), 0);
    const mails = (await relayMails()).filter((m) => m.includes('Digest:'));
    assert.equal(mails.length, 1);
    const digest = mails[0] ?? '';
    assert.match(digest, /Digest: 3 new PEC/);
    assert.match(digest, /07\/12\/2026, 06:10 · mario@pec\.example\.it · Contratto/);
    assert.match(digest, /Fattura 12/);
    assert.match(digest, /Dopo le otto/, 'received at the due minute: in this digest');
    await file('anna', 'Pomeriggio', utc(16, 30));
    assert.equal(await sendDigests({ storage, blobs: blobStore, settings }, utc(17, 5)), 1, '18:00 in Rome');
    assert.equal(
      await sendDigests({ storage, blobs: blobStore, settings }, utc(7, 1, 8)),
      0,
      'nothing new: no mail',
    );
    const evening = (await relayMails()).filter((m) => m.includes('Digest: 1 new PEC'));
    assert.equal(evening.length, 1);
    assert.equal(/Contratto/.test(evening[0] ?? ''), false, 'only since the last digest');
  });

  it('verifies a mobile by its code and sends SMS only when the plan includes them', async () => {
    const prefs = createNoticePreferenceService({ storage, clock, gateway, settings });
    const bruno = ids['bruno'] ?? 0;
    now = utc(9);
    assert.equal((await prefs.setMobile(bruno, '333 123')).ok, false);
    const set = await prefs.setMobile(bruno, '+39 333 123 4567');
    assert.ok(set.ok);
    assert.equal(set.view.prefs.mobile, '+393331234567');
    const code = /: (\d{6})$/.exec(sent.at(-1)?.text ?? '')?.[1] ?? '';
    assert.equal(sent.at(-1)?.to, '+393331234567');
    assert.deepEqual(await prefs.verifyMobile(bruno, '000000'), {
      ok: false,
      problem: 'the code is not the one sent to this number',
    });
    assert.ok((await prefs.verifyMobile(bruno, code)).ok);
    assert.deepEqual(await prefs.update(bruno, { smsEnabled: true }), {
      ok: false,
      problem: 'your plan does not include SMS notices',
    });
    await file('bruno', 'Senza piano', utc(9, 5));
    assert.deepEqual(await storage.smsOutbox.listForMailbox(bruno), []);
    await storage.accounts.updateMailbox(bruno, { plan: 'sms' });
    assert.ok((await prefs.update(bruno, { smsEnabled: true })).ok);
    await file('bruno', 'Con piano', utc(9, 6));
    const before = sent.length;
    assert.equal(await sendSmsNotices({ outbox: storage.smsOutbox, gateway }, utc(9, 7)), 1);
    assert.equal(sent.length, before + 1);
    assert.match(
      sent.at(-1)?.text ?? '',
      /^Nuova PEC \/ New PEC bruno@pec\.example\.it da\/from mario@pec\.example\.it: Con piano$/,
    );
    assert.equal(await sendSmsNotices({ outbox: storage.smsOutbox, gateway }, utc(9, 8)), 0, 'sent once');
  });

  it('holds SMS through quiet hours, stops at the day’s cap, retries passing failures only', async () => {
    const prefs = createNoticePreferenceService({ storage, clock, gateway, settings });
    const carla = ids['carla'] ?? 0;
    await storage.accounts.updateMailbox(carla, { plan: 'sms' });
    now = utc(20);
    assert.ok((await prefs.setMobile(carla, '+393339999999')).ok, 'one SMS of three today');
    const code = /: (\d{6})$/.exec(sent.at(-1)?.text ?? '')?.[1] ?? '';
    assert.ok((await prefs.verifyMobile(carla, code)).ok);
    assert.ok((await prefs.update(carla, { smsEnabled: true, quietStart: '22:00', quietEnd: '07:00' })).ok);
    assert.equal((await prefs.update(carla, { quietStart: null })).ok, false, 'both or none');
    // 21:30 UTC is 22:30 in Rome: quiet until 07:00 Rome (06:00 UTC) of the 8th, a new day's cap.
    for (const minute of [30, 31, 32, 33]) await file('carla', `Notte ${String(minute)}`, utc(21, minute));
    const queued = await storage.smsOutbox.listForMailbox(carla);
    assert.equal(queued.length, 3, 'the 8th’s cap of three');
    assert.ok(queued.every((s) => s.notBefore.getTime() === utc(6, 0, 8).getTime()));
    const before = sent.length;
    assert.equal(await sendSmsNotices({ outbox: storage.smsOutbox, gateway }, utc(23)), 0, 'quiet');
    answer = { sent: false, status: 503, problem: 'the gateway answered 503' };
    assert.equal(await sendSmsNotices({ outbox: storage.smsOutbox, gateway }, utc(6, 0, 8)), 0);
    answer = { sent: false, status: 400, problem: 'the gateway answered 400' };
    assert.equal(
      await sendSmsNotices({ outbox: storage.smsOutbox, gateway }, utc(6, 2, 8)),
      0,
      'retry waits',
    );
    assert.equal(await sendSmsNotices({ outbox: storage.smsOutbox, gateway }, utc(6, 5, 8)), 0);
    answer = { sent: true, status: 202 };
    assert.equal(await sendSmsNotices({ outbox: storage.smsOutbox, gateway }, utc(7, 0, 8)), 0, 'given up');
    assert.equal(sent.length, before + 6, 'three tried twice');
    const final = await storage.smsOutbox.listForMailbox(carla);
    assert.ok(final.every((s) => s.sentAt === null && s.problem === 'the gateway answered 400'));
    // A new number is refused once the day's cap (codes included) is spent.
    now = utc(20, 0, 7);
    assert.ok((await prefs.setMobile(carla, '+393338888888')).ok, 'second of three on the 7th');
    assert.ok((await prefs.setMobile(carla, '+393338888888')).ok, 'third');
    assert.deepEqual(await prefs.setMobile(carla, '+393338888888'), {
      ok: false,
      problem: 'today’s SMS limit is reached: try again tomorrow',
    });
    assert.equal((await prefs.get(carla)).prefs.smsEnabled, false, 'a new number stops SMS until verified');
  });
});
