import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { findParts, parseMimeTree, readBodyBytes, readPecMessage } from '@pec/core';
import type { Submission } from '../../src/services/pipeline/access-point/access-point.ts';
import { createAccessPoint } from '../../src/services/pipeline/access-point/create-access-point.ts';
import { createDeliverEnvelopeHandler } from '../../src/services/pipeline/delivery-point/create-deliver-envelope-handler.ts';
import { createOutboxWorker } from '../../src/services/pipeline/outbox/create-outbox-worker.ts';
import { envelopeJobKinds } from '../../src/services/pipeline/outbox/envelope-jobs.ts';
import { legalLogEvents } from '../../src/services/log-register/legal-log-events.ts';
import {
  createTestProvider,
  daticertOf,
  folderMessages,
  opensslVerifyProblem,
  renderTestMessage,
  xmllintProblem,
  type TestProvider,
} from './create-test-provider.ts';
import { accessPointDependencies, deliveryPointDependencies } from '../../src/app/service-dependencies.ts';

const mario = 'mario.rossi@pec.example.it';
const anna = 'anna.bianchi@pec.example.it';
const luca = 'luca.verdi@pec.example.it';
const dayMs = 24 * 60 * 60 * 1000;
const providerName = 'Example PEC S.p.A.';

let counter = 0;

async function send(provider: TestProvider, to: string, options: { cc?: string; receiptType?: string } = {}) {
  counter++;
  const raw = renderTestMessage({
    to,
    messageId: `<m${counter}@mua.example>`,
    ...(options.cc === undefined ? {} : { cc: options.cc }),
    ...(options.receiptType === undefined ? {} : { receiptType: options.receiptType }),
  });
  const rcptTo = options.cc === undefined ? [to] : [to, options.cc];
  const submission: Submission = {
    authenticatedUser: mario,
    mailFrom: mario,
    rcptTo,
    raw,
    remoteAddress: '127.0.0.1',
    secure: true,
  };
  const outcome = await createAccessPoint(accessPointDependencies(provider.ctx)).submit(submission);
  assert.equal(outcome.kind, 'accepted');
  const worker = createOutboxWorker(
    provider.ctx,
    { [envelopeJobKinds.deliver]: createDeliverEnvelopeHandler(deliveryPointDependencies(provider.ctx)) },
    { owner: 'test', leaseMs: 60_000, pollMs: 10 },
  );
  assert.equal(await worker.runOnce(), 1);
  const status = await provider.ctx.storage.tracking.get(outcome.identifier);
  assert.ok(status !== undefined);
  return {
    identifier: outcome.identifier,
    status,
    receipts: (await folderMessages(provider, mario)).slice(-rcptTo.length),
  };
}

describe('delivery point: errors, Super Ricezione and receipt variants', () => {
  let provider: TestProvider;

  before(async () => {
    provider = await createTestProvider();
    await provider.addMailbox(mario);
    await provider.addMailbox(anna);
    await provider.addMailbox(luca);
  });
  after(() => provider.close());

  it('an unknown local address gets a signed errore-consegna no-dest (pec-spec §3.6)', async () => {
    const nobody = 'nobody@pec.example.it';
    const { status, receipts, identifier } = await send(provider, nobody);
    const [notice] = receipts;
    assert.equal(notice!.message.pecType, 'errore-consegna');
    assert.equal(await opensslVerifyProblem(provider, notice!.bytes), undefined);
    assert.equal(await xmllintProblem(provider, daticertOf(notice!.bytes)!), undefined);
    const read = await readPecMessage(notice!.bytes, { trustAnchors: [provider.caDer] });
    assert.equal(read.type, 'errore-consegna');
    assert.equal(read.daticert?.error, 'no-dest');
    assert.equal(read.daticert.delivery, nobody);
    assert.equal(read.daticert.identifier, identifier);
    assert.equal(read.daticert.extendedError, `5.1.1 - ${providerName} - indirizzo non valido`);
    assert.equal(status.recipients[0]?.status, 'error');
    assert.equal(status.recipients[0].events.error?.detail, `5.1.1 - ${providerName} - indirizzo non valido`);
    assert.equal(status.recipients[0].events.error.receiptId, read.messageId?.slice(1, -1));
    const logged = await provider.ctx.storage.legalLog.search({ msgid: identifier });
    assert.deepEqual(
      logged.map((e) => e.eventType),
      [legalLogEvents.acceptanceIssued, legalLogEvents.envelopeCreated, legalLogEvents.deliveryErrorIssued],
    );
  });

  it('an over-quota mailbox still receives, and the overflow is recorded (Super Ricezione)', async () => {
    const small = 'small@pec.example.it';
    await provider.addMailbox(small, { quotaBytes: 1000 });
    const { status, receipts, identifier } = await send(provider, small);
    assert.equal(receipts[0]!.message.pecType, 'avvenuta-consegna');
    assert.equal((await folderMessages(provider, small)).length, 1);
    const usage = await provider.ctx.storage.accounts.findMailboxByAddress(small);
    assert.ok(usage !== undefined && usage.usedBytes > usage.quotaBytes);
    const detail = status.recipients[0]?.events.delivered?.detail ?? '';
    assert.equal(detail, `super ricezione: over quota by ${usage.usedBytes - usage.quotaBytes} bytes`);
    const logged = await provider.ctx.storage.legalLog.search({ msgid: identifier });
    assert.ok(logged.some((e) => e.eventType === legalLogEvents.superReceptionApplied));
    // Over quota: it receives but can no longer send.
    assert.deepEqual(
      await createAccessPoint(accessPointDependencies(provider.ctx)).checkSender(small, small),
      {
        reason: 'quota-exceeded',
        operation: 'send',
      },
    );
  });

  it('an expired mailbox receives during the grace days, and not after them', async () => {
    const now = provider.clock.now().getTime();
    const recent = 'recently-expired@pec.example.it';
    const old = 'long-expired@pec.example.it';
    await provider.addMailbox(recent, { expiresAt: new Date(now - 10 * dayMs) });
    await provider.addMailbox(old, { status: 'expired', expiresAt: new Date(now - 91 * dayMs) });
    const delivered = await send(provider, recent);
    assert.equal(delivered.status.recipients[0]?.status, 'delivered');
    assert.match(
      delivered.status.recipients[0].events.delivered?.detail ?? '',
      /^super ricezione: expired on /,
    );
    assert.equal((await folderMessages(provider, recent)).length, 1);

    const refused = await send(provider, old);
    assert.equal(refused.status.recipients[0]?.status, 'error');
    const read = await readPecMessage(refused.receipts[0]!.bytes, { skipSignature: true });
    assert.equal(read.daticert?.error, 'altro');
    assert.equal(read.daticert.extendedError, `5.2.1 - ${providerName} - casella scaduta`);
    assert.equal((await folderMessages(provider, old)).length, 0);
  });

  it('a suspended mailbox does not receive', async () => {
    const suspended = 'suspended@pec.example.it';
    await provider.addMailbox(suspended, { status: 'suspended' });
    const { status, receipts } = await send(provider, suspended);
    assert.equal(status.recipients[0]?.status, 'error');
    const read = await readPecMessage(receipts[0]!.bytes, { skipSignature: true });
    assert.equal(read.daticert?.extendedError, `5.2.1 - ${providerName} - casella sospesa`);
  });

  it('breve requested: breve receipt with .hash parts for To, sintetica for Cc', async () => {
    const { receipts } = await send(provider, anna, { cc: luca, receiptType: 'breve' });
    const variants = new Map<string, Uint8Array>();
    for (const receipt of receipts) {
      assert.equal(await opensslVerifyProblem(provider, receipt.bytes), undefined);
      assert.equal(await xmllintProblem(provider, daticertOf(receipt.bytes)!), undefined);
      const read = await readPecMessage(receipt.bytes, { skipSignature: true });
      variants.set(`${read.daticert?.delivery ?? ''}:${read.daticert?.receiptVariant ?? ''}`, receipt.bytes);
    }
    const breve = variants.get(`${anna}:breve`);
    assert.ok(breve !== undefined, [...variants.keys()].join());
    assert.ok(variants.has(`${luca}:sintetica`));
    const tree = parseMimeTree(breve);
    const hashes = findParts(tree, (n) => n.filename === 'fattura.pdf.hash');
    assert.equal(hashes.length, 1);
    assert.match(Buffer.from(readBodyBytes(breve, hashes[0]!)).toString('latin1').trim(), /^[0-9a-f]{40}$/);
    assert.equal(findParts(tree, (n) => n.filename === 'fattura.pdf').length, 0);
    assert.equal(findParts(tree, (n) => n.filename === 'postacert.eml').length, 1);
  });
});
