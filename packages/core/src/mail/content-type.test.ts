import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { parseContentType, parseParameterizedValue } from './content-type.ts';

describe('parseContentType', () => {
  it('reads type, subtype and parameters with the spellings of real PEC traffic', () => {
    const ct = parseContentType(
      'Multipart/Signed; protocol="application/x-pkcs7-signature"; micalg=sha1;\r\n\tboundary="----=_Part_1"',
    );
    assert.equal(ct.value, 'multipart/signed');
    assert.equal(ct.type, 'multipart');
    assert.equal(ct.subtype, 'signed');
    assert.equal(ct.params.get('micalg'), 'sha1');
    assert.equal(ct.params.get('boundary'), '----=_Part_1');
  });

  it('defaults to text/plain when missing or unusable', () => {
    assert.equal(parseContentType(undefined).value, 'text/plain');
    assert.equal(parseContentType('garbage').value, 'text/plain');
  });

  it('tolerates a missing ";" before the first parameter', () => {
    const ct = parseContentType('multipart/mixed boundary="abc"');
    assert.equal(ct.value, 'multipart/mixed');
    assert.equal(ct.params.get('boundary'), 'abc');
  });
});

describe('parseParameterizedValue', () => {
  it('decodes RFC 2231 extended values and continuations', () => {
    const value = parseParameterizedValue(
      'attachment; filename*0*=utf-8\'\'caf%C3%A8; filename*1="-100%.pdf"',
    );
    assert.equal(value.value, 'attachment');
    assert.equal(value.params.get('filename'), 'caf\u00e8-100%.pdf');
    const latin = parseParameterizedValue("inline; filename*=iso-8859-1'it'citt%E0.txt");
    assert.equal(latin.params.get('filename'), 'citt\u00e0.txt');
  });

  it('keeps the first of duplicated parameters and unquotes escapes', () => {
    const value = parseParameterizedValue('inline; name="a\\"b"; name=c;; x');
    assert.equal(value.params.get('name'), 'a"b');
  });

  it('never throws', () => {
    const piece = fc.oneof(
      fc.string({ maxLength: 8 }),
      fc.constantFrom(';', '=', '"', '*0*', "''", '%', '\\'),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 30 }), (pieces) => {
        assert.equal(typeof parseContentType(pieces.join('')).value, 'string');
      }),
    );
  });
});
