import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isDomainName, parseMailboxAddress } from './parse-mailbox-address.ts';

describe('parseMailboxAddress', () => {
  it('splits and lower-cases plain addresses', () => {
    assert.deepEqual(parseMailboxAddress(' Mario.Rossi@PEC.Example.it '), {
      address: 'mario.rossi@pec.example.it',
      localPart: 'mario.rossi',
      domain: 'pec.example.it',
    });
    assert.equal(parseMailboxAddress("o'neil+tag@studio-rossi.pec.example.it")?.localPart, "o'neil+tag");
  });

  it('refuses what is not a dot-atom address on a DNS name', () => {
    for (const value of [
      '',
      'mario',
      '@pec.example.it',
      'mario@',
      'mario@localhost',
      'mario..rossi@pec.example.it',
      '.mario@pec.example.it',
      'mario rossi@pec.example.it',
      '"mario"@pec.example.it',
      'mario@pec_example.it',
      'mario@-pec.example.it',
      'màrio@pec.example.it',
      `${'a'.repeat(65)}@pec.example.it`,
    ]) {
      assert.equal(parseMailboxAddress(value), undefined, value);
    }
  });
});

describe('isDomainName', () => {
  it('accepts multi-label DNS names only', () => {
    assert.equal(isDomainName('studio-rossi.pec.example.it'), true);
    assert.equal(isDomainName('PEC.EXAMPLE.IT'), true);
    assert.equal(isDomainName('example'), false);
    assert.equal(isDomainName('a..b'), false);
    assert.equal(isDomainName('a-.example.it'), false);
    assert.equal(isDomainName(`${'a'.repeat(64)}.example.it`), false);
  });
});
