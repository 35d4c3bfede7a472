/**
 * Two independent providers (`pec serve` child processes, two domains, two
 * development PKIs, two data folders) exchange PEC over SMTP on loopback as two gestori would, after
 * importing each other's index record and adding a static route to each other (pec-spec §2.5, §7.3).
 * Every message that results is checked: its type, its signature by openssl against the CA of the
 * provider that signed it, its daticert against the DTD, and the sender's per-recipient status as
 * `pec message status --json` prints it. Scenarios share the two instances and run in order.
 */
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import {
  createDevelopmentPki,
  findParts,
  parseMimeTree,
  pecHeaders,
  readBodyBytes,
  securityCheckError,
} from '@pec/core';
import { startSmtpSink, type SmtpSink } from '../../src/protocols/smtp/relay-client/testing/smtp-sink.ts';
import type { QuarantineRecord } from '../../src/ports/quarantine-store.ts';
import { pecOk } from '../e2e/run-pec.ts';
import { clamdSkipReason, eicarTestFile, startClamd, type ClamdHarness } from '../support/clamd-harness.ts';
import { composeOriginal, type ComposedOriginal } from './compose-original.ts';
import {
  assertGenuine,
  filedSince,
  markAll,
  only,
  opensslProblem,
  partNamed,
  summarize,
  waitForFiled,
  type Mark,
  type StoredCopy,
} from './mail-observer.ts';
import { cliMessageStatus, statusByRecipient, waitForStatus } from './message-status.ts';
import {
  forgerSigner,
  providerSigner,
  signedEnvelope,
  signedEnvelopeOf,
  tamperOneByte,
} from './pec-fixtures.ts';
import { setUpProviderPair, tearDownProviderPair, type PairProvider } from './provider-pair.ts';
import { acceptedIdentifier, sendRawSmtp, type TransactionReplies } from './send-raw-smtp.ts';

const domainA = 'pec-a.localhost';
const domainB = 'pec-b.localhost';
const outside = 'posta-ordinaria.localhost';
const mario = `mario.rossi@${domainA}`;
const luigi = `luigi.verdi@${domainA}`;
const anna = `anna.bianchi@${domainB}`;
const bruno = `bruno.neri@${domainB}`;
const strict = `rigoroso@${domainB}`;
const open = `aperto@${domainB}`;
const forwarding = `inoltro@${domainB}`;
const giulia = `giulia@${outside}`;
const archive = `archivio@${outside}`;
const password = 'Password-Scambio-1';
const svcA = `posta-certificata@${domainA}`;
const svcB = `posta-certificata@${domainB}`;

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const sha1 = (bytes: Uint8Array) => createHash('sha1').update(bytes).digest('hex');
const byType = (copies: readonly StoredCopy[], type: string) => copies.filter((c) => c.type === type);
const at = (copies: readonly StoredCopy[], address: string) => copies.filter((c) => c.address === address);
const pdf = () => Buffer.concat([Buffer.from('%PDF-1.4\n'), randomBytes(2_000), Buffer.from('\n%%EOF\n')]);
const lines = (...entries: string[]) => [...entries].sort().join('\n');

async function waitFor(
  check: () => boolean | Promise<boolean>,
  what: string,
  timeoutMs = 60_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** The single message/rfc822 part an anomaly envelope carries (pec-spec §3.9). */
function carriedWhole(bytes: Uint8Array): Buffer | undefined {
  const [part] = findParts(parseMimeTree(bytes), (node) => node.contentType.value === 'message/rfc822');
  return part === undefined ? undefined : Buffer.from(readBodyBytes(bytes, part));
}

/** relay-message jobs (receipts, notices, forwards, DSNs) ever queued by `p`. */
async function relayMessageJobs(p: PairProvider) {
  return p.ctx.storage.queue.list({ kind: 'relay-message', limit: 10_000 });
}

/** The detection records of `p`'s quarantine (decision 0005), in its storage. */
function quarantined(p: PairProvider): Promise<QuarantineRecord[]> {
  return p.ctx.storage.quarantine.list();
}

describe('two providers on loopback', { timeout: 280_000 }, () => {
  let work: string;
  let a: PairProvider;
  let b: PairProvider;
  let pair: readonly [PairProvider, PairProvider] | undefined;
  let sink: SmtpSink;
  let clamd: ClamdHarness | undefined;
  const skipVirus = clamdSkipReason();

  before(async () => {
    work = await mkdtemp(join(tmpdir(), 'pec-two-'));
    clamd = skipVirus === undefined ? await startClamd() : undefined;
    // The ordinary Internet: a plain SMTP server without STARTTLS.
    const dev = await createDevelopmentPki({ domain: outside, providerName: 'Sink', now: new Date() });
    sink = await startSmtpSink({ cert: dev.tlsCertificate, key: dev.tlsPrivateKey, noStartTls: true });
    pair = await setUpProviderPair(
      work,
      [
        {
          key: 'a',
          domain: domainA,
          name: 'Gestore A S.p.A.',
          mailboxes: { [mario]: password, [luigi]: password },
          // A scans (access and reception point); B does not, so B lets EICAR through to A (scenario 7).
          ...(clamd === undefined
            ? {}
            : { config: { antivirus: { kind: 'clamd', host: clamd.host, port: clamd.port } } }),
        },
        {
          key: 'b',
          domain: domainB,
          name: 'Gestore B S.p.A.',
          mailboxes: {
            [anna]: password,
            [bruno]: password,
            [strict]: password,
            [open]: password,
            [forwarding]: password,
          },
        },
      ],
      { extraRoutes: [{ domain: outside, host: '127.0.0.1', port: sink.port }] },
    );
    [a, b] = pair;
  });

  after(async () => {
    await tearDownProviderPair(pair);
    await sink.close();
    await clamd?.stop();
    await rm(work, { recursive: true, force: true });
  });

  async function submit(
    from: PairProvider,
    user: string,
    messages: readonly ComposedOriginal[],
  ): Promise<TransactionReplies[]> {
    return sendRawSmtp(
      {
        mode: 'submission',
        host: '127.0.0.1',
        port: from.submissionPort(),
        caFile: from.caFile,
        user,
        password,
      },
      messages.map((m) => ({ mailFrom: user, rcptTo: m.rcptTo, raw: m.raw })),
    );
  }

  /** Waits until neither provider's outbox has ready or running work. */
  async function settle(...providers: PairProvider[]): Promise<void> {
    for (const p of providers.length === 0 ? [a, b] : providers) {
      await waitFor(async () => {
        const counts = await p.ctx.storage.queue.countByStatus();
        return counts.ready + counts.running === 0;
      }, `${p.spec.key}: outbox drained`);
    }
    // Anything relayed just now is filed by the peer within its SMTP transaction; let it land.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    for (const p of [a, b]) {
      await waitFor(async () => {
        const counts = await p.ctx.storage.queue.countByStatus();
        return counts.ready + counts.running === 0;
      }, `${p.spec.key}: outbox drained`);
    }
  }

  const filedSinceSummary = (mark: Mark) => filedSince([a, b], mark);

  it('1. one recipient: acceptance at A, the envelope A signed in B’s INBOX, presa in carico, consegna', async () => {
    const mark = await markAll([a, b]);
    const original = composeOriginal({
      from: mario,
      to: [anna],
      subject: 'Contratto 2026/17',
      attachments: [{ filename: 'contratto.pdf', mime: 'application/pdf', bytes: pdf() }],
    });
    const [reply] = await submit(a, mario, [original]);
    assert.ok(reply !== undefined);
    const id = acceptedIdentifier(reply);
    await waitForStatus(a, id, ['delivered']);
    const filed = await waitForFiled([a, b], mark, (c) => c.length >= 5);
    assert.equal(
      summarize(filed),
      lines(
        `a:${mario}/INBOX accettazione`,
        `a:${mario}/INBOX avvenuta-consegna`,
        `a:${mario}/Sent ordinaria`,
        `a:${svcA}/INBOX presa-in-carico`,
        `b:${anna}/INBOX posta-certificata`,
      ),
    );
    await assertGenuine(work, filed, [a, b]);

    const envelope = only(at(filed, anna), 'envelope');
    assert.equal(envelope.description.from, svcA, 'the envelope is signed by A');
    assert.ok(envelope.bytes.equals(await signedEnvelopeOf(a, id)), 'B filed exactly the bytes A signed');
    assert.equal(envelope.description.identificativo, id);

    const acceptance = only(byType(filed, 'accettazione'), 'acceptance');
    assert.equal(acceptance.description.from, svcA);
    assert.deepEqual(acceptance.description.daticert?.recipients, [{ address: anna, kind: 'certificato' }]);

    const takeCharge = only(byType(filed, 'presa-in-carico'), 'presa in carico');
    assert.equal(takeCharge.description.from, svcB, 'presa in carico comes from B');
    assert.deepEqual(takeCharge.description.daticert?.takenInCharge, [anna]);
    assert.equal(takeCharge.description.daticert.identifier, id);

    const receipt = only(byType(filed, 'avvenuta-consegna'), 'delivery receipt');
    assert.equal(receipt.description.from, svcB, 'avvenuta consegna comes from B');
    assert.equal(receipt.description.daticert?.delivery, anna);
    assert.equal(receipt.description.daticert.receiptVariant, 'completa');
    assert.ok(
      partNamed(receipt.bytes, 'postacert.eml')?.equals(
        partNamed(envelope.bytes, 'postacert.eml') ?? Buffer.alloc(0),
      ),
      'a completa receipt carries the original as the envelope carried it',
    );

    const status = await cliMessageStatus(a, id);
    assert.deepEqual(statusByRecipient(status), { [anna]: 'delivered' });
    const [row] = status.recipients;
    assert.equal(`<${row?.events['taken-in-charge']?.receiptId ?? ''}>`, takeCharge.description.messageId);
    assert.equal(`<${row?.events.delivered?.receiptId ?? ''}>`, receipt.description.messageId);

    // `pec inspect --json`, the operator's view, agrees with the reader for each generated message.
    for (const copy of [acceptance, takeCharge, receipt, envelope]) {
      const file = join(work, `inspect-${copy.provider}-${copy.uid}-${copy.type}.eml`);
      await writeFile(file, copy.bytes);
      const inspected = JSON.parse(await pecOk(['inspect', file, '--json'])) as {
        type: string;
        signature: { valid: boolean };
        identificativo: string | null;
      };
      assert.equal(inspected.type, copy.type);
      assert.equal(inspected.signature.valid, true);
    }
  });
  it('2. To + Cc across both providers plus an external address: each gets what it should', async () => {
    const mark = await markAll([a, b]);
    const sunk = sink.received.length;
    const original = composeOriginal({
      from: mario,
      to: [anna, giulia],
      cc: [bruno, luigi],
      subject: 'Verbale',
    });
    const [reply] = await submit(a, mario, [original]);
    assert.ok(reply !== undefined);
    const id = acceptedIdentifier(reply);
    await waitForStatus(a, id, ['delivered']);
    const filed = await waitForFiled([a, b], mark, (c) => c.length >= 9);
    assert.equal(
      summarize(filed),
      lines(
        `a:${luigi}/INBOX posta-certificata`,
        `a:${mario}/INBOX accettazione`,
        ...Array.from({ length: 3 }, () => `a:${mario}/INBOX avvenuta-consegna`),
        `a:${mario}/Sent ordinaria`,
        `a:${svcA}/INBOX presa-in-carico`,
        `b:${anna}/INBOX posta-certificata`,
        `b:${bruno}/INBOX posta-certificata`,
      ),
    );
    await assertGenuine(work, filed, [a, b]);

    const signed = await signedEnvelopeOf(a, id);
    for (const envelope of byType(filed, 'posta-certificata')) {
      assert.ok(envelope.bytes.equals(signed), `${envelope.address}: the envelope A signed, unchanged`);
    }
    // The external recipient gets the signed envelope as ordinary mail, unchanged (pec-spec §2.2 step 8).
    assert.equal(sink.received.length, sunk + 1);
    const external = sink.received.at(-1);
    assert.deepEqual(external?.rcptTo, [giulia]);
    assert.equal(external.mailFrom, mario, 'the original reverse-path is kept');
    assert.equal(external.sha256, sha256(signed));

    const acceptance = only(byType(filed, 'accettazione'), 'acceptance');
    assert.deepEqual(acceptance.description.daticert?.recipients, [
      { address: anna, kind: 'certificato' },
      { address: giulia, kind: 'esterno' },
      { address: bruno, kind: 'certificato' },
      { address: luigi, kind: 'certificato' },
    ]);
    const takeCharge = only(byType(filed, 'presa-in-carico'), 'presa in carico');
    assert.deepEqual([...(takeCharge.description.daticert?.takenInCharge ?? [])].sort(), [anna, bruno]);
    // To → completa, Cc → sintetica (pec-spec §3.5), whichever provider delivers.
    const receipts = new Map(
      byType(filed, 'avvenuta-consegna').map((r) => [r.description.daticert?.delivery, r] as const),
    );
    const expected = [
      [anna, 'completa', `posta-certificata@${domainB}`],
      [bruno, 'sintetica', `posta-certificata@${domainB}`],
      [luigi, 'sintetica', svcA],
    ] as const;
    for (const [address, variant, issuer] of expected) {
      const receipt = receipts.get(address);
      assert.ok(receipt !== undefined, `no receipt for ${address}`);
      assert.equal(receipt.description.daticert?.receiptVariant, variant, address);
      assert.equal(receipt.description.from, issuer, address);
      assert.equal(partNamed(receipt.bytes, 'postacert.eml') === undefined, variant === 'sintetica', address);
    }

    const status = await cliMessageStatus(a, id);
    assert.deepEqual(statusByRecipient(status), {
      [anna]: 'delivered',
      [bruno]: 'delivered',
      [giulia]: 'delivered',
      [luigi]: 'delivered',
    });
    assert.equal(status.recipients.find((r) => r.address === giulia)?.kind, 'esterno');
  });

  it('3. completa / breve / sintetica as the client asks (X-TipoRicevuta); Cc always sintetica', async () => {
    const mark = await markAll([a, b]);
    const attachment = pdf();
    const variants = ['completa', 'breve', 'sintetica'] as const;
    const originals = variants.map((receiptType) =>
      composeOriginal({
        from: mario,
        to: [anna],
        cc: [bruno],
        subject: `Ricevuta ${receiptType}`,
        receiptType,
        attachments: [{ filename: 'contratto.pdf', mime: 'application/pdf', bytes: attachment }],
      }),
    );
    const ids = (await submit(a, mario, originals)).map(acceptedIdentifier);
    for (const id of ids) await waitForStatus(a, id, ['delivered']);
    const filed = await waitForFiled([a, b], mark, (c) => c.length >= 18);
    assert.equal(
      summarize(filed),
      lines(
        ...variants.flatMap(() => [
          `a:${mario}/INBOX accettazione`,
          `a:${mario}/INBOX avvenuta-consegna`,
          `a:${mario}/INBOX avvenuta-consegna`,
          `a:${mario}/Sent ordinaria`,
          `a:${svcA}/INBOX presa-in-carico`,
          `b:${anna}/INBOX posta-certificata`,
          `b:${bruno}/INBOX posta-certificata`,
        ]),
      ),
    );
    await assertGenuine(work, filed, [a, b]);
    for (const [i, variant] of variants.entries()) {
      const id = ids[i];
      const mine = byType(filed, 'avvenuta-consegna').filter(
        (r) => r.description.daticert?.identifier === id,
      );
      const toAnna = only(
        mine.filter((r) => r.description.daticert?.delivery === anna),
        `${variant} receipt`,
      );
      const toBruno = only(
        mine.filter((r) => r.description.daticert?.delivery === bruno),
        'Cc receipt',
      );
      assert.equal(toAnna.description.daticert?.receiptVariant, variant);
      assert.equal(toBruno.description.daticert?.receiptVariant, 'sintetica');
      assert.equal(partNamed(toBruno.bytes, 'postacert.eml'), undefined);
      const envelope = only(
        at(filed, anna).filter((e) => e.description.identificativo === id),
        `${variant} envelope`,
      );
      assert.equal(envelope.description.headers[pecHeaders.receiptType], variant);
      const carried = partNamed(toAnna.bytes, 'postacert.eml');
      if (variant === 'completa') {
        assert.ok(carried?.equals(partNamed(envelope.bytes, 'postacert.eml') ?? Buffer.alloc(0)));
        assert.ok(partNamed(carried ?? Buffer.alloc(0), 'contratto.pdf')?.equals(attachment));
      } else if (variant === 'breve') {
        // pec-spec §3.5 and decision 0003: each attachment becomes NAME.hash holding its SHA-1.
        assert.ok(carried !== undefined, 'a breve receipt carries the original');
        assert.equal(partNamed(carried, 'contratto.pdf'), undefined);
        assert.equal(partNamed(carried, 'contratto.pdf.hash')?.toString('latin1').trim(), sha1(attachment));
      } else {
        assert.equal(carried, undefined, 'a sintetica receipt carries no original');
      }
      assert.deepEqual(statusByRecipient(await cliMessageStatus(a, id ?? '')), {
        [anna]: 'delivered',
        [bruno]: 'delivered',
      });
    }
  });

  it('4. unknown recipient at the other provider: errore-consegna (no-dest) back to the sender', async () => {
    const mark = await markAll([a, b]);
    const nobody = `nessuno@${domainB}`;
    const [reply] = await submit(a, mario, [composeOriginal({ from: mario, to: [nobody], subject: 'Chi?' })]);
    assert.ok(reply !== undefined);
    const id = acceptedIdentifier(reply);
    await waitForStatus(a, id, ['error']);
    const filed = await waitForFiled([a, b], mark, (c) => c.length >= 4);
    assert.equal(
      summarize(filed),
      lines(
        `a:${mario}/INBOX accettazione`,
        `a:${mario}/INBOX errore-consegna`,
        `a:${mario}/Sent ordinaria`,
        `a:${svcA}/INBOX presa-in-carico`,
      ),
    );
    await assertGenuine(work, filed, [a, b]);
    const notice = only(byType(filed, 'errore-consegna'), 'non-delivery notice');
    assert.equal(notice.description.from, svcB, 'issued by the recipient’s provider');
    assert.equal(notice.description.daticert?.error, 'no-dest');
    assert.equal(notice.description.daticert.delivery, nobody);
    assert.match(notice.description.daticert.extendedError ?? '', /^5\.1\.1/);
    const status = await cliMessageStatus(a, id);
    assert.deepEqual(statusByRecipient(status), { [nobody]: 'error' });
    assert.equal(`<${status.recipients[0]?.events.error?.receiptId ?? ''}>`, notice.description.messageId);
  });
  it(
    '7a. EICAR at submission: non-accettazione per virus, quarantined, nothing relayed',
    { skip: skipVirus },
    async () => {
      const mark = await markAll([a, b]);
      const original = composeOriginal({
        from: mario,
        to: [anna],
        subject: 'Fattura allegata',
        attachments: [{ filename: 'fattura.com', mime: 'application/octet-stream', bytes: eicarTestFile() }],
      });
      const [reply] = await submit(a, mario, [original]);
      assert.equal(reply?.data?.code, 554, JSON.stringify(reply));
      assert.match(reply.data.text, /^5\.7\.1 /);
      const filed = await waitForFiled([a, b], mark, (c) => c.length >= 1);
      assert.equal(summarize(filed), `a:${mario}/INBOX non-accettazione`);
      await assertGenuine(work, filed, [a, b]);
      const notice = only(filed, 'non-acceptance');
      assert.equal(notice.description.headers[pecHeaders.securityCheck], securityCheckError);
      assert.equal(notice.description.daticert?.error, 'virus');
      assert.ok(
        reply.data.text.includes(notice.description.daticert.identifier ?? '(none)'),
        'the reply names the notice',
      );
      assert.equal(partNamed(notice.bytes, 'postacert.eml'), undefined, 'the original is not attached');
      // pec-spec §2.2 step 3: the infected submission is kept in the quarantine (30 months).
      assert.ok((await quarantined(a)).some((q) => q.point === 'access' && q.sender === mario));
      await settle(a);
      assert.equal((await filedSinceSummary(mark)).length, 1, 'nothing else anywhere');
    },
  );

  it(
    '7b. EICAR from the peer: rilevazione virus to B’s service mailbox, mancata consegna per virus to its user',
    { skip: skipVirus },
    async () => {
      const mark = await markAll([a, b]);
      const original = composeOriginal({
        from: anna,
        to: [mario],
        subject: 'Documento',
        attachments: [
          { filename: 'documento.com', mime: 'application/octet-stream', bytes: eicarTestFile() },
        ],
      });
      // B scans nothing (antivirus none): its access point accepts and relays; A's reception point detects.
      const [reply] = await submit(b, anna, [original]);
      assert.ok(reply !== undefined);
      const id = acceptedIdentifier(reply);
      await waitForStatus(b, id, ['error']);
      const filed = await waitForFiled([a, b], mark, (c) => c.length >= 5);
      assert.equal(
        summarize(filed),
        lines(
          `b:${anna}/INBOX accettazione`,
          `b:${anna}/INBOX errore-consegna`,
          `b:${anna}/Sent ordinaria`,
          `b:${svcB}/INBOX presa-in-carico`,
          `b:${svcB}/INBOX rilevazione-virus`,
        ),
      );
      await assertGenuine(work, filed, [a, b]);
      const detection = only(byType(filed, 'rilevazione-virus'), 'virus detection');
      assert.equal(detection.description.from, svcA, 'issued by the recipient’s provider');
      assert.equal(detection.description.headers[pecHeaders.originalSender], anna);
      assert.equal(detection.description.daticert?.delivery, mario);
      const notice = only(byType(filed, 'errore-consegna'), 'non-delivery for virus');
      assert.equal(notice.description.from, svcB, 'issued by the sender’s own provider');
      assert.equal(notice.description.headers[pecHeaders.securityCheck], securityCheckError);
      assert.equal(notice.description.daticert?.error, 'virus');
      assert.equal(notice.description.daticert.delivery, mario);
      assert.match(notice.description.subject ?? '', /^AVVISO DI MANCATA CONSEGNA PER VIRUS: /);
      assert.ok((await quarantined(a)).some((s) => s.point === 'reception' && s.identifier === id));
      assert.deepEqual(statusByRecipient(await cliMessageStatus(b, id)), { [mario]: 'error' });
    },
  );

  it('8. ordinary mail at B’s MX with each setting: reject → 5xx, accept → anomaly, forward → unchanged', async () => {
    await b.pec(['mailbox', 'set', strict, '--ordinary-mail', 'reject']);
    await b.pec(['mailbox', 'set', open, '--ordinary-mail', 'accept']);
    await b.pec(['mailbox', 'set', forwarding, '--ordinary-mail', 'forward', '--forward-to', archive]);
    const mark = await markAll([a, b]);
    const sunk = sink.received.length;
    const jobs = await relayMessageJobs(b);
    const mails = [strict, open, forwarding].map((to) => ({
      mailFrom: giulia,
      rcptTo: [to],
      raw: composeOriginal({ from: giulia, to: [to], subject: 'Una mail normale', body: 'Non è PEC.\n' }).raw,
    }));
    const replies = await sendRawSmtp({ mode: 'plain', host: '127.0.0.1', port: b.mxPort }, mails);
    assert.deepEqual(
      replies.map((r) => r.data?.code),
      [550, 250, 250],
      JSON.stringify(replies),
    );
    assert.match(replies[0]?.data?.text ?? '', /^5\.7\.1 .*accepts only certified mail/);
    await waitFor(() => sink.received.length > sunk, 'the forwarded message at the ordinary address');
    const filed = await waitForFiled([a, b], mark, (c) => c.length >= 1);
    assert.equal(summarize(filed), `b:${open}/INBOX anomalia`);
    await assertGenuine(work, filed, [a, b]);
    const anomaly = only(filed, 'anomaly envelope');
    assert.equal(anomaly.description.from, svcB);
    assert.equal(anomaly.description.daticert, null);
    assert.ok(
      carriedWhole(anomaly.bytes)?.equals(mails[1]?.raw ?? Buffer.alloc(0)),
      'the ordinary mail, whole',
    );
    const forwarded = sink.received.at(-1);
    assert.deepEqual(forwarded?.rcptTo, [archive]);
    assert.equal(forwarded.mailFrom, giulia, 'the reverse-path is kept');
    assert.ok(forwarded.bytes.equals(mails[2]?.raw ?? Buffer.alloc(0)), 'forwarded unchanged');
    await settle(b);
    assert.equal(
      (await relayMessageJobs(b)).length,
      jobs.length + 1,
      'only the forward: no receipt, no notice',
    );
    assert.equal(summarize(await filedSinceSummary(mark)), summarize(filed));
  });

  it('9. a forged envelope and a tampered one at B’s MX: anomaly envelopes, never a receipt', async () => {
    const identityA = { name: 'Gestore A S.p.A.', domain: domainA };
    const mark = await markAll([a, b]);
    const jobs = await relayMessageJobs(b);
    const forged = await signedEnvelope(
      identityA,
      composeOriginal({ from: mario, to: [anna], subject: 'Falso', body: 'Firmato da chi?\n' }).raw,
      await forgerSigner(identityA),
    );
    const genuine = await signedEnvelope(
      identityA,
      composeOriginal({ from: mario, to: [anna], subject: 'Manomesso', body: 'Importo-dovuto-1000 euro\n' })
        .raw,
      await providerSigner(a),
    );
    const tampered = tamperOneByte(genuine.bytes, 'Importo-dovuto-1000');
    // Control: openssl accepts the untouched bytes with A's CA and refuses the changed ones.
    assert.equal(await opensslProblem(work, genuine.bytes, a.caFile), undefined);
    assert.notEqual(await opensslProblem(work, tampered, a.caFile), undefined);
    assert.notEqual(await opensslProblem(work, forged.bytes, a.caFile), undefined);

    const replies = await sendRawSmtp({ mode: 'plain', host: '127.0.0.1', port: b.mxPort }, [
      { mailFrom: mario, rcptTo: [anna], raw: forged.bytes },
      { mailFrom: mario, rcptTo: [anna], raw: tampered },
    ]);
    assert.deepEqual(
      replies.map((r) => r.data?.code),
      [250, 250],
    );
    const filed = await waitForFiled([a, b], mark, (c) => c.length >= 2);
    assert.equal(summarize(filed), lines(`b:${anna}/INBOX anomalia`, `b:${anna}/INBOX anomalia`));
    await assertGenuine(work, filed, [a, b]);
    const carried = filed.map((c) => carriedWhole(c.bytes));
    assert.ok(
      carried.some((x) => x?.equals(forged.bytes)),
      'the forged envelope, whole',
    );
    assert.ok(
      carried.some((x) => x?.equals(tampered)),
      'the tampered envelope, whole',
    );
    await settle(b);
    assert.equal((await relayMessageJobs(b)).length, jobs.length, 'no presa in carico, no receipt');
    assert.equal(summarize(await filedSinceSummary(mark)), summarize(filed), 'nothing reached A');
  });
});
