import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Certificate } from 'pkijs';
import { describeCertificate } from './certificate-info.ts';
import { createDevelopmentPki } from './create-development-pki.ts';
import type { DevelopmentPki } from './create-development-pki.ts';
import { pemToDer } from './pem.ts';

function x509Text(pem: string, dir: string, name: string): string {
  const file = join(dir, name);
  writeFileSync(file, pem);
  const result = spawnSync('openssl', ['x509', '-in', file, '-noout', '-text'], { encoding: 'utf8' });
  assert.equal(result.status, 0, result.stderr);
  return result.stdout;
}

describe('createDevelopmentPki', () => {
  const now = new Date('2026-03-01T10:00:00Z');
  let pki: DevelopmentPki;
  let dir: string;
  before(async () => {
    pki = await createDevelopmentPki({
      domain: 'pec.example.it',
      providerName: 'Example PEC S.p.A.',
      hostnames: ['mx.pec.example.it'],
      now,
      validityDays: 30,
    });
    dir = mkdtempSync(join(tmpdir(), 'pec-pki-'));
  });
  after(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('issues a signing certificate with the pec-spec §8.1 profile', () => {
    const text = x509Text(pki.signingCertificate, dir, 'signing.pem');
    assert.match(
      text,
      /Subject: C ?= ?IT, O ?= ?Example PEC S\.p\.A\., CN ?= ?Posta Certificata Example PEC S\.p\.A\. \(DEVELOPMENT\)/,
    );
    assert.doesNotMatch(text, /Basic Constraints/);
    assert.match(text, /X509v3 Key Usage: critical\s+Digital Signature, Non Repudiation/);
    assert.match(text, /X509v3 Extended Key Usage: \s*E-mail Protection/);
    assert.match(text, /X509v3 Subject Alternative Name: \s*email:posta-certificata@pec\.example\.it/);
    assert.match(text, /X509v3 Authority Key Identifier/);
    assert.match(text, /X509v3 Subject Key Identifier/);
    assert.match(text, /Public-Key: \(2048 bit\)/);
    // Non-critical AKI/SKI/SAN/EKU: only keyUsage is critical.
    assert.equal(text.match(/critical/g)?.length, 1);

    const info = describeCertificate(pemToDer(pki.signingCertificate));
    assert.equal(info.email, 'posta-certificata@pec.example.it');
    assert.equal(info.notBefore <= now && now <= info.notAfter, true);
    assert.equal(info.notAfter.getTime() - now.getTime(), 30 * 24 * 3600 * 1000);
    assert.match(info.sha1, /^[0-9a-f]{40}$/);
  });

  it('issues a CA marked as development-only and a TLS certificate for the hostnames', () => {
    const ca = x509Text(pki.caCertificate, dir, 'ca.pem');
    assert.match(ca, /DEVELOPMENT CA - NOT FOR PRODUCTION/);
    assert.match(ca, /Basic Constraints: critical\s+CA:TRUE/);
    const tls = x509Text(pki.tlsCertificate, dir, 'tls.pem');
    assert.match(tls, /DNS:mx\.pec\.example\.it, DNS:localhost, IP Address:127\.0\.0\.1/);
    assert.match(tls, /TLS Web Server Authentication/);
    const verify = spawnSync(
      'openssl',
      [
        'verify',
        '-attime',
        String(now.getTime() / 1000),
        '-CAfile',
        join(dir, 'ca.pem'),
        join(dir, 'signing.pem'),
        join(dir, 'tls.pem'),
      ],
      { encoding: 'utf8' },
    );
    assert.equal(verify.status, 0, verify.stderr);
  });

  it('uses random positive serial numbers and PKCS#8 keys', async () => {
    const again = await createDevelopmentPki({
      domain: 'pec.example.it',
      providerName: 'Example PEC S.p.A.',
      now,
    });
    const serials = [
      pki.caCertificate,
      pki.signingCertificate,
      pki.tlsCertificate,
      again.signingCertificate,
    ].map((pem) => describeCertificate(pemToDer(pem)).serialNumber);
    assert.equal(new Set(serials).size, 4);
    for (const serial of serials) assert.match(serial, /^[4-7][0-9a-f]{31}$/);
    for (const key of [pki.caPrivateKey, pki.signingPrivateKey, pki.tlsPrivateKey]) {
      assert.match(key, /^-----BEGIN PRIVATE KEY-----\n/);
    }
    assert.equal(Certificate.fromBER(pemToDer(pki.signingCertificate)).version, 2);
  });
});
