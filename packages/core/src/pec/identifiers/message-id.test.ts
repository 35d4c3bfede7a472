import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { isValidMessageIdentifier, stripAngleBrackets, withAngleBrackets } from './message-id.ts';

describe('angle brackets', () => {
  it('strips and adds exactly one pair, trimming outer white space', () => {
    assert.equal(stripAngleBrackets('<a@b>'), 'a@b');
    assert.equal(stripAngleBrackets('  <a@b> '), 'a@b');
    assert.equal(stripAngleBrackets('a@b'), 'a@b');
    assert.equal(stripAngleBrackets('<a@b'), 'a@b');
    assert.equal(stripAngleBrackets('<<a@b>>'), '<a@b>');
    assert.equal(withAngleBrackets('a@b'), '<a@b>');
    assert.equal(withAngleBrackets('<a@b>'), '<a@b>');
    assert.equal(withAngleBrackets(' a@b '), '<a@b>');
  });

  it('withAngleBrackets ∘ stripAngleBrackets is idempotent', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        const once = withAngleBrackets(s);
        assert.equal(withAngleBrackets(once), once);
        assert.equal(stripAngleBrackets(once), stripAngleBrackets(s));
      }),
    );
  });
});

describe('isValidMessageIdentifier', () => {
  it('accepts RFC 5322 msg-id forms, bare or bracketed', () => {
    for (const id of [
      '<a@b>',
      'a@b',
      '<2839ed57-1c2d@email.android.com>',
      "<a!#$%&'*+-/=?^_`{|}~@b.c>",
      '<1542123565.123.x@elbati-Vostro-3550>',
      '<x@[127.0.0.1]>',
      'opec288.20181113163926.01838.310.1.358.63@pec.aruba.it',
    ]) {
      assert.ok(isValidMessageIdentifier(id), id);
    }
  });

  it('rejects everything else', () => {
    for (const id of [
      '',
      '<>',
      'a',
      '<a>',
      'a@',
      '@b',
      'a@@b',
      'a b@c',
      '<a@b',
      'a@b>',
      '<<a@b>>',
      '.a@b',
      'a.@b',
      'a..b@c',
      'a@b..c',
      '"q"@b',
      'a@b (c)',
      'à@b',
      `${'a'.repeat(997)}@b`,
    ]) {
      assert.equal(isValidMessageIdentifier(id), false, id);
    }
  });
});
