import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { decodeEncodedWords } from '../decode-encoded-words.ts';
import { parseAddressList } from '../parse-address-list.ts';
import { encodeHeaderWords } from './encode-header-words.ts';
import { renderHeaderField } from './render-header-field.ts';
import { renderMailbox } from './render-mailbox.ts';

/** The value as a reader sees it: unfolded, then RFC 2047-decoded. */
function readBack(field: string): string {
  const unfolded = field.replace(/\r\n$/, '').replace(/\r\n(?=[ \t])/g, '');
  const colon = unfolded.indexOf(':');
  return decodeEncodedWords(unfolded.slice(colon + 1).replace(/^ /, ''));
}

function assertWellFormed(field: string): void {
  assert.ok(field.endsWith('\r\n'));
  const lines = field.slice(0, -2).split('\r\n');
  for (const line of lines.slice(1)) assert.match(line, /^[ \t]/);
  assert.doesNotMatch(field.slice(0, -2), /\r(?!\n)|(?<!\r)\n/);
}

describe('renderHeaderField', () => {
  it('writes short ASCII text as is', () => {
    assert.equal(renderHeaderField('Subject', 'CONSEGNA: Fattura 12'), 'Subject: CONSEGNA: Fattura 12\r\n');
  });

  it('encodes only the non-ASCII words and keeps the prefix readable', () => {
    const field = renderHeaderField('Subject', 'POSTA CERTIFICATA: Perché è così');
    assert.match(field, /^Subject: POSTA CERTIFICATA: =\?UTF-8\?[QB]\?/);
    assert.equal(readBack(field), 'POSTA CERTIFICATA: Perché è così');
  });

  it('folds long text at 76 characters', () => {
    const value = 'ACCETTAZIONE: ' + Array.from({ length: 30 }, (_, i) => `parola${i}`).join(' ');
    const field = renderHeaderField('Subject', value);
    assertWellFormed(field);
    for (const line of field.slice(0, -2).split('\r\n')) assert.ok(line.length <= 76, line);
    assert.equal(readBack(field), value);
  });

  it('neutralises line breaks so a value cannot add a field', () => {
    const field = renderHeaderField('Subject', 'a\r\nBcc: evil@example.com');
    assert.doesNotMatch(field, /\r\nBcc:/);
    assertWellFormed(field);
  });

  it('encodes words that would be read as encoded-words', () => {
    const field = renderHeaderField('Subject', 'see =?UTF-8?Q?x?= here');
    assert.equal(readBack(field), 'see =?UTF-8?Q?x?= here');
  });

  it('keeps a trailing space of a bare prefix', () => {
    assert.equal(renderHeaderField('Subject', 'CONSEGNA: '), 'Subject: CONSEGNA: \r\n');
  });

  it('folds structured values only outside quoted strings', () => {
    const value = renderMailbox(
      'posta-certificata@pec.example.it',
      'Per conto di: a.very.long.sender.name@pec.example.org',
    );
    const field = renderHeaderField('From', value, 'structured');
    assertWellFormed(field);
    const unfolded = field.replace(/\r\n(?=[ \t])/g, '');
    assert.equal(
      parseAddressList(unfolded.slice(5).trim())[0]?.name,
      'Per conto di: a.very.long.sender.name@pec.example.org',
    );
  });

  it('round-trips any text, keeps lines short and never splits a character', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 300 }), (text) => {
        const clean = Array.from(text)
          .map((c) => (c.charCodeAt(0) < 0x20 || c === '\u007f' ? ' ' : c))
          .join('');
        const field = renderHeaderField('Subject', clean);
        assertWellFormed(field);
        for (const line of field.slice(0, -2).split('\r\n')) {
          assert.ok(line.length <= 998);
          if (/=\?UTF-8\?/.test(line)) assert.ok(line.length <= 76, line);
        }
        // Leading white space is not part of an unstructured value; runs of inner spaces survive.
        assert.equal(readBack(field), clean.replace(/^ +/, ''));
      }),
      { numRuns: 500 },
    );
  });
});

describe('encodeHeaderWords', () => {
  it('keeps every encoded-word within the limits', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary', minLength: 1, maxLength: 200 }),
        fc.integer({ min: 24, max: 75 }),
        (text, first) => {
          const words = encodeHeaderWords(text, first);
          assert.ok((words[0] ?? '').length <= first);
          for (const word of words) assert.ok(word.length <= 75);
          assert.equal(decodeEncodedWords(words.join(' ')), text);
        },
      ),
    );
  });
});

describe('renderMailbox', () => {
  it('writes a bare address without a display name', () => {
    assert.equal(renderMailbox('posta-certificata@pec.example.it'), 'posta-certificata@pec.example.it');
  });

  it('quotes ASCII names and encodes others', () => {
    assert.equal(renderMailbox('a@b.it', 'Per conto di: "x"'), '"Per conto di: \\"x\\"" <a@b.it>');
    const encoded = renderMailbox('a@b.it', 'Niccolò');
    assert.match(encoded, /^=\?UTF-8\?/);
    assert.deepEqual(parseAddressList(encoded), [{ name: 'Niccolò', address: 'a@b.it' }]);
  });

  it('refuses addresses that would break the syntax', () => {
    assert.throws(() => renderMailbox('a@b.it> evil'), RangeError);
  });
});
