import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { decodeUtf7 } from './decode-utf7.ts';

/** Reference encoder for the property test: every non-ASCII run shifted, RFC 2152 style. */
function encodeUtf7(text: string): string {
  let out = '';
  let i = 0;
  while (i < text.length) {
    const code = text.charCodeAt(i);
    if (code < 0x80 && text.charAt(i) !== '+') {
      out += text.charAt(i++);
      continue;
    }
    if (text.charAt(i) === '+') {
      out += '+-';
      i++;
      continue;
    }
    let j = i;
    while (j < text.length && text.charCodeAt(j) >= 0x80) j++;
    const units = Buffer.alloc((j - i) * 2);
    for (let k = i; k < j; k++) units.writeUInt16BE(text.charCodeAt(k), (k - i) * 2);
    out += `+${units.toString('base64').replace(/=+$/, '')}-`;
    i = j;
  }
  return out;
}

describe('decodeUtf7', () => {
  it('decodes RFC 2152 examples', () => {
    assert.equal(decodeUtf7('Hi Mom -+Jjo--!'), 'Hi Mom -\u263a-!');
    assert.equal(decodeUtf7('+ZeVnLIqe-'), '\u65e5\u672c\u8a9e');
    assert.equal(decodeUtf7('A+ImIDkQ.'), 'A\u2262\u0391.');
  });

  it('decodes "+-" as a plus and the artefact seen in real file names', () => {
    assert.equal(decodeUtf7('1 +- 1'), '1 + 1');
    assert.equal(decodeUtf7('ROTTAMAZIONE+AF8-con'), 'ROTTAMAZIONE_con');
    assert.equal(decodeUtf7('perch+AOk-'), 'perch\u00e9');
  });

  it('keeps a "+" that starts no shift', () => {
    assert.equal(decodeUtf7('a + b'), 'a + b');
    assert.equal(decodeUtf7('end+'), 'end+');
  });

  it('round-trips arbitrary text through a reference encoder', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 80 }), (text) => {
        assert.equal(decodeUtf7(encodeUtf7(text)), text);
      }),
    );
  });
});
