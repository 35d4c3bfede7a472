import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { parseLdif } from './parse-ldif.ts';

describe('parseLdif', () => {
  it('reads folded lines, base64 values, comments, version and several records (CRLF)', () => {
    const certificate = Buffer.from([0x30, 0x82, 0x01, 0x00, 0xff, 0x10]);
    const text = [
      'version: 1',
      '# the provider index',
      '#  continued comment',
      ' comment continuation line',
      'dn: providerName=Example PEC,o=postacert',
      'objectClass: top',
      'objectClass: provider',
      'providerName: Example',
      '  PEC',
      'description:: UGVyw7Igw6ggY29zw6w=',
      `providerCertificate;binary:: ${certificate.toString('base64')}`,
      'managedDomains: pec.example.it',
      'managedDomains: PEC.second.example',
      '',
      '',
      'dn:: cHJvdmlkZXJOYW1lPVNlY29uZCxvPXBvc3RhY2VydA==',
      'providerName: Second',
      'bad line without colon',
      ':: no name',
      'providerCertificate:: !!!not base64!!!',
      'LDIFLocationURL:< file:///etc/passwd',
      '',
    ].join('\r\n');
    const entries = parseLdif(text);
    assert.equal(entries.length, 2);
    const [first, second] = entries;
    assert.ok(first !== undefined && second !== undefined);
    assert.equal(first.dn, 'providerName=Example PEC,o=postacert');
    assert.deepEqual(first.attributes.get('objectclass'), ['top', 'provider']);
    assert.deepEqual(first.attributes.get('providername'), ['Example PEC']);
    assert.deepEqual(first.attributes.get('description'), ['Però è così']);
    assert.deepEqual(first.attributes.get('providercertificate'), [new Uint8Array(certificate)]);
    assert.deepEqual(first.attributes.get('manageddomains'), ['pec.example.it', 'PEC.second.example']);
    assert.equal(second.dn, 'providerName=Second,o=postacert');
    assert.deepEqual([...second.attributes.keys()], ['providername']);
  });

  it('reads LF files and a record without a trailing blank line', () => {
    const entries = parseLdif('dn: o=postacert\nobjectClass: organization\nLDIFLocationURL: https://x/y.p7m');
    assert.equal(entries.length, 1);
    assert.deepEqual(entries[0]?.attributes.get('ldiflocationurl'), ['https://x/y.p7m']);
  });

  it('never throws on arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 500 }), (text) => {
        parseLdif(text);
      }),
      { numRuns: 1000 },
    );
    const alphabet = fc.constantFrom(
      'dn',
      ':',
      '::',
      ' ',
      '\n',
      '\r\n',
      '#',
      'a',
      '=',
      'QUJD',
      ';binary',
      '<',
      '-',
    );
    fc.assert(
      fc.property(fc.array(alphabet, { maxLength: 200 }), (pieces) => {
        for (const entry of parseLdif(pieces.join(''))) assert.equal(typeof entry.dn, 'string');
      }),
      { numRuns: 1000 },
    );
  });
});
