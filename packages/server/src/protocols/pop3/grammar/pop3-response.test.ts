import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import {
  renderContinuation,
  renderErr,
  renderMultilineBody,
  renderMultilineLines,
  renderOk,
} from './pop3-response.ts';

const text = (bytes: Buffer) => bytes.toString('latin1');
const body = (s: string) => text(renderMultilineBody(Buffer.from(s, 'latin1')));

/** What a client does (RFC 1939 §3): read lines up to `.`, removing one leading dot from the others. */
function unstuff(wire: Buffer): Buffer {
  const out: Buffer[] = [];
  let at = 0;
  for (;;) {
    const end = wire.indexOf('\n', at);
    assert.notEqual(end, -1, 'the body is terminated');
    const line = wire.subarray(at, end + 1);
    if (line.equals(Buffer.from('.\r\n'))) {
      assert.equal(end + 1, wire.length, 'nothing after the terminator');
      return Buffer.concat(out);
    }
    out.push(line[0] === 0x2e ? line.subarray(1) : line);
    at = end + 1;
  }
}

describe('status lines', () => {
  it('renders +OK and -ERR with and without response codes', () => {
    assert.equal(text(renderOk()), '+OK\r\n');
    assert.equal(text(renderOk('2 320')), '+OK 2 320\r\n');
    assert.equal(text(renderErr('no such message')), '-ERR no such message\r\n');
    assert.equal(text(renderErr('Mailbox is locked', 'IN-USE')), '-ERR [IN-USE] Mailbox is locked\r\n');
    assert.equal(text(renderErr('try later', 'SYS/TEMP')), '-ERR [SYS/TEMP] try later\r\n');
  });

  it('never lets a status text break the line', () => {
    assert.equal(text(renderErr('a\r\n+OK b')), '-ERR a  +OK b\r\n');
    assert.equal(text(renderOk('x\ny')), '+OK x y\r\n');
  });

  it('renders SASL continuations', () => {
    assert.equal(text(renderContinuation()), '+ \r\n');
    assert.equal(text(renderContinuation('VXNlcm5hbWU6')), '+ VXNlcm5hbWU6\r\n');
  });
});

describe('renderMultilineBody', () => {
  it('byte-stuffs every line that starts with a dot, the first included', () => {
    assert.equal(body('.a\r\nb\r\n..c\r\n.\r\nd.e\r\n'), '..a\r\nb\r\n...c\r\n..\r\nd.e\r\n.\r\n');
  });

  it('stuffs after bare LF line ends too, and leaves CR alone', () => {
    assert.equal(body('a\n.b\r.c\n'), 'a\n..b\r.c\n.\r\n');
  });

  it('adds CRLF before the terminator only when the body does not end a line', () => {
    assert.equal(body('abc'), 'abc\r\n.\r\n');
    assert.equal(body('abc\r\n'), 'abc\r\n.\r\n');
    assert.equal(body('.'), '..\r\n.\r\n');
  });

  it('renders an empty body as the terminator alone', () => {
    assert.equal(body(''), '.\r\n');
  });

  it('passes every other byte through unchanged (NUL, 8-bit, lone CR)', () => {
    const raw = Buffer.from([0x00, 0xff, 0x0d, 0x41, 0x0d, 0x0a, 0x80]);
    assert.deepEqual(renderMultilineBody(raw), Buffer.concat([raw, Buffer.from('\r\n.\r\n')]));
  });

  it('round-trips through a client unstuffing: the original bytes come back', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom('.', '..', 'a', '\r\n', '\n', '\r', '.\r\n', ' ', '\u00ff'), {
          maxLength: 40,
        }),
        (pieces) => {
          const raw = Buffer.from(pieces.join(''), 'latin1');
          const wire = renderMultilineBody(raw);
          const expected =
            raw.length === 0 || raw[raw.length - 1] === 0x0a
              ? raw
              : Buffer.concat([raw, Buffer.from('\r\n')]);
          assert.deepEqual(unstuff(wire), expected);
        },
      ),
    );
  });

  it('works on a view into a larger buffer', () => {
    const big = Buffer.from('xx.a\r\nyy', 'latin1');
    assert.equal(text(renderMultilineBody(big.subarray(2, 6))), '..a\r\n.\r\n');
  });
});

describe('renderMultilineLines', () => {
  it('renders listing lines with CRLF and the terminator', () => {
    assert.equal(text(renderMultilineLines(['1 120', '2 200'])), '1 120\r\n2 200\r\n.\r\n');
    assert.equal(text(renderMultilineLines([])), '.\r\n');
  });
});
