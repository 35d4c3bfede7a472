import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import * as asn1js from 'asn1js';
import { Certificate, ContentInfo, SignedData } from 'pkijs';
import { createDevelopmentPki } from './create-development-pki.ts';
import type { DevelopmentPki } from './create-development-pki.ts';
import { createSoftwareSigner } from './create-software-signer.ts';
import { cryptoEngine } from './crypto-engine.ts';
import { pemToDer } from './pem.ts';
import { signMimeEntity } from './sign-mime-entity.ts';
import type { DigestAlgorithm } from './signer.ts';
import { splitMultipartSigned } from './split-multipart-signed.ts';
import { verifyDetachedSignature } from './verify-detached-signature.ts';
import { verifySignedMessage } from './verify-signed-message.ts';

const enc = (s: string): Uint8Array => new TextEncoder().encode(s);
const entity = enc(
  'Content-Type: multipart/mixed; boundary="inner"\r\n\r\n--inner\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n' +
    'Messaggio di posta certificata\r\n--inner--\r\n',
);
const headerLines =
  'From: "Per conto di: a@pec.example.it" <posta-certificata@pec.example.it>\r\nSubject: test\r\n';

function openssl(args: string[]): { status: number | null; stderr: string } {
  const result = spawnSync('openssl', args, { encoding: 'utf8' });
  return { status: result.status, stderr: result.stderr };
}

describe('signMimeEntity + verification (sha1 and sha256)', () => {
  const now = new Date();
  let pki: DevelopmentPki;
  let dir: string;
  before(async () => {
    pki = await createDevelopmentPki({ domain: 'pec.example.it', providerName: 'Example PEC S.p.A.', now });
    dir = mkdtempSync(join(tmpdir(), 'pec-smime-'));
    writeFileSync(join(dir, 'ca.pem'), pki.caCertificate);
  });
  after(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  for (const digestAlgorithm of ['sha1', 'sha256'] as const satisfies DigestAlgorithm[]) {
    it(`${digestAlgorithm}: our verifier, pkijs and openssl all accept the signed message`, async () => {
      const signer = await createSoftwareSigner({
        certificate: pki.signingCertificate,
        privateKey: pki.signingPrivateKey,
        chain: [pki.caCertificate],
        digestAlgorithm,
      });
      const message = await signMimeEntity({
        headerLines,
        content: entity,
        signer,
        signingTime: now,
        boundary: 'b-1',
      });
      const text = new TextDecoder().decode(message);
      assert.ok(text.startsWith(headerLines + 'MIME-Version: 1.0\r\nContent-Type: multipart/signed;'));
      assert.match(text, new RegExp(`micalg="${digestAlgorithm === 'sha1' ? 'sha-1' : 'sha-256'}"`));
      assert.match(text, /Content-Disposition: attachment; filename="smime.p7s"\r\n/);
      assert.equal(/[^\r]\n/.test(text), false, 'CRLF everywhere');
      for (const line of text.split('\r\n')) assert.ok(line.length <= 78, 'short lines');

      // Ours.
      const report = await verifySignedMessage(message, {
        trustAnchors: [pemToDer(pki.caCertificate)],
        at: now,
      });
      assert.deepEqual(report.errors, []);
      assert.equal(report.valid, true);
      assert.equal(report.digestAlgorithm, digestAlgorithm);
      assert.equal(report.chainValid, true);
      assert.equal(report.certificateValidAtSigningTime, true);
      assert.equal(report.canonicalized, false);
      assert.equal(report.signer?.email, 'posta-certificata@pec.example.it');
      assert.equal(Math.floor((report.signingTime?.getTime() ?? 0) / 1000), Math.floor(now.getTime() / 1000));

      // pkijs as an independent verifier.
      const parts = splitMultipartSigned(message);
      assert.ok(parts !== undefined);
      assert.deepEqual(parts.signedContent, entity);
      const contentInfo = new ContentInfo({ schema: asn1js.fromBER(parts.signature).result });
      const signedData = new SignedData({ schema: contentInfo.content });
      const pkijsResult = await signedData.verify(
        {
          signer: 0,
          data: entity.slice().buffer,
          checkChain: true,
          trustedCerts: [Certificate.fromBER(pemToDer(pki.caCertificate))],
          checkDate: now,
          extendedMode: true,
        },
        cryptoEngine,
      );
      assert.equal(pkijsResult.signatureVerified, true);

      // OpenSSL, from a file, with the development CA as the only trust anchor.
      const file = join(dir, `${digestAlgorithm}.eml`);
      writeFileSync(file, message);
      const smime = openssl([
        'smime',
        '-verify',
        '-in',
        file,
        '-CAfile',
        join(dir, 'ca.pem'),
        '-out',
        '/dev/null',
      ]);
      assert.equal(smime.status, 0, smime.stderr);
      const cms = openssl([
        'cms',
        '-verify',
        '-in',
        file,
        '-CAfile',
        join(dir, 'ca.pem'),
        '-out',
        '/dev/null',
      ]);
      assert.equal(cms.status, 0, cms.stderr);

      // One tampered byte in the signed entity: not valid, and openssl agrees.
      const tampered = message.slice();
      const at = text.indexOf('Messaggio');
      tampered[at] = 'm'.charCodeAt(0);
      const tamperedReport = await verifySignedMessage(tampered);
      assert.equal(tamperedReport.present, true);
      assert.equal(tamperedReport.valid, false);
      assert.ok(tamperedReport.errors.some((error) => error.includes('messageDigest')));
      writeFileSync(file, tampered);
      assert.notEqual(
        openssl(['smime', '-verify', '-in', file, '-CAfile', join(dir, 'ca.pem'), '-out', '/dev/null'])
          .status,
        0,
      );
    });
  }

  it('reports chain, dates and index independently of cryptographic validity', async () => {
    const signer = await createSoftwareSigner({
      certificate: pki.signingCertificate,
      privateKey: pki.signingPrivateKey,
    });
    const late = new Date(now.getTime() + 400 * 24 * 3600 * 1000);
    const signature = await signer.sign(entity, late);
    const other = await createDevelopmentPki({ domain: 'other.example', providerName: 'Other', now });
    const report = await verifyDetachedSignature(entity, signature, {
      trustAnchors: [pemToDer(other.caCertificate)],
    });
    assert.equal(report.valid, true);
    assert.equal(report.certificateValidAtSigningTime, false);
    assert.equal(report.chainValid, false);
    assert.equal(report.indexProvider, undefined);
    assert.equal(
      report.signer?.subject,
      'C=IT, O=Example PEC S.p.A., CN=Posta Certificata Example PEC S.p.A. (DEVELOPMENT)',
    );
  });

  it('verifies content stored with bare LFs through the canonical CRLF form', async () => {
    const signer = await createSoftwareSigner({
      certificate: pki.signingCertificate,
      privateKey: pki.signingPrivateKey,
    });
    const signature = await signer.sign(entity, now);
    const lf = enc(new TextDecoder().decode(entity).replace(/\r\n/g, '\n'));
    const report = await verifyDetachedSignature(lf, signature);
    assert.equal(report.valid, true);
    assert.equal(report.canonicalized, true);
    const changed = lf.slice();
    changed[changed.length - 3] = 0x41;
    assert.equal((await verifyDetachedSignature(changed, signature)).valid, false);
  });

  it('refuses a key that does not match the certificate and a bad boundary', async () => {
    const other = await createDevelopmentPki({ domain: 'other.example', providerName: 'Other', now });
    await assert.rejects(
      createSoftwareSigner({ certificate: pki.signingCertificate, privateKey: other.signingPrivateKey }),
      /does not match/,
    );
    const signer = await createSoftwareSigner({
      certificate: pki.signingCertificate,
      privateKey: pki.signingPrivateKey,
    });
    await assert.rejects(
      signMimeEntity({ headerLines, content: entity, signer, signingTime: now, boundary: 'inner' }),
      /boundary occurs/,
    );
    await assert.rejects(
      signMimeEntity({
        headerLines: 'Content-Type: x\r\n',
        content: entity,
        signer,
        signingTime: now,
        boundary: 'b',
      }),
      /must not contain/,
    );
  });
});
