/**
 * The real transport envelopes of the shared sample corpus (../shared/pec-samples, see its MANIFEST)
 * delivered to our MX by a test SMTP client, with an index built from their own signer certificates
 * and our accounts serving their recipients' domain, the clock at their signing time (pec-spec §2.3,
 * §7.3, §8.4): the valid ones are taken in charge and delivered byte-identical, the broken ones
 * (digest mismatch, altered daticert) become anomaly envelopes. Sample content is never printed.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { readPecMessage, renderProviderEntry, verifySignedMessage } from '@pec/core';
import { folderMessages } from '../pipeline/create-test-provider.ts';
import { hasPecSamples, pecSamplesDir } from '../pec-samples-dir.ts';
import { createReceptionHarness, type ReceptionHarness } from './reception-harness.ts';

const validSamples = [
  'oca-l10n-italy/message1',
  'oca-l10n-italy/message2',
  'oca-l10n-italy/POSTA CERTIFICATA_ Invio File 7339338.txt',
  'docway-msa/utf7.eml',
  'docway-msa/fattura_passiva_privati_1.eml',
  'docway-msa/fattura_passiva_privati_2.eml',
  'docway-msa/segnatura_solo_testo.eml',
  'jopenpec/message_ok.eml',
  'fabioportieri-java-pec-parser/[XDCR] xdcr_2022_02_00583.txt.eml',
];
const brokenSamples = [
  'docway-msa/notWellFormed.eml',
  'docway-msa/partNull.eml',
  'docway-msa/daticertEncoding.eml',
  'oca-l10n-italy/POSTA CERTIFICATA_ Invio File 7339338 (broken XML).txt',
  'oca-l10n-italy/Normal email.txt',
];

/** SMTP carries CRLF lines (RFC 5321 §2.3.8): LF-only files are sent as CRLF, which S/MIME canonicalises to. */
function asSent(file: string): Buffer {
  const text = readFileSync(join(pecSamplesDir, file)).toString('latin1');
  return Buffer.from(text.replace(/\r?\n/g, '\r\n'), 'latin1');
}

interface Sample {
  readonly file: string;
  readonly bytes: Buffer;
  readonly signingTime: Date;
  readonly sender: string;
  /** The daticert recipients on the first certificato recipient's domain. */
  readonly recipients: readonly string[];
  readonly identifier: string | undefined;
}

async function describeSample(
  file: string,
): Promise<{ sample: Sample; certificate: Uint8Array; signer: string }> {
  const bytes = asSent(file);
  const report = await verifySignedMessage(bytes);
  const read = await readPecMessage(bytes, { skipSignature: true });
  assert.ok(report.signerCertificate !== undefined && report.signingTime !== undefined, `${file}: no signer`);
  const recipients = read.daticert?.recipients ?? [];
  const certified = recipients.find((r) => r.kind === 'certificato') ?? recipients[0];
  assert.ok(certified !== undefined, `${file}: no recipient`);
  const domain = certified.address.slice(certified.address.lastIndexOf('@') + 1).toLowerCase();
  return {
    sample: {
      file,
      bytes,
      signingTime: report.signingTime,
      sender: read.daticert?.sender ?? '',
      recipients: recipients
        .map((r) => r.address.toLowerCase())
        .filter((address, i, all) => address.endsWith(`@${domain}`) && all.indexOf(address) === i),
      identifier: read.identificativo,
    },
    certificate: report.signerCertificate,
    signer: report.signer?.email ?? '',
  };
}

describe(
  'real transport envelopes at our MX',
  { skip: hasPecSamples ? false : 'no ../shared/pec-samples' },
  () => {
    let h: ReceptionHarness;
    const samples = new Map<string, Sample>();

    before(async () => {
      const described = await Promise.all([...validSamples, ...brokenSamples].map(describeSample));
      // One index record per signer certificate, as the central index would publish them (pec-spec §7.2).
      const ldif = described
        .map(({ certificate, signer }, i) => {
          const domain = signer.slice(signer.lastIndexOf('@') + 1);
          return renderProviderEntry({
            name: `Sample provider ${i + 1}`,
            mailReceipt: `posta-certificata@${domain}`,
            managedDomains: [domain],
            certificates: [certificate],
          });
        })
        .join('\n');
      h = await createReceptionHarness({ index: ldif });
      for (const { sample } of described) samples.set(sample.file, sample);
    });
    after(() => h.close());

    async function deliver(sample: Sample): Promise<string> {
      h.ours.clock.set(new Date(sample.signingTime.getTime() + 60_000));
      for (const address of sample.recipients) {
        if ((await h.ctx.storage.accounts.findMailboxByAddress(address)) === undefined) {
          await h.ours.addMailbox(address);
        }
      }
      const reply = await h.send({ mailFrom: sample.sender, rcptTo: sample.recipients, raw: sample.bytes });
      return reply.text;
    }

    for (const file of validSamples) {
      it(`valid: ${file} is taken in charge and delivered byte-identical`, async () => {
        const sample = samples.get(file)!;
        const takeChargesBefore = (await h.relayJobs('take-charge')).length;
        const lastJob = Math.max(0, ...(await h.relayJobs()).map((job) => job.id));
        const text = await deliver(sample);
        assert.match(text, /taken in charge/);
        assert.equal((await h.relayJobs('take-charge')).length, takeChargesBefore + 1);
        assert.equal(await h.runDeliveries(), 1);
        for (const address of sample.recipients) {
          const stored = (await folderMessages(h.ours, address)).find((m) =>
            Buffer.from(m.bytes).equals(sample.bytes),
          );
          assert.ok(stored !== undefined, `${file}: not delivered byte-identical to a recipient`);
          assert.equal(stored.message.pecType, 'posta-certificata');
        }
        // Jobs are listed by runAt, and the clock goes back for older samples: select by id.
        const receipts = (await h.relayJobs('receipt')).filter((job) => job.id > lastJob);
        assert.equal(receipts.length, sample.recipients.length);
        for (const job of receipts) {
          assert.equal(job.payload.identifier, sample.identifier);
          assert.deepEqual(job.payload.rcptTo, [sample.sender]);
          assert.equal((await readPecMessage(job.bytes, { skipSignature: true })).type, 'avvenuta-consegna');
        }
      });
    }

    it('a valid sample received today, with its signer certificate long expired, becomes an anomaly', async () => {
      const sample = samples.get('docway-msa/utf7.eml')!;
      const relayBefore = (await h.relayJobs()).length;
      h.ours.clock.set(new Date('2026-03-10T09:30:00.000Z'));
      const reply = await h.send({ mailFrom: sample.sender, rcptTo: sample.recipients, raw: sample.bytes });
      assert.match(reply.text, /anomaly/);
      assert.equal((await h.relayJobs()).length, relayBefore);
      const last = (await folderMessages(h.ours, sample.recipients[0]!)).at(-1);
      assert.equal(last?.message.pecType, 'anomalia');
    });

    for (const file of brokenSamples) {
      it(`broken: ${file} becomes an anomaly envelope, never a receipt`, async () => {
        const sample = samples.get(file)!;
        const relayBefore = (await h.relayJobs()).length;
        const text = await deliver(sample);
        assert.match(text, /anomaly/);
        assert.equal((await h.relayJobs()).length, relayBefore, `${file}: a receipt or notice was queued`);
        for (const address of sample.recipients) {
          const last = (await folderMessages(h.ours, address)).at(-1);
          assert.equal(last?.message.pecType, 'anomalia', `${file}: no anomaly envelope`);
          const read = await readPecMessage(last.bytes, { skipSignature: true });
          assert.ok(read.original !== null, `${file}: anomaly without the original`);
        }
      });
    }
  },
);
