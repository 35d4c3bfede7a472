import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { topOfMessage } from './top-of-message.ts';

const top = (text: string, lines: number): string =>
  Buffer.from(topOfMessage(Buffer.from(text, 'latin1'), lines)).toString('latin1');

describe('topOfMessage', () => {
  const message = 'Subject: a\r\nFrom: b@x\r\n\r\nline 1\r\nline 2\r\n\r\nline 4\r\n';

  it('returns the header and the blank line for 0 lines', () => {
    assert.equal(top(message, 0), 'Subject: a\r\nFrom: b@x\r\n\r\n');
  });

  it('adds body lines one by one, blank body lines included', () => {
    assert.equal(top(message, 1), 'Subject: a\r\nFrom: b@x\r\n\r\nline 1\r\n');
    assert.equal(top(message, 3), 'Subject: a\r\nFrom: b@x\r\n\r\nline 1\r\nline 2\r\n\r\n');
  });

  it('returns the whole message when asked for more lines than the body has', () => {
    assert.equal(top(message, 4), message);
    assert.equal(top(message, 1000), message);
  });

  it('keeps a last line without a line break', () => {
    assert.equal(top('A: 1\r\n\r\nno end', 1), 'A: 1\r\n\r\nno end');
  });

  it('handles bare LF line ends the same way', () => {
    assert.equal(top('A: 1\nB: 2\n\nx\ny\n', 1), 'A: 1\nB: 2\n\nx\n');
  });

  it('does not take a CR alone or a folded line for the end of the header', () => {
    assert.equal(top('A: 1\r\n \r\n B\r\n\r\nbody\r\n', 0), 'A: 1\r\n \r\n B\r\n\r\n');
    assert.equal(top('A: 1\r\r\n\r\nbody\r\n', 0), 'A: 1\r\r\n\r\n');
  });

  it('returns a message with no blank line whole (all header)', () => {
    assert.equal(top('A: 1\r\nB: 2\r\n', 0), 'A: 1\r\nB: 2\r\n');
    assert.equal(top('', 3), '');
  });

  it('treats a leading blank line as an empty header', () => {
    assert.equal(top('\r\nbody 1\r\nbody 2\r\n', 1), '\r\nbody 1\r\n');
  });

  it('always returns a prefix of the message that grows with the line count', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), fc.nat(20), (bytes, lines) => {
        const raw = Buffer.from(bytes);
        const small = Buffer.from(topOfMessage(raw, lines));
        const larger = Buffer.from(topOfMessage(raw, lines + 1));
        assert.ok(raw.subarray(0, small.length).equals(small));
        assert.ok(larger.length >= small.length);
      }),
    );
  });
});
