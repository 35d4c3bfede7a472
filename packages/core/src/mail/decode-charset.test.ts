import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { decodeCharset, normalizeCharset } from './decode-charset.ts';

const bytes = (...values: number[]): Uint8Array => new Uint8Array(values);

describe('decodeCharset', () => {
  it('decodes UTF-8 by default', () => {
    assert.equal(decodeCharset(bytes(0x63, 0x61, 0x66, 0xc3, 0xa8), undefined), 'caf\u00e8');
  });

  it('decodes ISO-8859-1 and quoted labels', () => {
    assert.equal(decodeCharset(bytes(0x63, 0xe8), 'ISO-8859-1'), 'c\u00e8');
    assert.equal(decodeCharset(bytes(0x63, 0xe8), '"iso-8859-1"'), 'c\u00e8');
    assert.equal(decodeCharset(bytes(0x80), 'windows-1252'), '\u20ac');
  });

  it('reads 8-bit text labelled US-ASCII as UTF-8 when valid, else windows-1252', () => {
    assert.equal(decodeCharset(bytes(0xc3, 0xa8), 'us-ascii'), '\u00e8');
    assert.equal(decodeCharset(bytes(0xe8), 'us-ascii'), '\u00e8');
  });

  it('falls back for unknown charsets', () => {
    assert.equal(decodeCharset(bytes(0xc3, 0xa8), 'x-no-such-charset'), '\u00e8');
    assert.equal(decodeCharset(bytes(0xe8, 0x80), 'unknown-8bit'), '\u00e8\u20ac');
  });

  it('decodes UTF-7 parts', () => {
    assert.equal(decodeCharset(new TextEncoder().encode('perch+AOk- +-1'), 'UTF-7'), 'perch\u00e9 +1');
  });

  it('decodes UTF-16 with a BOM', () => {
    assert.equal(decodeCharset(bytes(0xff, 0xfe, 0x41, 0x00), 'utf-16'), 'A');
  });

  it('never throws for any bytes and label', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 100 }),
        fc.option(fc.string({ maxLength: 20 })),
        (data, label) => {
          assert.equal(typeof decodeCharset(data, label ?? undefined), 'string');
        },
      ),
    );
  });
});

describe('normalizeCharset', () => {
  it('strips quotes, blanks and trailing parameters', () => {
    assert.equal(normalizeCharset(' "UTF-8" '), 'utf-8');
    assert.equal(normalizeCharset('utf-8; format=flowed'), 'utf-8');
    assert.equal(normalizeCharset(undefined), '');
  });
});
