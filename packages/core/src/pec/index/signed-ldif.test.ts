import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { createDevelopmentPki } from '../../smime/create-development-pki.ts';
import type { DevelopmentPki } from '../../smime/create-development-pki.ts';
import { createSoftwareSigner } from '../../smime/create-software-signer.ts';
import { derToPem, pemToDer } from '../../smime/pem.ts';
import { parseLdif } from './parse-ldif.ts';
import { createProviderIndex } from './provider-index.ts';
import { renderProviderEntry } from './render-provider-entry.ts';
import { openSignedLdif, signLdif } from './signed-ldif.ts';

describe('signed LDIF (.p7m)', () => {
  const now = new Date();
  let pki: DevelopmentPki;
  let ldif: string;
  let p7m: Uint8Array;
  before(async () => {
    pki = await createDevelopmentPki({ domain: 'pec.example.it', providerName: 'Example PEC', now });
    ldif = renderProviderEntry({
      name: 'Example PEC',
      mailReceipt: 'posta-certificata@pec.example.it',
      managedDomains: ['pec.example.it'],
      certificates: [pemToDer(pki.signingCertificate)],
      description: 'Però',
    });
    const signer = await createSoftwareSigner({
      certificate: pki.signingCertificate,
      privateKey: pki.signingPrivateKey,
      chain: [pki.caCertificate],
    });
    p7m = await signLdif(ldif, signer, now);
  });

  it('round-trips, and the index built from it recognises its own signer', async () => {
    const { ldif: opened, report } = await openSignedLdif(p7m, {
      trustAnchors: [pemToDer(pki.caCertificate)],
    });
    assert.equal(opened, ldif);
    assert.equal(report.valid, true);
    assert.equal(report.chainValid, true);
    assert.equal(report.digestAlgorithm, 'sha256');
    const index = createProviderIndex(parseLdif(opened));
    assert.equal(
      index.findProviderByCertificate(report.signerCertificate ?? new Uint8Array())?.name,
      'Example PEC',
    );
  });

  it('accepts base64 and PEM input', async () => {
    assert.equal((await openSignedLdif(Buffer.from(p7m).toString('base64'))).ldif, ldif);
    assert.equal((await openSignedLdif(new TextEncoder().encode(derToPem(p7m, 'PKCS7')))).ldif, ldif);
  });

  it('is a DER SignedData with encapsulated content that openssl verifies', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pec-ldif-'));
    try {
      writeFileSync(join(dir, 'index.ldif.p7m'), p7m);
      writeFileSync(join(dir, 'ca.pem'), pki.caCertificate);
      const result = spawnSync(
        'openssl',
        [
          'cms',
          '-verify',
          '-inform',
          'DER',
          '-in',
          join(dir, 'index.ldif.p7m'),
          '-CAfile',
          join(dir, 'ca.pem'),
          '-purpose',
          'any',
        ],
        { encoding: 'utf8' },
      );
      assert.equal(result.status, 0, result.stderr);
      assert.equal(result.stdout, ldif);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('rejects a tampered file, an untrusted signer and garbage', async () => {
    const tampered = p7m.slice();
    const at = Buffer.from(tampered).indexOf('pec.example.it');
    tampered[at] = 'P'.charCodeAt(0);
    await assert.rejects(openSignedLdif(tampered), /messageDigest does not match/);
    const stranger = await createDevelopmentPki({ domain: 'x.example', providerName: 'X', now });
    await assert.rejects(openSignedLdif(p7m, { trustAnchors: [pemToDer(stranger.caCertificate)] }), /chain/);
    await assert.rejects(openSignedLdif('not a signature'), /rejected/);
  });
});
