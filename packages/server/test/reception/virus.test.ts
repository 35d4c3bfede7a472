/**
 * Antivirus at the reception point with a real clamd (pec-spec §2.1, §2.3, §3.8): an envelope from
 * the other provider carrying EICAR is taken in charge but not delivered; one rilevazione virus per
 * recipient goes to the sending provider's mailReceipt; the envelope is quarantined for 30 months.
 * Infected ordinary mail is refused with 554 and quarantined too. Skipped when clamd is not installed.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { readPecMessage } from '@pec/core';
import { createClamdScanner } from '../../src/antivirus/clamd/create-clamd-scanner.ts';
import { legalLogEvents } from '../../src/services/log-register/legal-log-events.ts';
import {
  daticertOf,
  folderMessages,
  opensslVerifyProblem,
  xmllintProblem,
} from '../pipeline/create-test-provider.ts';
import {
  clamdSkipReason,
  eicarSignatureName,
  eicarTestFile,
  startClamd,
  type ClamdHarness,
} from '../support/clamd-harness.ts';
import {
  createReceptionHarness,
  otherMailReceipt,
  remoteSender,
  type ReceptionHarness,
} from './reception-harness.ts';

const anna = 'anna.bianchi@pec.example.it';
const luca = 'luca.verdi@pec.example.it';

describe('reception point antivirus with clamd', { skip: clamdSkipReason() ?? false }, () => {
  let clamd: ClamdHarness;
  let h: ReceptionHarness;

  before(async () => {
    clamd = await startClamd();
    h = await createReceptionHarness({
      virusScanner: createClamdScanner({ host: clamd.host, port: clamd.port, timeoutMs: 30_000 }),
    });
    await h.ours.addMailbox(anna);
    await h.ours.addMailbox(luca, { ordinaryMailPolicy: 'accept' });
  });
  after(async () => {
    await h.close();
    await clamd.stop();
  });

  it('EICAR in an envelope: presa in carico, one rilevazione virus per recipient, quarantine, no delivery', async () => {
    const envelope = await h.envelopeFrom({ to: anna, cc: luca, attachment: eicarTestFile() });
    const reply = await h.send({ mailFrom: remoteSender, rcptTo: [anna, luca], raw: envelope.bytes });
    assert.match(reply.text, /virus found, not delivered/);

    assert.equal(await h.deliverJobs(), 0, 'an infected envelope must not reach the delivery point');
    assert.equal((await folderMessages(h.ours, anna)).length, 0);
    assert.equal((await folderMessages(h.ours, luca)).length, 0);

    const notices = await h.relayJobs('virus-detection');
    assert.equal(notices.length, 2);
    const about = new Set<string>();
    for (const job of notices) {
      assert.deepEqual(job.payload.rcptTo, [otherMailReceipt]);
      assert.equal(await opensslVerifyProblem(h.ours, job.bytes), undefined);
      assert.equal(await xmllintProblem(h.ours, daticertOf(job.bytes)!), undefined);
      const read = await readPecMessage(job.bytes);
      assert.equal(read.type, 'rilevazione-virus');
      assert.equal(read.identificativo, envelope.identifier);
      assert.equal(read.daticert?.error, 'virus');
      assert.equal(read.headers['X-Mittente'], remoteSender);
      assert.match(read.subject ?? '', /^PROBLEMA DI SICUREZZA: /);
      about.add(read.daticert.delivery ?? '');
    }
    assert.deepEqual([...about].sort(), [anna, luca].sort());
    assert.equal((await h.relayJobs('take-charge')).length, 1);

    const { records } = await h.quarantine.list();
    const record = records.find((r) => r.identifier === envelope.identifier);
    assert.ok(record !== undefined, 'not quarantined');
    assert.equal(record.point, 'reception');
    assert.match(record.signature, new RegExp(`^${eicarSignatureName}`));
    assert.ok(Buffer.from(await h.quarantine.readMessage(record.sha256)).equals(Buffer.from(envelope.bytes)));
    const months =
      (new Date(record.retainUntil).getTime() - new Date(record.detectedAt).getTime()) / 86_400_000 / 30.44;
    assert.ok(months > 29.5 && months < 30.5, `retained ${months} months`);

    const log = await h.ctx.storage.legalLog.search({ msgid: envelope.identifier });
    assert.ok(log.some((e) => e.eventType === legalLogEvents.virusQuarantined));
    assert.equal(log.filter((e) => e.eventType === legalLogEvents.virusDetectionIssued).length, 2);
  });

  it('infected ordinary mail is refused with 554 5.7.1 and quarantined, even for a box that accepts ordinary mail', async () => {
    const raw = Buffer.from(
      [
        'From: <virus@example.com>',
        `To: ${luca}`,
        'Subject: fattura',
        'Message-ID: <eicar-1@example.com>',
        '',
        eicarTestFile().toString('latin1'),
        '',
      ].join('\r\n'),
      'latin1',
    );
    const reply = await h.send({ mailFrom: 'virus@example.com', rcptTo: [luca], raw, dataCode: 554 });
    assert.match(reply.text, /^5\.7\.1 .*virus/);
    assert.equal((await folderMessages(h.ours, luca)).length, 0);
    const { records } = await h.quarantine.list();
    assert.ok(records.some((r) => r.sender === 'virus@example.com' && r.recipients.includes(luca)));
  });
});
