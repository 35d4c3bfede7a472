/**
 * Ordinary Internet mail at our MX (pec-spec §2.3, §3.9, §6.6, §12 pitfall 11) with each mailbox
 * policy: reject (the default) → a clear 5xx; accept → a signed anomaly envelope verified by openssl;
 * forward → a relay job with the identical bytes; mixed recipients → accepted for some, an RFC 3464
 * report for the others. Also the listener's limits and EHLO (STARTTLS offered, no AUTH).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { signMimeEntity } from '@pec/core';
import { legalLogEvents } from '../../src/services/log-register/legal-log-events.ts';
import { openSmtpTranscript } from '../../src/protocols/smtp/testing/smtp-transcript.ts';
import { folderMessages } from '../pipeline/create-test-provider.ts';
import { assertAnomaly } from './assert-anomaly.ts';
import {
  createReceptionHarness,
  dotStuff,
  ourMailReceipt,
  type ReceptionHarness,
} from './reception-harness.ts';

const strict = 'rigoroso@pec.example.it';
const open = 'aperto@pec.example.it';
const forwarding = 'inoltro@pec.example.it';
const outside = 'giulia@example.com';
const ordinaryForward = 'giulia.ordinaria@example.org';

let counter = 0;
function ordinaryMail(to: string, extra: readonly string[] = []): Buffer {
  counter++;
  return Buffer.from(
    [
      `From: Giulia <${outside}>`,
      `To: ${to}`,
      'Subject: Una mail normale',
      `Message-ID: <ordinary-${counter}@example.com>`,
      'Date: Tue, 10 Mar 2026 10:00:00 +0100',
      ...extra,
      '',
      'Ciao, questa non è posta certificata.',
      '',
    ].join('\r\n'),
    'utf8',
  );
}

describe('reception point: ordinary mail and mailbox policies', () => {
  let h: ReceptionHarness;

  before(async () => {
    h = await createReceptionHarness({ limits: { maxRecipients: 50 } });
    await h.ours.addMailbox(strict);
    await h.ours.addMailbox(open, { ordinaryMailPolicy: 'accept' });
    await h.ours.addMailbox(forwarding, { ordinaryMailPolicy: 'forward', forwardAddress: ordinaryForward });
  });
  after(() => h.close());

  it('reject (the default): 550 5.7.1 at the end of DATA, nothing stored, the refusal logged', async () => {
    const raw = ordinaryMail(strict);
    const reply = await h.send({ mailFrom: outside, rcptTo: [strict], raw, dataCode: 550 });
    assert.match(reply.text, /^5\.7\.1 .*accepts only certified mail/);
    assert.equal((await folderMessages(h.ours, strict)).length, 0);
    const log = await h.ctx.storage.legalLog.search({ sender: outside });
    assert.ok(
      log.some((e) => e.eventType === legalLogEvents.receptionRefused && e.recipients.includes(strict)),
    );
  });

  it('accept: a signed anomaly envelope with the whole original, Message-ID kept', async () => {
    const raw = ordinaryMail(open);
    const reply = await h.send({ mailFrom: outside, rcptTo: [open], raw });
    assert.match(reply.text, /ordinary mail/);
    await assertAnomaly(h, open, raw, /posta ordinaria/);
    assert.equal((await h.relayJobs()).length, 0, 'no receipt, notice or DSN for ordinary mail');
  });

  it('forward: the identical bytes relayed to the ordinary address, reverse-path kept', async () => {
    const raw = ordinaryMail(forwarding);
    await h.send({ mailFrom: outside, rcptTo: [forwarding], raw });
    const [job, ...more] = await h.relayJobs('forward');
    assert.equal(more.length, 0);
    assert.ok(job !== undefined);
    assert.deepEqual(job.payload.rcptTo, [ordinaryForward]);
    assert.equal(job.payload.mailFrom, outside);
    assert.ok(Buffer.from(job.bytes).equals(raw));
    assert.equal((await folderMessages(h.ours, forwarding)).length, 0);
  });

  it('mixed recipients: accepted, an anomaly for one, a DSN to the sender for the others', async () => {
    const raw = ordinaryMail(`${open}, ${strict}, sconosciuto@pec.example.it`);
    const before = (await folderMessages(h.ours, open)).length;
    await h.send({ mailFrom: outside, rcptTo: [open, strict, 'sconosciuto@pec.example.it'], raw });
    assert.equal((await folderMessages(h.ours, open)).length, before + 1);
    const [dsn, ...more] = await h.relayJobs('dsn');
    assert.equal(more.length, 0);
    assert.ok(dsn !== undefined);
    assert.equal(dsn.payload.mailFrom, '');
    assert.deepEqual(dsn.payload.rcptTo, [outside]);
    const text = Buffer.from(dsn.bytes).toString('latin1');
    assert.match(text, /Content-Type: multipart\/report; report-type=delivery-status/);
    assert.match(
      text,
      new RegExp(`Final-Recipient: rfc822; ${strict}\\r\\nAction: failed\\r\\nStatus: 5\\.7\\.1`),
    );
    assert.match(
      text,
      /Final-Recipient: rfc822; sconosciuto@pec\.example\.it\r\nAction: failed\r\nStatus: 5\.1\.1/,
    );
    assert.doesNotMatch(text, new RegExp(`Final-Recipient: rfc822; ${open}`));
    assert.match(text, /Message-ID: <ordinary-\d+@example\.com>/, 'the original header block is attached');
  });

  it('mixed recipients from the null sender: no DSN (RFC 5321 §4.5.5)', async () => {
    const before = (await h.relayJobs('dsn')).length;
    await h.send({ mailFrom: '', rcptTo: [open, strict], raw: ordinaryMail(`${open}, ${strict}`) });
    assert.equal((await h.relayJobs('dsn')).length, before);
  });

  it('unknown mailboxes only: 550 5.1.1; the service mailbox refuses ordinary mail with 5.7.1', async () => {
    const unknown = await h.send({
      mailFrom: outside,
      rcptTo: ['nessuno@pec.example.it'],
      raw: ordinaryMail('nessuno@pec.example.it'),
      dataCode: 550,
    });
    assert.match(unknown.text, /^5\.1\.1 /);
    const service = await h.send({
      mailFrom: outside,
      rcptTo: [ourMailReceipt],
      raw: ordinaryMail(ourMailReceipt),
      dataCode: 550,
    });
    assert.match(service.text, /^5\.7\.1 /);
  });

  it('S/MIME mail signed by a person (no PEC header, signer not a provider) is ordinary mail', async () => {
    const content = Buffer.from('Content-Type: text/plain; charset=us-ascii\r\n\r\nFirmato da me.\r\n');
    const signed = await signMimeEntity({
      headerLines: `From: ${outside}\r\nTo: ${strict}\r\nSubject: firmato\r\nMessage-ID: <smime-1@example.com>\r\n`,
      content,
      signer: h.forger.signer,
      signingTime: h.ours.clock.now(),
      boundary: 'smime-boundary-1',
    });
    const reply = await h.send({ mailFrom: outside, rcptTo: [strict], raw: signed, dataCode: 550 });
    assert.match(reply.text, /accepts only certified mail/);
  });

  it('EHLO offers STARTTLS and SIZE, not AUTH; plain mail is accepted; limits are enforced', async () => {
    const smtp = await openSmtpTranscript({ host: '127.0.0.1', port: h.port, ca: h.caPem });
    try {
      await smtp.expect(220, /reception point/);
      const ehlo = await smtp.send('EHLO client.example.com', 250);
      assert.match(ehlo.text, /^STARTTLS$/m);
      assert.match(ehlo.text, /^SIZE \d+$/m);
      assert.doesNotMatch(ehlo.text, /AUTH/);
      // RFC 1870: a declared size over the limit is refused at MAIL FROM.
      await smtp.send(`MAIL FROM:<${outside}> SIZE=999999999999`, 552);
      await smtp.send(`MAIL FROM:<${outside}>`, 250);
      for (let i = 0; i < 50; i++) await smtp.send(`RCPT TO:<r${i}@pec.example.it>`, 250);
      await smtp.send('RCPT TO:<r50@pec.example.it>', 452, /4\.5\.3 too many recipients/);
      await smtp.send('RSET', 250);
      await smtp.send(`MAIL FROM:<${outside}>`, 250);
      await smtp.send(`RCPT TO:<${open}>`, 250);
      await smtp.send('DATA', 354);
      smtp.write(dotStuff(ordinaryMail(open, [`X-Long: ${'x'.repeat(1200)}`])));
      await smtp.expect(554, /5\.6\.0 .*longer than 1000 octets/);
    } finally {
      await smtp.close();
    }
  });
});
