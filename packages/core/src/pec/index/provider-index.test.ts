import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import { parseLdif } from './parse-ldif.ts';
import { createProviderIndex } from './provider-index.ts';
import { renderProviderEntry } from './render-provider-entry.ts';

const fakeCertificate = (seed: number): Uint8Array =>
  new Uint8Array(Array.from({ length: 300 }, (_, i) => (i * seed + 7) & 0xff));

describe('createProviderIndex', () => {
  const oldCertificate = fakeCertificate(3);
  const newCertificate = fakeCertificate(5);
  const otherCertificate = fakeCertificate(11);
  const ldif = [
    renderProviderEntry({
      name: 'Example PEC S.p.A.',
      mailReceipt: 'posta-certificata@pec.example.it',
      managedDomains: ['pec.example.it', 'PEC.Example.COM'],
      certificates: [oldCertificate, newCertificate],
      ldifLocationUrl: 'https://pec.example.it/provider.ldif.p7m',
    }),
    renderProviderEntry({
      name: 'Other PEC',
      unit: 'backup',
      mailReceipt: 'posta-certificata@other.example',
      managedDomains: ['other.example'],
      certificates: [otherCertificate],
    }),
    'dn: o=postacert\nobjectClass: top\nobjectClass: organization\n',
  ].join('\n');
  const index = createProviderIndex(parseLdif(ldif));

  it('keeps every provider record, with several certificates each', () => {
    assert.equal(index.providers.length, 2);
    const [example, other] = index.providers;
    assert.ok(example !== undefined && other !== undefined);
    assert.equal(example.certificates.length, 2);
    assert.deepEqual(example.certificates[1], newCertificate);
    assert.equal(example.ldifLocationUrl, 'https://pec.example.it/provider.ldif.p7m');
    assert.equal(example.unit, undefined);
    assert.equal(other.unit, 'backup');
    assert.equal(other.ldifLocationUrl, undefined);
    assert.ok(example.certificateHashes.every((hash) => /^[0-9a-f]{40}$/.test(hash)));
  });

  it('classifies domains and addresses case-insensitively, by exact domain', () => {
    assert.equal(index.classifyDomain('mario.rossi@PEC.example.it'), 'certificato');
    assert.equal(index.classifyDomain('pec.example.com'), 'certificato');
    assert.equal(index.classifyDomain('<a@other.example>'), 'certificato');
    assert.equal(index.classifyDomain('a@sub.pec.example.it'), 'esterno');
    assert.equal(index.classifyDomain('a@example.it'), 'esterno');
    assert.equal(index.findProviderByDomain('x@OTHER.example')?.name, 'Other PEC');
  });

  it('finds a provider by certificate only when hash AND bytes match', () => {
    assert.equal(index.findProviderByCertificate(oldCertificate)?.name, 'Example PEC S.p.A.');
    assert.equal(index.findProviderByCertificate(newCertificate)?.name, 'Example PEC S.p.A.');
    assert.equal(index.findProviderByCertificate(fakeCertificate(13)), undefined);
    const hash = createHash('sha1').update(otherCertificate).digest('hex');
    assert.equal(index.findProviderBySha1(hash.toUpperCase())?.name, 'Other PEC');
    assert.equal(index.findProviderBySha1(hash.replace(/(..)(?!$)/g, '$1:'))?.name, 'Other PEC');

    // A record that lists the hash but publishes different bytes does not vouch for the certificate.
    const forged = parseLdif(
      `dn: providerName=Forged,o=postacert\nobjectClass: provider\nproviderName: Forged\nmailReceipt: a@b\n` +
        `managedDomains: forged.example\nproviderCertificateHash: ${hash}\n` +
        `providerCertificate;binary:: ${Buffer.from(fakeCertificate(17)).toString('base64')}\n`,
    );
    const forgedIndex = createProviderIndex(forged);
    assert.equal(forgedIndex.findProviderBySha1(hash)?.name, 'Forged');
    assert.equal(forgedIndex.findProviderByCertificate(otherCertificate), undefined);
  });
});
