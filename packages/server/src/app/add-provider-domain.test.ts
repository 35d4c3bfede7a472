import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createProviderIndex, parseLdif, renderProviderEntry } from '@pec/core';
import { addDomainToIndexText } from './add-provider-domain.ts';
import { folderDirectoryName } from './export-mailbox.ts';

const certificate = new Uint8Array(300).fill(7);
const ours = renderProviderEntry({
  name: 'Example PEC',
  mailReceipt: 'posta-certificata@pec.example.it',
  managedDomains: ['pec.example.it'],
  certificates: [certificate],
  description: 'kept as is',
});
const other = renderProviderEntry({
  name: 'Other PEC',
  mailReceipt: 'posta-certificata@pec.other.it',
  managedDomains: ['pec.other.it'],
  certificates: [],
});
const ourUnit = renderProviderEntry({
  name: 'Example PEC',
  unit: 'secondary',
  mailReceipt: 'posta-certificata@pec.example.it',
  managedDomains: ['pec.example.it'],
  certificates: [],
});
const identity = { name: 'Example PEC', domain: 'pec.example.it' };

describe('addDomainToIndexText', () => {
  it("adds the domain to this provider's main entry only, keeping everything else", () => {
    for (const text of [`${other}\n${ourUnit}\n${ours}`, `${ours}\n${other}`, ours.trimEnd()]) {
      const updated = addDomainToIndexText(text, identity, 'studio-rossi.pec.example.it');
      assert.ok(updated !== undefined);
      const providers = createProviderIndex(parseLdif(updated)).providers;
      const main = providers.find((p) => p.name === 'Example PEC' && p.unit === undefined)!;
      assert.deepEqual(main.managedDomains, ['pec.example.it', 'studio-rossi.pec.example.it']);
      assert.deepEqual(main.certificates, [certificate]);
      for (const p of providers.filter((p) => p !== main)) assert.equal(p.managedDomains.length, 1);
      assert.ok(updated.includes('description: kept as is'));
      assert.equal(updated.length, text.length + 'managedDomains: studio-rossi.pec.example.it\n'.length);
    }
  });

  it('keeps CRLF line ends', () => {
    const crlf = `${ours}\n${other}`.replace(/\n/g, '\r\n');
    const updated = addDomainToIndexText(crlf, identity, 'new.example.it')!;
    assert.doesNotMatch(updated.replace(/\r\n/g, ''), /\n/);
    assert.match(updated, /\r\nmanagedDomains: new\.example\.it\r\n/);
  });

  it('changes nothing when the domain is listed or the provider is absent', () => {
    assert.equal(addDomainToIndexText(ours, identity, 'pec.example.it'), undefined);
    assert.equal(addDomainToIndexText(other, identity, 'new.example.it'), undefined);
    assert.equal(addDomainToIndexText('', identity, 'new.example.it'), undefined);
  });
});

describe('folderDirectoryName', () => {
  it('maps every folder name to one safe, distinct path segment', () => {
    assert.equal(folderDirectoryName('INBOX'), 'INBOX');
    assert.equal(folderDirectoryName('Sent'), 'Sent');
    assert.equal(folderDirectoryName('Lavoro/2026'), 'Lavoro%2F2026');
    assert.equal(folderDirectoryName('..'), '%2E%2E');
    assert.equal(folderDirectoryName('Càrte'), 'C%C3%A0rte');
    const names = ['a/b', 'a%2Fb', 'a_b', 'a b', 'a.b', 'A.B'];
    const mapped = names.map(folderDirectoryName);
    assert.equal(new Set(mapped).size, names.length);
    for (const segment of mapped) assert.match(segment, /^[A-Za-z0-9_ %-]+$/);
  });
});
