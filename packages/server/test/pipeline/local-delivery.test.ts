import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  findParts,
  getHeader,
  parseDaticert,
  parseMimeTree,
  readBodyBytes,
  readPecMessage,
  stripAngleBrackets,
} from '@pec/core';
import { createAccessPoint } from '../../src/services/pipeline/access-point/create-access-point.ts';
import type { Submission } from '../../src/services/pipeline/access-point/access-point.ts';
import { createDeliverEnvelopeHandler } from '../../src/services/pipeline/delivery-point/create-deliver-envelope-handler.ts';
import { createOutboxWorker } from '../../src/services/pipeline/outbox/create-outbox-worker.ts';
import {
  envelopeJobKinds,
  parseEnvelopeJobPayload,
} from '../../src/services/pipeline/outbox/envelope-jobs.ts';
import { legalLogEvents } from '../../src/services/log-register/legal-log-events.ts';
import { verifyLog } from '../../src/services/log-register/verify-log.ts';
import { searchLog } from '../../src/services/log-register/search-log.ts';
import { getMessageStatus } from '../../src/services/tracking/get-message-status.ts';
import {
  createTestProvider,
  daticertOf,
  folderMessages,
  opensslVerifyProblem,
  otherProviderDomain,
  renderTestMessage,
  xmllintProblem,
  type TestProvider,
} from './create-test-provider.ts';
import { accessPointDependencies, deliveryPointDependencies } from '../../src/app/service-dependencies.ts';

const mario = 'mario.rossi@pec.example.it';
const anna = 'anna.bianchi@pec.example.it';
const luca = 'luca.verdi@pec.example.it';

function submission(raw: Uint8Array, rcptTo: string[], from = mario): Submission {
  return { authenticatedUser: from, mailFrom: from, rcptTo, raw, remoteAddress: '127.0.0.1', secure: true };
}

async function assertSignedPec(provider: TestProvider, bytes: Uint8Array, type: string): Promise<void> {
  assert.equal(await opensslVerifyProblem(provider, bytes), undefined);
  const daticert = daticertOf(bytes);
  assert.ok(daticert !== undefined, 'daticert.xml present');
  assert.equal(await xmllintProblem(provider, daticert), undefined);
  const read = await readPecMessage(bytes, { trustAnchors: [provider.caDer], index: provider.ctx.index });
  assert.equal(read.type, type);
  assert.deepEqual(read.errors, []);
  assert.equal(read.signature.valid, true);
  assert.equal(read.signature.chainValid, true);
  assert.equal(read.signature.indexProvider, provider.ctx.identity.name);
}

function worker(provider: TestProvider) {
  return createOutboxWorker(
    provider.ctx,
    { [envelopeJobKinds.deliver]: createDeliverEnvelopeHandler(deliveryPointDependencies(provider.ctx)) },
    { owner: 'test', leaseMs: 60_000, pollMs: 10 },
  );
}

describe('same-provider PEC: access point → outbox → delivery point', () => {
  let provider: TestProvider;
  let identifier: string;

  before(async () => {
    provider = await createTestProvider();
    for (const address of [mario, anna, luca]) await provider.addMailbox(address);
  });
  after(() => provider.close());

  it('accepts: acceptance in INBOX, carried original in Sent, one deliver job, tracking accepted', async () => {
    const raw = renderTestMessage({ to: `Anna Bianchi <${anna}>`, cc: luca });
    const outcome = await createAccessPoint(accessPointDependencies(provider.ctx)).submit(
      submission(raw, [anna, luca]),
    );
    assert.equal(outcome.kind, 'accepted');
    identifier = outcome.identifier;
    assert.match(identifier, /^opec1\.20260310103000\.\d+\.\d+\.1\.[A-Za-z0-9]+@pec\.example\.it$/);

    const inbox = await folderMessages(provider, mario);
    assert.equal(inbox.length, 1);
    const acceptance = inbox[0]!;
    assert.equal(acceptance.message.pecType, 'accettazione');
    assert.equal(acceptance.message.pecReference, '<client-1@mua.example>');
    await assertSignedPec(provider, acceptance.bytes, 'accettazione');
    const acceptanceDaticert = parseDaticert(daticertOf(acceptance.bytes)!).daticert;
    assert.equal(acceptanceDaticert.identifier, identifier);

    const sent = await folderMessages(provider, mario, 'Sent');
    assert.equal(sent.length, 1);
    assert.deepEqual(sent[0]!.message.flags, ['\\Seen']);
    const sentHeaders = parseMimeTree(sent[0]!.bytes).headers;
    assert.equal(getHeader(sentHeaders, 'message-id'), `<${identifier}>`);
    assert.equal(getHeader(sentHeaders, 'x-riferimento-message-id'), '<client-1@mua.example>');

    const jobs = await provider.ctx.storage.queue.list({ kind: envelopeJobKinds.deliver });
    assert.equal(jobs.length, 1);
    const payload = parseEnvelopeJobPayload(jobs[0]!.payload);
    assert.deepEqual(
      payload.recipients.map((r) => [r.address, r.isCc, r.kind]),
      [
        [anna, false, 'certificato'],
        [luca, true, 'certificato'],
      ],
    );
    assert.deepEqual(await provider.ctx.blobs.get(payload.carriedOriginalKey), sent[0]!.bytes);
    const status = await getMessageStatus(provider.ctx.storage, identifier);
    assert.deepEqual(
      status?.recipients.map((r) => r.status),
      ['accepted', 'accepted'],
    );
  });

  it('delivers: the signed envelope byte-identical in both INBOXes, completa (To) and sintetica (Cc)', async () => {
    const [job] = await provider.ctx.storage.queue.list({ kind: envelopeJobKinds.deliver });
    const payload = parseEnvelopeJobPayload(job!.payload);
    provider.clock.advance(2_000);
    assert.equal(await worker(provider).runOnce(), 1);
    assert.equal((await provider.ctx.storage.queue.get(job!.id))?.status, 'done');

    const signedEnvelope = await provider.ctx.blobs.get(payload.envelopeBlobKey);
    await assertSignedPec(provider, signedEnvelope, 'posta-certificata');
    for (const recipient of [anna, luca]) {
      const inbox = await folderMessages(provider, recipient);
      assert.equal(inbox.length, 1, recipient);
      assert.deepEqual(inbox[0]!.bytes, signedEnvelope);
      assert.equal(inbox[0]!.message.blobKey, payload.envelopeBlobKey);
      assert.equal(inbox[0]!.message.pecType, 'posta-certificata');
    }
    const envelopeTree = parseMimeTree(signedEnvelope);
    const carried = findParts(envelopeTree, (n) => n.filename === 'postacert.eml')[0]!;
    assert.deepEqual(
      readBodyBytes(signedEnvelope, carried),
      await provider.ctx.blobs.get(payload.carriedOriginalKey),
    );

    const inbox = await folderMessages(provider, mario);
    assert.equal(inbox.length, 3);
    const receipts = inbox.slice(1);
    const byRecipient = new Map<string, { variant: string | undefined; bytes: Uint8Array; id: string }>();
    for (const receipt of receipts) {
      await assertSignedPec(provider, receipt.bytes, 'avvenuta-consegna');
      const daticert = parseDaticert(daticertOf(receipt.bytes)!).daticert;
      assert.equal(daticert.identifier, identifier);
      assert.equal(daticert.msgid, '<client-1@mua.example>');
      byRecipient.set(daticert.delivery ?? '', {
        variant: daticert.receiptVariant,
        bytes: receipt.bytes,
        id: stripAngleBrackets(receipt.message.envelope.messageId ?? ''),
      });
    }
    const completa = byRecipient.get(anna)!;
    const sintetica = byRecipient.get(luca)!;
    assert.equal(completa.variant, 'completa');
    assert.equal(sintetica.variant, 'sintetica');
    const completaOriginal = findParts(
      parseMimeTree(completa.bytes),
      (n) => n.filename === 'postacert.eml',
    )[0]!;
    assert.deepEqual(
      readBodyBytes(completa.bytes, completaOriginal),
      await provider.ctx.blobs.get(payload.carriedOriginalKey),
    );
    assert.equal(findParts(parseMimeTree(sintetica.bytes), (n) => n.filename === 'postacert.eml').length, 0);

    const status = await getMessageStatus(provider.ctx.storage, identifier);
    assert.ok(status !== undefined);
    for (const recipient of status.recipients) {
      assert.equal(recipient.status, 'delivered');
      const expected = byRecipient.get(recipient.address)!;
      assert.equal(recipient.events.delivered?.receiptId, expected.id);
      assert.deepEqual(recipient.events.delivered.at, provider.clock.now());
    }
  });

  it('keeps a verifiable legal log with every event of the transaction', async () => {
    assert.deepEqual(await verifyLog(provider.ctx.storage), { ok: true, checked: 6 });
    const entries = await searchLog(provider.ctx.storage, { msgid: `<${identifier}>` });
    assert.deepEqual(
      entries.map((e) => [e.eventType, e.recipients.join(',')]),
      [
        [legalLogEvents.acceptanceIssued, `${anna},${luca}`],
        [legalLogEvents.envelopeCreated, `${anna},${luca}`],
        [legalLogEvents.envelopeDelivered, anna],
        [legalLogEvents.deliveryReceiptIssued, anna],
        [legalLogEvents.envelopeDelivered, luca],
        [legalLogEvents.deliveryReceiptIssued, luca],
      ],
    );
    for (const entry of entries) {
      assert.equal(entry.sender, mario);
      assert.equal(entry.subject, 'Fattura marzo');
      assert.equal(entry.sendingProvider, provider.ctx.identity.name);
    }
    assert.ok(entries[0]!.relatedMsgids.includes('client-1@mua.example'));
    const byClientId = await searchLog(provider.ctx.storage, { msgid: 'client-1@mua.example' });
    // The client's Message-ID finds the whole message: acceptance, envelope, delivery and receipts.
    assert.equal(byClientId.length, entries.length);
  });

  it('queues recipients at other providers as a relay job nothing consumes yet', async () => {
    const other = `ufficio@${otherProviderDomain}`;
    const external = 'someone@gmail.example';
    const raw = renderTestMessage({
      to: `${anna}, ${other}`,
      cc: external,
      messageId: '<client-2@mua.example>',
    });
    const outcome = await createAccessPoint(accessPointDependencies(provider.ctx)).submit(
      submission(raw, [anna, other, external]),
    );
    assert.equal(outcome.kind, 'accepted');
    const relay = await provider.ctx.storage.queue.list({ kind: envelopeJobKinds.relay });
    assert.equal(relay.length, 1);
    const payload = parseEnvelopeJobPayload(relay[0]!.payload);
    assert.deepEqual(
      payload.recipients.map((r) => [r.address, r.kind]),
      [
        [other, 'certificato'],
        [external, 'esterno'],
      ],
    );
    assert.equal(await worker(provider).runOnce(), 1);
    assert.equal((await provider.ctx.storage.queue.get(relay[0]!.id))?.status, 'ready');
    const status = await getMessageStatus(provider.ctx.storage, outcome.identifier);
    assert.deepEqual(
      status?.recipients.map((r) => [r.address, r.status]),
      [
        [anna, 'delivered'],
        [other, 'accepted'],
        [external, 'accepted'],
      ],
    );
  });
});
