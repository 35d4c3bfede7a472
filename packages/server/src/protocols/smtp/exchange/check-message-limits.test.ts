import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { refusalReply } from '../refusal-reply.ts';
import { checkMessageLimits, headerBlockLength, longestLine } from './check-message-limits.ts';

/** The reference: split after each LF, measure each piece with its line ending. */
function reference(bytes: Uint8Array): number {
  const text = Buffer.from(bytes).toString('latin1');
  return Math.max(0, ...text.split(/(?<=\n)/).map((line) => line.length));
}

describe('MX message limits', () => {
  it('longestLine agrees with splitting after every LF (property)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 400 }), (bytes) => {
        assert.equal(longestLine(bytes), reference(bytes));
      }),
    );
  });

  it('counts CRLF in the line length, as RFC 5321 §4.5.3.1.6 does', () => {
    const ok = Buffer.from(`Subject: x\r\n\r\n${'a'.repeat(998)}\r\n`);
    assert.equal(longestLine(ok), 1000);
    assert.equal(checkMessageLimits(ok, { maxLineLength: 1000, maxHeaderBytes: 8192 }), undefined);
    const long = Buffer.from(`Subject: x\r\n\r\n${'a'.repeat(999)}\r\n`);
    const refusal = checkMessageLimits(long, { maxLineLength: 1000, maxHeaderBytes: 8192 });
    assert.deepEqual(refusal, { reason: 'line-too-long', limitOctets: 1000 });
    assert.equal(refusalReply(refusal).code, 554);
  });

  it('measures the header block up to the empty line and refuses a larger one with 552 5.3.4', () => {
    const message = Buffer.from('A: 1\r\nB: 2\r\n\r\nbody\r\n');
    assert.equal(headerBlockLength(message), 12);
    const refusal = checkMessageLimits(message, { maxLineLength: 1000, maxHeaderBytes: 11 });
    assert.ok(refusal !== undefined);
    assert.equal(refusalReply(refusal).line, '552 5.3.4 Message refused: its header is larger than 11 bytes');
  });
});
