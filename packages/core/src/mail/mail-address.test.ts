import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { domainOf, isAddrSpec, isDotAtom } from './mail-address.ts';

describe('isAddrSpec', () => {
  it('accepts dot-atom and quoted-string local parts on a mail domain', () => {
    for (const address of ['mario.rossi@pec.example.it', "o'neil+tag@a.b", '"a b"@pec.example.it']) {
      assert.equal(isAddrSpec(address), true, address);
    }
  });

  it('refuses obsolete and malformed forms', () => {
    for (const address of [
      '',
      'mario',
      '@pec.example.it',
      'a..b@x.it',
      'a@localhost',
      'a@[127.0.0.1]',
      'a@-x.it',
    ]) {
      assert.equal(isAddrSpec(address), false, address);
    }
    assert.equal(isAddrSpec(`${'a'.repeat(65)}@x.it`), false);
    assert.equal(isAddrSpec(`a@${'b'.repeat(250)}.it`), false);
  });

  it('refuses a quoted-string local part when only dot-atoms are allowed', () => {
    assert.equal(isAddrSpec('"a b"@pec.example.it', { dotAtomOnly: true }), false);
    assert.equal(isAddrSpec('a.b@pec.example.it', { dotAtomOnly: true }), true);
  });
});

describe('isDotAtom', () => {
  it('is the RFC 5322 dot-atom', () => {
    assert.equal(isDotAtom('posta-certificata'), true);
    assert.equal(isDotAtom('a..b'), false);
    assert.equal(isDotAtom('.a'), false);
  });
});

describe('domainOf', () => {
  it('lower-cases the part after the last @, or a bare domain', () => {
    assert.equal(domainOf('Mario@PEC.Example.IT'), 'pec.example.it');
    assert.equal(domainOf('"a@b"@X.it'), 'x.it');
    assert.equal(domainOf('pec.example.it.'), 'pec.example.it');
    assert.equal(domainOf('a@'), '');
  });
});
