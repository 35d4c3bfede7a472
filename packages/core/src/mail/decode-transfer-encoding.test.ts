import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { decodeBase64, decodeQuotedPrintable, decodeTransferEncoding } from './decode-transfer-encoding.ts';

const enc = (s: string): Uint8Array => new TextEncoder().encode(s);
const latin1 = (b: Uint8Array): string => Buffer.from(b).toString('latin1');

describe('decodeBase64', () => {
  it('decodes standard base64 across line breaks', () => {
    assert.equal(latin1(decodeBase64(enc('aGVs\r\nbG8g\nd29y bGQ='))), 'hello world');
  });

  it('ignores junk and missing padding', () => {
    assert.equal(latin1(decodeBase64(enc('aGVsbG8*!'))), 'hello');
    assert.equal(latin1(decodeBase64(enc('YQ'))), 'a');
    assert.equal(latin1(decodeBase64(enc('YWI'))), 'ab');
  });

  it('decodes concatenated padded chunks one after the other', () => {
    assert.equal(latin1(decodeBase64(enc('YQ==Yg=='))), 'ab');
  });

  it('drops a single dangling sextet', () => {
    assert.equal(latin1(decodeBase64(enc('YWJjZ'))), 'abc');
  });

  it('round-trips arbitrary bytes encoded by Buffer', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), fc.integer({ min: 1, max: 80 }), (bytes, width) => {
        const text = Buffer.from(bytes).toString('base64');
        const lines = text.match(new RegExp(`.{1,${width}}`, 'g')) ?? [];
        const decoded = decodeBase64(enc(lines.join('\r\n')));
        assert.deepEqual(Buffer.from(decoded), Buffer.from(bytes));
      }),
    );
  });
});

describe('decodeQuotedPrintable', () => {
  it('decodes escapes, lower-case hex and soft line breaks', () => {
    const out = decodeQuotedPrintable(enc('caf=E8 =e8=\r\nt=C3=A0\r\nnext'));
    assert.deepEqual([...out], [...Buffer.from('caf\xe8 \xe8t\xc3\xa0\r\nnext', 'latin1')]);
  });

  it('keeps invalid escapes and a trailing = literally', () => {
    assert.equal(latin1(decodeQuotedPrintable(enc('a=ZZb=4'))), 'a=ZZb=4');
    assert.equal(latin1(decodeQuotedPrintable(enc('50% =\n'))), '50% ');
  });

  it('treats "= " before the line break as a soft break and strips trailing blanks', () => {
    assert.equal(latin1(decodeQuotedPrintable(enc('one= \t\r\ntwo  \r\nthree\t\n'))), 'onetwo\r\nthree\n');
  });

  it('keeps bare LF and CR CR LF line breaks as written', () => {
    assert.equal(latin1(decodeQuotedPrintable(enc('a\nb\r\r\nc'))), 'a\nb\r\r\nc');
  });

  it('round-trips text without trailing blanks through a simple encoder', () => {
    const encode = (bytes: Uint8Array): string => {
      let out = '';
      let width = 0;
      for (const b of bytes) {
        const piece =
          b >= 33 && b <= 126 && b !== 61
            ? String.fromCharCode(b)
            : `=${b.toString(16).toUpperCase().padStart(2, '0')}`;
        if (width + piece.length > 75) {
          out += '=\r\n';
          width = 0;
        }
        out += piece;
        width += piece.length;
      }
      return out;
    };
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 400 }), (bytes) => {
        assert.deepEqual([...decodeQuotedPrintable(enc(encode(bytes)))], [...bytes]);
      }),
    );
  });
});

describe('decodeTransferEncoding', () => {
  it('dispatches case-insensitively and passes identity encodings through', () => {
    const body = enc('SGk=');
    assert.equal(latin1(decodeTransferEncoding(body, ' Base64 ')), 'Hi');
    assert.equal(latin1(decodeTransferEncoding(enc('=41'), 'QUOTED-PRINTABLE')), 'A');
    assert.equal(decodeTransferEncoding(body, '7bit'), body);
    assert.equal(decodeTransferEncoding(body, 'x-unknown'), body);
  });

  it('never throws on arbitrary bytes', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 500 }),
        fc.constantFrom('base64', 'quoted-printable', 'binary'),
        (bytes, encoding) => {
          const out = decodeTransferEncoding(bytes, encoding);
          assert.ok(out.length <= bytes.length);
        },
      ),
    );
  });
});
