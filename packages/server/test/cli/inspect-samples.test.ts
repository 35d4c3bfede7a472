/**
 * Every file of ../shared/pec-samples: `pec inspect` gives the type and signature validity that the
 * MANIFEST states, and never crashes.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { readPecMessage } from '@pec/core';
import { hasPecSamples, pecSamplesDir, repoRoot } from '../pec-samples-dir.ts';

interface InspectJson {
  type: string;
  identificativo: string | null;
  msgid: string | null;
  errors: string[];
  daticert: { wellFormed: boolean; type?: string };
  signature: {
    present: boolean;
    valid: boolean;
    digestAlgorithm: string | null;
    signingTime: string | null;
    certificateValidAtSigningTime: boolean | null;
    signer: { subject: string; email: string | null; sha1: string; notBefore: string; notAfter: string };
  };
}

type Expectation = readonly [
  file: string,
  type: string,
  signature: 'valid' | 'broken' | 'absent' | 'unparseable',
];

const oca = 'oca-l10n-italy';
const expectations: readonly Expectation[] = [
  [`${oca}/message1`, 'posta-certificata', 'valid'],
  [`${oca}/message2`, 'posta-certificata', 'valid'],
  [`${oca}/message2_accettazione`, 'accettazione', 'valid'],
  [`${oca}/message2_consegna`, 'avvenuta-consegna', 'valid'],
  [`${oca}/variants/message2_accettazione.LF-8.0port`, 'accettazione', 'valid'],
  [`${oca}/variants/message2_consegna.LF-8.0port`, 'avvenuta-consegna', 'valid'],
  [`${oca}/ACCETTAZIONE_ IT03339130126_00009.xml.txt`, 'accettazione', 'valid'],
  [`${oca}/POSTA CERTIFICATA_ Invio File 7339338.txt`, 'posta-certificata', 'valid'],
  [`${oca}/POSTA CERTIFICATA_ Ricevuta di consegna 6782414.txt`, 'posta-certificata', 'valid'],
  [`${oca}/POSTA CERTIFICATA_mancata_consegna.txt`, 'posta-certificata', 'broken'],
  [`${oca}/POSTA CERTIFICATA_ Invio File 7339338 (broken XML).txt`, 'posta-certificata', 'broken'],
  [`${oca}/POSTA CERTIFICATA_ Invio File 7339338 (base64).txt`, 'posta-certificata', 'broken'],
  [`${oca}/Normal email.txt`, 'posta-certificata', 'broken'],
  [`${oca}/variants/ACCETTAZIONE_ IT03339130126_00009.xml.txt.precommit-14.0`, 'accettazione', 'valid'],
  [`${oca}/variants/CONSEGNA_ IT03339130126_00009.xml.txt.precommit-14.0`, 'avvenuta-consegna', 'valid'],
  [`${oca}/variants/POSTA CERTIFICATA_ Invio File 7339338.txt.precommit-14.0`, 'posta-certificata', 'broken'],
  [
    `${oca}/variants/POSTA CERTIFICATA_ Ricevuta di consegna 6782414.txt.precommit-14.0`,
    'posta-certificata',
    'broken',
  ],
  [`${oca}/variants/POSTA CERTIFICATA_mancata_consegna.txt.precommit-14.0`, 'posta-certificata', 'broken'],
  ['docway-msa/address_exception.eml', 'posta-certificata', 'valid'],
  ['docway-msa/domain_contains_control_or_whitespace.eml', 'posta-certificata', 'valid'],
  ['docway-msa/notWellFormed.eml', 'posta-certificata', 'broken'],
  ['docway-msa/partNull.eml', 'posta-certificata', 'broken'],
  ['docway-msa/segnatura_allegati_non_validi.eml', 'posta-certificata', 'valid'],
  ['docway-msa/segnatura_solo_testo.eml', 'posta-certificata', 'valid'],
  ['docway-msa/daticertEncoding.eml', 'posta-certificata', 'broken'],
  ['docway-msa/fattura_passiva_privati_1.eml', 'posta-certificata', 'valid'],
  ['docway-msa/fattura_passiva_privati_2.eml', 'posta-certificata', 'valid'],
  ['docway-msa/segnatura-tags.eml', 'posta-certificata', 'valid'],
  ['docway-msa/utf7.eml', 'posta-certificata', 'valid'],
  ['jopenpec/message_ok.eml', 'posta-certificata', 'valid'],
  ['jopenpec/message_ko.eml', 'posta-certificata', 'valid'],
  ['jopenpec/message-ok2.eml', 'avvenuta-consegna', 'valid'],
  ['jopenpec/daticert.xml', 'posta-certificata', 'absent'],
  ['jopenpec/smime.p7s', 'ordinaria', 'absent'],
  ['fabioportieri-java-pec-parser/[XDCR] xdcr_2022_02_00583.txt.eml', 'posta-certificata', 'valid'],
  ['fit-project/controller_integrityPec_textdata.txt', 'posta-certificata', 'absent'],
  ['fit-project/textdata', 'posta-certificata', 'absent'],
  ['biagioT-java-pec-parser/accettazione.eml', 'accettazione', 'absent'],
  ['biagioT-java-pec-parser/consegna.eml', 'errore-consegna', 'absent'],
  ['go-pec/accettazione.eml', 'accettazione', 'unparseable'],
  ['go-pec/consegna.eml', 'errore-consegna', 'unparseable'],
  ['go-pec/email_2.eml', 'avvenuta-consegna', 'unparseable'],
  ['go-pec/email_3.eml', 'posta-certificata', 'unparseable'],
  ['webklex-php-imap/pec.eml', 'ordinaria', 'unparseable'],
  ['ddeboer-imap/pec.eml', 'ordinaria', 'unparseable'],
];

describe(
  'pec inspect on the real-traffic samples',
  { skip: hasPecSamples ? false : 'samples not present' },
  () => {
    for (const [file, type, signature] of expectations) {
      it(`${file}: ${type}, signature ${signature}`, async () => {
        const d = await readPecMessage(await readFile(join(pecSamplesDir, file)));
        assert.equal(d.type, type);
        assert.equal(d.signature.valid, signature === 'valid', d.signature.errors.join('; '));
        if (signature === 'valid') {
          assert.ok(d.signature.signer?.email?.includes('@'), 'signer e-mail from the certificate');
          assert.ok(d.signature.signingTime instanceof Date);
          assert.equal(d.signature.certificateValidAtSigningTime, true);
          assert.ok(['sha1', 'sha256'].includes(d.signature.digestAlgorithm ?? ''));
          assert.ok(d.daticert?.wellFormed === true || d.errors.length > 0);
          assert.ok(d.identificativo !== undefined && d.identificativo.length > 0);
        }
        if (signature === 'absent') assert.equal(d.signature.present, false);
        if (signature === 'broken') assert.equal(d.signature.present, true);
        if (type === 'posta-certificata' && !file.endsWith('.xml')) {
          assert.ok(
            d.original !== null || d.errors.length > 0,
            'a busta carries postacert.eml or says why not',
          );
        }
      });
    }

    it('the JSON of the CLI carries the stable fields', () => {
      const result = spawnSync(
        process.execPath,
        [
          join(repoRoot, 'packages/server/bin/pec.js'),
          'inspect',
          '--json',
          join(pecSamplesDir, `${oca}/message2_consegna`),
        ],
        { encoding: 'utf8' },
      );
      assert.equal(result.status, 0, result.stderr);
      const json = JSON.parse(result.stdout) as InspectJson;
      const { signature, daticert } = json;
      const signer = signature.signer;
      assert.equal(json.type, 'avvenuta-consegna');
      assert.equal(signature.present, true);
      assert.equal(signature.valid, true);
      assert.equal(signature.digestAlgorithm, 'sha1');
      assert.match(signer.sha1, /^[0-9a-f]{40}$/);
      for (const key of ['subject', 'email', 'notBefore', 'notAfter']) assert.ok(key in signer, key);
      assert.match(signer.notAfter, /^\d{4}-\d\d-\d\dT/);
      assert.equal(typeof signature.signingTime, 'string');
      assert.equal(signature.certificateValidAtSigningTime, true);
      assert.equal(daticert.wellFormed, true);
      assert.equal(daticert.type, 'avvenuta-consegna');
      assert.equal(typeof json.identificativo, 'string');
      assert.match(json.msgid ?? '', /^<.+>$/);
      assert.ok(Array.isArray(json.errors));
    });
  },
);
