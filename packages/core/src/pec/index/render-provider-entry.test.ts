import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import { parseLdif } from './parse-ldif.ts';
import { renderProviderEntry } from './render-provider-entry.ts';

describe('renderProviderEntry', () => {
  const certificate = new Uint8Array(Array.from({ length: 500 }, (_, i) => (i * 31) & 0xff));
  const text = renderProviderEntry({
    name: 'Rossi, Bianchi & C. S.p.A.',
    mailReceipt: 'posta-certificata@pec.example.it',
    managedDomains: ['pec.example.it'],
    certificates: [certificate],
    description: 'Gestore di prova — non è reale',
    ldifLocationUrl: 'https://pec.example.it/provider.ldif.p7m',
  });

  it('writes the RFC 6109 record shape', () => {
    const lines = text.split('\n');
    assert.equal(lines[0], 'dn: providerName=Rossi\\, Bianchi & C. S.p.A.,o=postacert');
    assert.deepEqual(lines.slice(1, 3), ['objectClass: top', 'objectClass: provider']);
    const hash = createHash('sha1').update(certificate).digest('hex').toUpperCase();
    assert.ok(lines.includes(`providerCertificateHash: ${hash}`));
    assert.ok(lines.some((line) => line.startsWith('providerCertificate;binary:: ')));
    assert.ok(lines.includes('LDIFLocationURL: https://pec.example.it/provider.ldif.p7m'));
    assert.ok(lines.some((line) => line.startsWith('description:: ')));
    for (const line of lines) assert.ok(line.length <= 76, `line too long: ${line.length}`);
    assert.ok(lines.filter((line) => line.startsWith(' ')).length > 5, 'the certificate is folded');
  });

  it('parses back to the same values', () => {
    const [entry] = parseLdif(text);
    assert.ok(entry !== undefined);
    assert.equal(entry.dn, 'providerName=Rossi\\, Bianchi & C. S.p.A.,o=postacert');
    assert.deepEqual(entry.attributes.get('providername'), ['Rossi, Bianchi & C. S.p.A.']);
    assert.deepEqual(entry.attributes.get('description'), ['Gestore di prova — non è reale']);
    assert.deepEqual(entry.attributes.get('providercertificate'), [certificate]);
    assert.deepEqual(entry.attributes.get('manageddomains'), ['pec.example.it']);
  });

  it('puts a secondary environment under its provider without LDIFLocationURL', () => {
    const unit = renderProviderEntry({
      name: 'Example',
      unit: 'DR site',
      mailReceipt: 'a@b.example',
      managedDomains: [],
      certificates: [],
      ldifLocationUrl: 'https://ignored.example/',
    });
    assert.ok(unit.startsWith('dn: providerUnit=DR site,providerName=Example,o=postacert\n'));
    assert.ok(unit.includes('providerUnit: DR site\n'));
    assert.equal(unit.includes('LDIFLocationURL'), false);
  });
});
