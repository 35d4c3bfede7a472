import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { WireWriter } from './wire-writer.ts';

const out = (build: (w: WireWriter) => void, utf8 = false): string => {
  const writer = new WireWriter({ utf8 });
  build(writer);
  return new TextDecoder('latin1').decode(writer.finish());
};

describe('WireWriter string forms', () => {
  it('writes astrings as atoms only when every character allows it', () => {
    const cases: Array<[string, string]> = [
      ['INBOX', 'INBOX'],
      ['[Gmail]/Sent', '"[Gmail]/Sent"'],
      ['a b', '"a b"'],
      ['', '""'],
      ['nil', '"nil"'],
      ['50%', '"50%"'],
      ['x*', '"x*"'],
      ['say "hi"', '"say \\"hi\\""'],
      ['back\\slash', '"back\\\\slash"'],
      ['a\r\nb', '{4}\r\na\r\nb'],
      ['città', '{6}\r\ncitt\xc3\xa0'],
    ];
    for (const [value, expected] of cases)
      assert.equal(
        out((w) => w.astring(value)),
        expected,
        value,
      );
    assert.equal(
      new TextDecoder().decode(new WireWriter({ utf8: true }).astring('città').finish()),
      '"città"',
    );
  });

  it('writes byte strings quoted only when 7-bit, short and free of CR/LF/NUL', () => {
    assert.equal(
      out((w) => w.string(new Uint8Array([0x61, 0x09, 0x62]))),
      '"a\tb"',
    );
    assert.equal(
      out((w) => w.string(new Uint8Array([0x61, 0x00]))),
      '{2}\r\na\x00',
    );
    assert.equal(
      out((w) => w.string(new Uint8Array([0xe8]))),
      '{1}\r\n\xe8',
    );
    assert.equal(
      out((w) => w.string('x'.repeat(1025))),
      `{1025}\r\n${'x'.repeat(1025)}`,
    );
    assert.equal(
      out((w) => w.string('x'.repeat(1024))),
      `"${'x'.repeat(1024)}"`,
    );
    assert.equal(
      out((w) => w.nstring(null)),
      'NIL',
    );
    assert.equal(
      out((w) => w.literal(new Uint8Array([0, 1]), true)),
      '~{2}\r\n\x00\x01',
    );
  });

  it('concatenates text and bytes in order', () => {
    assert.equal(
      out((w) =>
        w
          .text('A ')
          .bytes(new Uint8Array([0x42]))
          .number(7)
          .atomList(['\\Seen']),
      ),
      'A B7(\\Seen)',
    );
  });
});
