/**
 * Receipts and notices from the other provider about a message our user sent (pec-spec §2.3, §2.5,
 * §3.4–§3.6, §3.8): each filed unchanged in the mailbox it is addressed to (our service mailbox for
 * the presa in carico and the rilevazione virus), each advancing the per-recipient status, none
 * answered with a receipt; a rilevazione virus gives our user the AVVISO DI MANCATA CONSEGNA PER VIRUS.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  buildDeliveryError,
  buildDeliveryReceipt,
  buildTakeCharge,
  buildVirusDetection,
  readPecMessage,
} from '@pec/core';
import { createAccessPoint } from '../../src/services/pipeline/access-point/create-access-point.ts';
import {
  envelopeJobKinds,
  parseEnvelopeJobPayload,
} from '../../src/services/pipeline/outbox/envelope-jobs.ts';
import { relayMessageJobKind } from '../../src/services/pipeline/relay/relay-message-job.ts';
import {
  daticertOf,
  folderMessages,
  opensslVerifyProblem,
  otherProviderDomain,
  renderTestMessage,
  xmllintProblem,
} from '../pipeline/create-test-provider.ts';
import {
  createReceptionHarness,
  otherMailReceipt,
  ourMailReceipt,
  type ReceptionHarness,
} from './reception-harness.ts';
import { accessPointDependencies } from '../../src/app/service-dependencies.ts';

const mario = 'mario.rossi@pec.example.it';
const r1 = `uno@${otherProviderDomain}`;
const r2 = `due@${otherProviderDomain}`;
const r3 = `tre@${otherProviderDomain}`;
const peerService = otherMailReceipt;

describe('reception point: receipts and notices from the other provider', () => {
  let h: ReceptionHarness;
  let sent = 0;

  before(async () => {
    h = await createReceptionHarness();
    await h.ours.addMailbox(mario);
  });
  after(() => h.close());

  /** Our user sends to the other provider; returns what the peer's notices need. */
  async function submit(to: string) {
    sent++;
    const outcome = await createAccessPoint(accessPointDependencies(h.ctx)).submit({
      authenticatedUser: mario,
      mailFrom: mario,
      rcptTo: to.split(', '),
      raw: renderTestMessage({ to, messageId: `<out-${sent}@mua.example>` }),
      remoteAddress: '127.0.0.1',
      secure: true,
    });
    assert.equal(outcome.kind, 'accepted');
    const jobs = await h.ctx.storage.queue.list({ kind: envelopeJobKinds.relay });
    const payload = jobs
      .map((job) => parseEnvelopeJobPayload(job.payload))
      .find((p) => p.identifier === outcome.identifier);
    assert.ok(payload !== undefined);
    return payload;
  }

  const common = (identifier: string, facts: Parameters<typeof buildTakeCharge>[0]['facts'], id: string) => ({
    provider: h.other.identity,
    issuedAt: h.ours.clock.now(),
    messageId: `${id}@${otherProviderDomain}`,
    identifier,
    facts,
  });

  it('presa in carico → service mailbox; consegna → sender; errore-consegna → sender; statuses follow', async () => {
    const { identifier, facts } = await submit(`${r1}, ${r2}`);
    const takeCharge = await h.sign(
      buildTakeCharge({
        ...common(identifier, facts, 'tc-1'),
        takenInCharge: [r1, r2],
        mailReceipt: ourMailReceipt,
      }),
    );
    await h.send({ mailFrom: peerService, rcptTo: [ourMailReceipt], raw: takeCharge });
    // The service mailbox is created at first use and holds the notice unchanged.
    const service = await folderMessages(h.ours, ourMailReceipt);
    assert.equal(service.length, 1);
    assert.ok(Buffer.from(service[0]!.bytes).equals(Buffer.from(takeCharge)));
    let status = await h.ctx.storage.tracking.get(identifier);
    assert.deepEqual(
      status?.recipients.map((r) => [r.address, r.status]),
      [
        [r1, 'taken-in-charge'],
        [r2, 'taken-in-charge'],
      ],
    );

    const delivered = await h.sign(
      buildDeliveryReceipt({ ...common(identifier, facts, 'ok-1'), recipient: r1, variant: 'sintetica' }),
    );
    await h.send({ mailFrom: peerService, rcptTo: [mario], raw: delivered, startTls: true });
    const failed = await h.sign(
      buildDeliveryError({
        ...common(identifier, facts, 'ko-1'),
        recipient: r2,
        error: 'no-dest',
        description: 'indirizzo non valido',
        extendedError: '5.1.1 - Other PEC S.p.A. - indirizzo non valido',
      }),
    );
    await h.send({ mailFrom: peerService, rcptTo: [mario], raw: failed });

    const inbox = await folderMessages(h.ours, mario);
    const received = inbox.filter(
      (m) => m.message.pecType === 'avvenuta-consegna' || m.message.pecType === 'errore-consegna',
    );
    assert.equal(received.length, 2);
    assert.ok(Buffer.from(received[0]!.bytes).equals(Buffer.from(delivered)));
    assert.ok(Buffer.from(received[1]!.bytes).equals(Buffer.from(failed)));
    status = await h.ctx.storage.tracking.get(identifier);
    assert.ok(status !== undefined);
    const [one, two] = status.recipients;
    assert.equal(one!.status, 'delivered');
    assert.equal(one!.events.delivered?.receiptId, `ok-1@${otherProviderDomain}`);
    assert.equal(two!.status, 'error');
    assert.match(two!.events.error?.detail ?? '', /^5\.1\.1/);
    // pec-spec §2.3: no receipt is ever generated for a receipt.
    assert.equal((await h.ctx.storage.queue.list({ kind: relayMessageJobKind })).length, 0);
  });

  it('the same receipt again (a peer that lost our 250) is not filed twice; the other addressee is', async () => {
    const { identifier, facts } = await submit(r1);
    const before = (await folderMessages(h.ours, mario)).length;
    const logBefore = (await h.ctx.storage.legalLog.search({ msgid: `again-1@${otherProviderDomain}` }))
      .length;
    const delivered = await h.sign(
      buildDeliveryReceipt({ ...common(identifier, facts, 'again-1'), recipient: r1, variant: 'sintetica' }),
    );
    const first = await h.send({ mailFrom: peerService, rcptTo: [mario], raw: delivered });
    assert.match(first.text, /filed/);
    const again = await h.send({ mailFrom: peerService, rcptTo: [mario], raw: delivered });
    assert.equal(again.code, 250);
    assert.match(again.text, /already filed/);
    const inbox = await folderMessages(h.ours, mario);
    assert.equal(inbox.length, before + 1, 'one copy in the sender INBOX');
    const logged = await h.ctx.storage.legalLog.search({ msgid: `again-1@${otherProviderDomain}` });
    assert.equal(logged.length - logBefore, 1, 'one reception logged');
    // A retry naming a recipient not filed yet files it for that one only.
    await h.ours.addMailbox('segreteria@pec.example.it');
    const widened = await h.send({
      mailFrom: peerService,
      rcptTo: [mario, 'segreteria@pec.example.it'],
      raw: delivered,
    });
    assert.equal(widened.code, 250);
    assert.equal((await folderMessages(h.ours, mario)).length, before + 1);
    assert.equal((await folderMessages(h.ours, 'segreteria@pec.example.it')).length, 1);
  });

  it('a receipt signed by a certificate not in the index is an anomaly and changes no status', async () => {
    const { identifier, facts } = await submit(r1);
    const forged = await h.sign(
      buildDeliveryReceipt({ ...common(identifier, facts, 'forged-1'), recipient: r1, variant: 'sintetica' }),
      h.forger,
    );
    await h.send({ mailFrom: peerService, rcptTo: [mario], raw: forged });
    const last = (await folderMessages(h.ours, mario)).at(-1);
    assert.equal(last?.message.pecType, 'anomalia');
    assert.equal((await h.ctx.storage.tracking.get(identifier))?.recipients[0]?.status, 'accepted');
  });

  it('a receipt for an unknown mailbox here is refused with 550 5.1.1, not answered with a receipt', async () => {
    const { identifier, facts } = await submit(r1);
    const receipt = await h.sign(
      buildDeliveryReceipt({ ...common(identifier, facts, 'lost-1'), recipient: r1, variant: 'sintetica' }),
    );
    const reply = await h.send({
      mailFrom: peerService,
      rcptTo: ['ex.utente@pec.example.it'],
      raw: receipt,
      dataCode: 550,
    });
    assert.match(reply.text, /^5\.1\.1 /);
    assert.equal((await h.ctx.storage.tracking.get(identifier))?.recipients[0]?.status, 'accepted');
  });

  it('rilevazione virus → our user gets AVVISO DI MANCATA CONSEGNA PER VIRUS, once', async () => {
    const { identifier, facts } = await submit(r3);
    const before = (await folderMessages(h.ours, mario)).length;
    const notice = await h.sign(
      buildVirusDetection({
        ...common(identifier, facts, 'virus-1'),
        recipient: r3,
        mailReceipt: ourMailReceipt,
        description: 'rilevato virus Eicar-Test-Signature',
      }),
    );
    await h.send({ mailFrom: peerService, rcptTo: [ourMailReceipt], raw: notice });
    const service = await folderMessages(h.ours, ourMailReceipt);
    assert.equal(service.at(-1)?.message.pecType, 'rilevazione-virus');

    const inbox = await folderMessages(h.ours, mario);
    assert.equal(inbox.length, before + 1);
    const warning = inbox.at(-1)!;
    assert.equal(await opensslVerifyProblem(h.ours, warning.bytes), undefined);
    assert.equal(await xmllintProblem(h.ours, daticertOf(warning.bytes)!), undefined);
    const read = await readPecMessage(warning.bytes, { trustAnchors: [h.ours.caDer] });
    assert.equal(read.type, 'errore-consegna');
    assert.equal(read.headers['X-VerificaSicurezza'], 'errore');
    assert.match(read.subject ?? '', /^AVVISO DI MANCATA CONSEGNA PER VIRUS: /);
    assert.equal(read.daticert?.error, 'virus');
    assert.equal(read.daticert.delivery, r3);
    assert.equal(read.identificativo, identifier);
    assert.equal(read.signature.chainValid, true);
    const status = await h.ctx.storage.tracking.get(identifier);
    assert.equal(status?.recipients[0]?.status, 'error');

    // The same notice again (a retry by the peer): filed, but no second warning to the user.
    await h.send({ mailFrom: peerService, rcptTo: [ourMailReceipt], raw: notice });
    assert.equal((await folderMessages(h.ours, mario)).length, before + 1);
  });
});
