import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { decodeEncodedWords } from './decode-encoded-words.ts';

describe('decodeEncodedWords', () => {
  it('decodes B and Q words in any case', () => {
    assert.equal(decodeEncodedWords('=?UTF-8?B?Y2Fmw6g=?='), 'caf\u00e8');
    assert.equal(decodeEncodedWords('=?iso-8859-1?q?caf=E8_bar?='), 'caf\u00e8 bar');
    assert.equal(decodeEncodedWords('=?utf-8?Q?3=c2=b0?='), '3\u00b0');
  });

  it('joins adjacent words across folding white space but keeps other text', () => {
    const value = '=?UTF-8?Q?POSTA_CERTIFICATA=3A_a_?= \r\n =?UTF-8?Q?3=C2=B0_b?=';
    assert.equal(decodeEncodedWords(value), 'POSTA CERTIFICATA: a 3\u00b0 b');
    assert.equal(decodeEncodedWords('Re: =?utf-8?q?a?= and =?utf-8?q?b?= end'), 'Re: a and b end');
  });

  it('joins the bytes of a character split across two words', () => {
    // "è" is C3 A8: the first word ends with C3, the second starts with A8.
    assert.equal(decodeEncodedWords('=?utf-8?B?Y2Fmww==?= =?utf-8?B?qA==?='), 'caf\u00e8');
  });

  it('decodes words in different charsets next to each other', () => {
    assert.equal(decodeEncodedWords('=?iso-8859-1?Q?=E8?= =?utf-8?Q?=C3=A8?='), '\u00e8\u00e8');
  });

  it('accepts the RFC 2231 language suffix and UTF-7 words', () => {
    assert.equal(decodeEncodedWords('=?utf-8*it?Q?ciao?='), 'ciao');
    assert.equal(decodeEncodedWords('=?utf-7?Q?perch+AOk-?='), 'perch\u00e9');
  });

  it('leaves malformed words as written', () => {
    for (const value of [
      '=?utf-8?X?abc?=',
      '=?utf-8?B?a*b?=',
      '=?utf-8?Q?unterminated',
      '=??Q?a?=',
      'plain',
    ]) {
      assert.equal(decodeEncodedWords(value), value);
    }
  });

  it('never throws on arbitrary text', () => {
    const piece = fc.oneof(
      fc.string({ maxLength: 10 }),
      fc.constantFrom('=?', '?=', '?Q?', '?B?', 'utf-8', ' ', '=C3', '_'),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 20 }), (pieces) => {
        assert.equal(typeof decodeEncodedWords(pieces.join('')), 'string');
      }),
    );
  });
});
