import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { findParts } from '../../mail/find-parts.ts';
import { getHeader } from '../../mail/header-block.ts';
import { parseMimeTree } from '../../mail/parse-mime-tree.ts';
import { readBodyBytes } from '../../mail/read-text-body.ts';
import { createDevelopmentPki } from '../../smime/create-development-pki.ts';
import { createSoftwareSigner } from '../../smime/create-software-signer.ts';
import type { Signer } from '../../smime/signer.ts';
import { pecHeaders } from '../vocabulary.ts';
import { acceptedAt, sampleMessages, senderProvider } from './fixtures/sample-inputs.ts';
import { signPecMessage } from './sign-pec-message.ts';

const dtd = join(import.meta.dirname, '..', 'daticert', 'daticert.dtd');
const work = mkdtempSync(join(tmpdir(), 'pec-sign-'));
const caFile = join(work, 'ca.pem');
let signer: Signer;

before(async () => {
  // One development PKI; openssl checks the chain, not which provider's domain the certificate names.
  const pki = await createDevelopmentPki({
    domain: senderProvider.domain,
    providerName: senderProvider.name,
    now: acceptedAt,
  });
  writeFileSync(caFile, pki.caCertificate);
  signer = await createSoftwareSigner({
    certificate: pki.signingCertificate,
    privateKey: pki.signingPrivateKey,
  });
});
after(() => {
  rmSync(work, { recursive: true, force: true });
});

describe('signPecMessage', () => {
  for (const [name, build] of Object.entries(sampleMessages)) {
    it(`${name}: openssl verifies the signature and xmllint the daticert`, async () => {
      const signed = await signPecMessage(build(), signer, acceptedAt);
      const file = join(work, `${name}.eml`);
      writeFileSync(file, signed);
      const verify = spawnSync(
        'openssl',
        [
          'smime',
          '-verify',
          '-in',
          file,
          '-CAfile',
          caFile,
          '-purpose',
          'any',
          '-attime',
          String(acceptedAt.getTime() / 1000 + 60),
          '-out',
          join(work, `${name}.out`),
        ],
        { encoding: 'utf8' },
      );
      assert.equal(verify.status, 0, `${name}: ${verify.stderr}`);
      assert.match(verify.stderr, /Verification successful/);

      const wire = Buffer.from(signed).toString('latin1');
      assert.doesNotMatch(wire, /\r(?!\n)|(?<!\r)\n/);
      for (const line of wire.split('\r\n')) assert.ok(line.length <= 998);

      const root = parseMimeTree(signed);
      assert.equal(root.contentType.value, 'multipart/signed');
      assert.equal(getHeader(root.headers, 'mime-version'), '1.0');
      assert.ok(getHeader(root.headers, pecHeaders.transport) ?? getHeader(root.headers, pecHeaders.receipt));
      const daticert = findParts(root, (n) => n.filename === 'daticert.xml')[0];
      if (name === 'anomalia') {
        assert.equal(daticert, undefined);
        return;
      }
      assert.ok(daticert !== undefined, `${name}: daticert.xml`);
      const xmlFile = join(work, `${name}.xml`);
      writeFileSync(xmlFile, readBodyBytes(signed, daticert));
      const lint = spawnSync('xmllint', ['--noout', '--dtdvalid', dtd, xmlFile], { encoding: 'utf8' });
      assert.equal(lint.status, 0, `${name}: ${lint.stderr}`);
    });
  }

  it('signs with the given time reference', async () => {
    const build = sampleMessages['accettazione'];
    assert.ok(build !== undefined);
    const signed = await signPecMessage(build(), signer, acceptedAt);
    const file = join(work, 'time.eml');
    writeFileSync(file, signed);
    const p7 = spawnSync('sh', ['-c', `openssl smime -pk7out -in '${file}' | openssl pkcs7 -print`], {
      encoding: 'utf8',
    });
    assert.match(p7.stdout, /UTCTIME:Nov 13 15:39:26 2025 GMT/);
  });
});
