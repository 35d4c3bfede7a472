import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { decodeBase64, decodeQuotedPrintable } from '../decode-transfer-encoding.ts';
import { encodeBase64Lines } from './encode-base64-lines.ts';
import { encodeLatin1, toLatin1Text } from './encode-latin1.ts';
import { encodeQuotedPrintable } from './encode-quoted-printable.ts';
import { normalizeLineBreaks } from './normalize-line-breaks.ts';

const latin1 = (bytes: Uint8Array): string => Buffer.from(bytes).toString('latin1');

function assertSevenBitLines(text: string, max: number): void {
  assert.ok(Array.from(text).every((c) => c.charCodeAt(0) < 0x80));
  assert.doesNotMatch(text, /\r(?!\n)|(?<!\r)\n/);
  for (const line of text.split('\r\n')) assert.ok(line.length <= max, `line of ${line.length}: ${line}`);
}

describe('encodeQuotedPrintable', () => {
  it('escapes Latin-1 letters as in real PEC texts', () => {
    assert.equal(encodeQuotedPrintable(encodeLatin1('è stato consegnato')), '=E8 stato consegnato');
  });

  it('writes hard line breaks as CRLF and protects trailing blanks', () => {
    assert.equal(encodeQuotedPrintable(encodeLatin1('a \nb\t\r\nc=d\n')), 'a=20\r\nb=09\r\nc=3Dd\r\n');
  });

  it('round-trips any text with CRLF line breaks and lines of at most 76 characters', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 400 }), (text) => {
        const bytes = encodeLatin1(text.replace(/\r\n|\r|\n/g, '\n'));
        const encoded = encodeQuotedPrintable(bytes);
        assertSevenBitLines(encoded, 76);
        const expected = latin1(bytes).replace(/\n/g, '\r\n');
        assert.equal(latin1(decodeQuotedPrintable(new TextEncoder().encode(encoded))), expected);
      }),
      { numRuns: 500 },
    );
  });
});

describe('encodeLatin1', () => {
  it('keeps Latin-1 and replaces the rest sensibly', () => {
    assert.equal(toLatin1Text('perché “sì” – 10 € … Łódź ő 漢'), 'perché "sì" - 10 EUR ... ?ódz o ?');
    assert.equal(encodeLatin1('à').length, 1);
  });
});

describe('encodeBase64Lines', () => {
  it('round-trips with lines of 76 characters', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 1000 }), (bytes) => {
        const text = encodeBase64Lines(bytes);
        assertSevenBitLines(text, 76);
        assert.deepEqual(decodeBase64(new TextEncoder().encode(text)), bytes);
      }),
    );
  });
});

describe('normalizeLineBreaks', () => {
  it('turns LF, CR and CR CR LF into CRLF and leaves canonical input alone', () => {
    const enc = (s: string): Uint8Array => new TextEncoder().encode(s);
    assert.equal(latin1(normalizeLineBreaks(enc('a\nb\rc\r\r\nd\r\n'))), 'a\r\nb\r\nc\r\nd\r\n');
    const canonical = enc('a\r\nb');
    assert.equal(normalizeLineBreaks(canonical), canonical);
  });

  it('always yields CRLF-only bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
        assert.doesNotMatch(latin1(normalizeLineBreaks(bytes)), /\r(?!\n)|(?<!\r)\n/);
      }),
    );
  });
});
