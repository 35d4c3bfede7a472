import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { getHeader, getHeaders, parseHeaderBlock } from './header-block.ts';

const enc = (s: string): Uint8Array => new TextEncoder().encode(s);

describe('parseHeaderBlock', () => {
  it('unfolds fields, keeps byte offsets and finds the body (CRLF)', () => {
    const raw = enc('Subject: hello\r\n world\r\nX-Ricevuta: accettazione\r\n\r\nbody');
    const block = parseHeaderBlock(raw);
    assert.equal(getHeader(block, 'subject'), 'hello world');
    assert.equal(getHeader(block, 'x-ricevuta'), 'accettazione');
    assert.equal(block.lineBreak, '\r\n');
    assert.equal(new TextDecoder().decode(raw.subarray(block.bodyStart)), 'body');
    const second = block.fields[1];
    assert.ok(second !== undefined);
    assert.equal(
      new TextDecoder().decode(raw.subarray(second.start, second.end)),
      'X-Ricevuta: accettazione\r\n',
    );
  });

  it('handles bare LF, duplicates and a missing blank line', () => {
    const block = parseHeaderBlock(enc('To: a@b\nTo: c@d\nX: y'));
    assert.deepEqual(getHeaders(block, 'TO'), ['a@b', 'c@d']);
    assert.equal(block.lineBreak, '\n');
    assert.equal(block.bodyStart, block.headerEnd);
  });

  it('treats CR CR LF as one line break', () => {
    const block = parseHeaderBlock(enc('A: 1\r\r\nB: 2\r\r\n\r\r\nbody'));
    assert.equal(getHeader(block, 'b'), '2');
    assert.equal(block.fields.length, 2);
  });
});
