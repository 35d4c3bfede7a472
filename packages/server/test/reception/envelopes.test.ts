/**
 * Transport envelopes arriving at our MX over real sockets (pec-spec §2.3, §2.4, §3.4, §3.9):
 * a valid one from a listed provider is taken in charge (one presa in carico to its mailReceipt,
 * listing every recipient here) and delivered byte-identical, with the delivery receipts relayed to
 * the original sender; a forged, a tampered or an unsigned one becomes a signed anomaly envelope,
 * never a receipt.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { readPecMessage } from '@pec/core';
import { legalLogEvents } from '../../src/services/log-register/legal-log-events.ts';
import {
  daticertOf,
  folderMessages,
  opensslVerifyProblem,
  otherProviderDomain,
  xmllintProblem,
} from '../pipeline/create-test-provider.ts';
import { assertAnomaly, postacertOf, readMessageId } from './assert-anomaly.ts';
import {
  createReceptionHarness,
  otherMailReceipt,
  remoteSender,
  type ReceptionHarness,
} from './reception-harness.ts';

const anna = 'anna.bianchi@pec.example.it';
const luca = 'luca.verdi@pec.example.it';
const nobody = 'nessuno@pec.example.it';

describe('reception point: transport envelopes from another provider', () => {
  let h: ReceptionHarness;

  before(async () => {
    h = await createReceptionHarness();
    await h.ours.addMailbox(anna);
    await h.ours.addMailbox(luca);
  });
  after(() => h.close());

  it('a valid envelope over STARTTLS: one presa in carico, envelope byte-identical, receipts back to the sender', async () => {
    const envelope = await h.envelopeFrom({ to: `${anna}, ${nobody}`, cc: luca });
    const reply = await h.send({
      mailFrom: remoteSender,
      rcptTo: [anna, luca, nobody],
      raw: envelope.bytes,
      startTls: true,
    });
    assert.match(reply.text, new RegExp(`taken in charge`));
    assert.match(reply.text, new RegExp(envelope.identifier.replace(/\./g, '\\.')));

    // pec-spec §3.4, §6.6: exactly one take-charge for the transaction, to the sender's mailReceipt.
    const takeCharges = await h.relayJobs('take-charge');
    assert.equal(takeCharges.length, 1);
    const [takeCharge] = takeCharges;
    assert.deepEqual(takeCharge!.payload.rcptTo, [otherMailReceipt]);
    assert.equal(takeCharge!.payload.mailFrom, `posta-certificata@pec.example.it`);
    assert.equal(await opensslVerifyProblem(h.ours, takeCharge!.bytes), undefined);
    assert.equal(await xmllintProblem(h.ours, daticertOf(takeCharge!.bytes)!), undefined);
    const read = await readPecMessage(takeCharge!.bytes, { trustAnchors: [h.ours.caDer] });
    assert.equal(read.type, 'presa-in-carico');
    assert.equal(read.signature.chainValid, true);
    assert.equal(read.identificativo, envelope.identifier);
    assert.deepEqual([...(read.daticert?.takenInCharge ?? [])].sort(), [anna, luca, nobody].sort());
    assert.match(read.subject ?? '', /^PRESA IN CARICO: /);

    // Delivery: the envelope exactly as received, in each existing recipient's INBOX.
    assert.equal(await h.deliverJobs(), 1);
    assert.equal(await h.runDeliveries(), 1);
    for (const address of [anna, luca]) {
      const inbox = await folderMessages(h.ours, address);
      assert.equal(inbox.length, 1);
      assert.ok(
        Buffer.from(inbox[0]!.bytes).equals(Buffer.from(envelope.bytes)),
        `${address}: not byte-identical`,
      );
      assert.equal(inbox[0]!.message.pecType, 'posta-certificata');
    }

    // pec-spec §3.5, §3.6, §6.6: one receipt per recipient, to the original sender through the relay.
    const receipts = await h.relayJobs('receipt');
    assert.equal(receipts.length, 3);
    const byRecipient = new Map<string, Awaited<ReturnType<typeof readPecMessage>>>();
    for (const job of receipts) {
      assert.deepEqual(job.payload.rcptTo, [remoteSender]);
      assert.equal(job.payload.identifier, envelope.identifier);
      assert.equal(await opensslVerifyProblem(h.ours, job.bytes), undefined);
      assert.equal(await xmllintProblem(h.ours, daticertOf(job.bytes)!), undefined);
      const receipt = await readPecMessage(job.bytes);
      assert.equal(receipt.identificativo, envelope.identifier);
      byRecipient.set(receipt.daticert?.delivery ?? '', receipt);
    }
    assert.equal(byRecipient.get(anna)?.type, 'avvenuta-consegna');
    assert.equal(byRecipient.get(anna)?.daticert?.receiptVariant, 'completa');
    // The completa receipt carries the original as carried in the envelope.
    const annaReceipt = receipts.find((job) => byRecipient.get(anna)?.messageId === readMessageId(job.bytes));
    assert.ok(annaReceipt !== undefined);
    assert.ok(Buffer.from(postacertOf(annaReceipt.bytes)).equals(Buffer.from(postacertOf(envelope.bytes))));
    assert.equal(byRecipient.get(luca)?.daticert?.receiptVariant, 'sintetica');
    assert.equal(byRecipient.get(nobody)?.type, 'errore-consegna');
    assert.equal(byRecipient.get(nobody)?.daticert?.error, 'no-dest');

    const log = await h.ctx.storage.legalLog.search({ msgid: envelope.identifier });
    const events = log.map((entry) => entry.eventType);
    for (const event of [
      legalLogEvents.envelopeReceived,
      legalLogEvents.takeChargeIssued,
      legalLogEvents.envelopeDelivered,
      legalLogEvents.deliveryReceiptIssued,
      legalLogEvents.deliveryErrorIssued,
    ]) {
      assert.ok(events.includes(event), `missing ${event}`);
    }
    assert.ok(log.every((entry) => entry.sendingProvider === 'Other PEC S.p.A.'));
  });

  it('the same envelope again (a peer that lost our 250) is not taken in charge twice; a new recipient is', async () => {
    const envelope = await h.envelopeFrom({ to: `${anna}, ${luca}` });
    await h.send({ mailFrom: remoteSender, rcptTo: [anna], raw: envelope.bytes });
    const takeCharges = (await h.relayJobs('take-charge')).length;
    const deliveries = await h.deliverJobs();
    const again = await h.send({ mailFrom: remoteSender, rcptTo: [anna], raw: envelope.bytes });
    assert.match(again.text, /already taken in charge/);
    assert.equal((await h.relayJobs('take-charge')).length, takeCharges);
    assert.equal(await h.deliverJobs(), deliveries);
    // The peer's continuation for its remaining recipient: only luca is new.
    await h.send({ mailFrom: remoteSender, rcptTo: [anna, luca], raw: envelope.bytes });
    const newest = (await h.relayJobs('take-charge')).at(-1)!;
    assert.equal((await h.relayJobs('take-charge')).length, takeCharges + 1);
    const read = await readPecMessage(newest.bytes, { skipSignature: true });
    assert.deepEqual(read.daticert?.takenInCharge, [luca]);
    assert.equal(await h.deliverJobs(), deliveries + 1);
    await h.runDeliveries();
  });

  it('a forged envelope (valid structure, signer not in the index) becomes an anomaly, never a receipt', async () => {
    const before = (await h.relayJobs()).length;
    const deliveries = await h.deliverJobs();
    const forged = await h.envelopeFrom({ to: anna, subject: 'Falso' }, h.forger);
    const reply = await h.send({ mailFrom: remoteSender, rcptTo: [anna], raw: forged.bytes });
    assert.match(reply.text, /anomaly/);
    await assertAnomaly(h, anna, forged.bytes, /indice dei gestori/);
    assert.equal((await h.relayJobs()).length, before, 'a receipt or notice was queued');
    assert.equal(await h.deliverJobs(), deliveries, 'a delivery was queued');
  });

  it('a tampered envelope (one byte changed) becomes an anomaly, never a receipt', async () => {
    const before = (await h.relayJobs()).length;
    const { bytes } = await h.envelopeFrom({ to: luca, subject: 'Importo 100 euro' });
    const tampered = Buffer.from(bytes);
    const at = tampered.indexOf('In allegato il contratto.');
    assert.ok(at > 0);
    tampered[at] = 'i'.charCodeAt(0);
    await h.send({ mailFrom: remoteSender, rcptTo: [luca], raw: tampered });
    await assertAnomaly(h, luca, tampered, /alterato/);
    assert.equal((await h.relayJobs()).length, before);
  });

  it('an unsigned message with PEC header fields becomes an anomaly even for a mailbox that refuses ordinary mail', async () => {
    const raw = Buffer.from(
      [
        'X-Trasporto: posta-certificata',
        `From: "Per conto di: ${remoteSender}" <posta-certificata@${otherProviderDomain}>`,
        `To: ${anna}`,
        'Subject: POSTA CERTIFICATA: senza firma',
        'Message-ID: <unsigned-1@other.example>',
        '',
        'Nessuna firma.',
        '',
      ].join('\r\n'),
    );
    await h.send({ mailFrom: remoteSender, rcptTo: [anna], raw });
    await assertAnomaly(h, anna, raw, /privo della firma/);
  });

  it('refuses relaying: RCPT TO another domain gets 550 5.7.1', async () => {
    const envelope = await h.envelopeFrom({ to: anna });
    const takeCharges = (await h.relayJobs('take-charge')).length;
    await h.send({
      mailFrom: remoteSender,
      rcptTo: [`someone@${otherProviderDomain}`, anna],
      rcptCodes: [550, 250],
      raw: envelope.bytes,
    });
    // The accepted recipient still got its envelope through the transaction.
    assert.equal((await h.relayJobs('take-charge')).length, takeCharges + 1);
  });
});
