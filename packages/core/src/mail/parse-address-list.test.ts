import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { parseAddress, parseAddressList } from './parse-address-list.ts';

describe('parseAddressList', () => {
  it('reads display names with quotes, commas and escapes', () => {
    assert.deepEqual(parseAddressList('"Rossi, Mario" <mario@example.it>, "a\\"b" <ab@example.it>'), [
      { name: 'Rossi, Mario', address: 'mario@example.it' },
      { name: 'a"b', address: 'ab@example.it' },
    ]);
  });

  it('reads the PEC envelope sender', () => {
    assert.deepEqual(
      parseAddress('"Per conto di: mario@pec.example.it" <posta-certificata@pec.example.it>'),
      {
        name: 'Per conto di: mario@pec.example.it',
        address: 'posta-certificata@pec.example.it',
      },
    );
  });

  it('decodes encoded-word display names, also inside quotes', () => {
    assert.deepEqual(
      parseAddressList('=?utf-8?Q?Citt=C3=A0?= <c@example.it>, "=?utf-8?B?w6g=?=" <e@example.it>'),
      [
        { name: 'Citt\u00e0', address: 'c@example.it' },
        { name: '\u00e8', address: 'e@example.it' },
      ],
    );
  });

  it('uses comments as names and strips them from addresses', () => {
    assert.deepEqual(parseAddressList('mario@example.it (Mario Rossi), <x@example.it> (X)'), [
      { name: 'Mario Rossi', address: 'mario@example.it' },
      { name: 'X', address: 'x@example.it' },
    ]);
  });

  it('expands groups and drops empty ones', () => {
    assert.deepEqual(parseAddressList('undisclosed-recipients:;'), []);
    assert.deepEqual(parseAddressList('Team: a@example.it, "B" <b@example.it>;, c@example.it'), [
      { name: '', address: 'a@example.it' },
      { name: 'B', address: 'b@example.it' },
      { name: '', address: 'c@example.it' },
    ]);
  });

  it('reads bare addresses, semicolons and space-separated lists', () => {
    assert.deepEqual(parseAddressList(' a@example.it ; b@example.it c@example.it '), [
      { name: '', address: 'a@example.it' },
      { name: '', address: 'b@example.it' },
      { name: '', address: 'c@example.it' },
    ]);
    assert.deepEqual(parseAddressList('Mario Rossi mario@example.it'), [
      { name: 'Mario Rossi', address: 'mario@example.it' },
    ]);
  });

  it('keeps case, strips white space and source routes in brackets', () => {
    assert.deepEqual(parseAddressList('<@relay.example:Dp.Campobasso@Example.IT >'), [
      { name: '', address: 'Dp.Campobasso@Example.IT' },
    ]);
  });

  it('survives stray brackets, unterminated quotes and folding', () => {
    assert.deepEqual(parseAddressList('dp@example.it>,\t"x"\t<x@example.it>'), [
      { name: '', address: 'dp@example.it' },
      { name: 'x', address: 'x@example.it' },
    ]);
    assert.deepEqual(parseAddressList('"Unterminated <u@example.it>'), [
      { name: 'Unterminated', address: 'u@example.it' },
    ]);
    assert.deepEqual(parseAddressList('"Just a name"'), []);
    assert.deepEqual(parseAddressList('postmaster'), [{ name: '', address: 'postmaster' }]);
    assert.deepEqual(parseAddressList('Name <n@example.it'), [{ name: 'Name', address: 'n@example.it' }]);
    assert.deepEqual(parseAddressList('"Folded\r\n Name" <f@example.it>'), [
      { name: 'Folded Name', address: 'f@example.it' },
    ]);
  });

  it('returns nothing for empty or missing values', () => {
    assert.deepEqual(parseAddressList(undefined), []);
    assert.deepEqual(parseAddressList(' , ;'), []);
    assert.equal(parseAddress(''), undefined);
  });

  it('never throws and never returns an empty address', () => {
    const piece = fc.oneof(
      fc.string({ maxLength: 8 }),
      fc.constantFrom('"', '<', '>', '(', ')', ',', ';', ':', '@', '\\', ' ', '=?utf-8?q?x?='),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 30 }), (pieces) => {
        for (const entry of parseAddressList(pieces.join(''))) assert.notEqual(entry.address, '');
      }),
    );
  });
});
