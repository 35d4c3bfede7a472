import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { encodeSmtpData } from './encode-smtp-data.ts';

/** What an SMTP server does with the DATA body (RFC 5321 §4.5.2): cut at CRLF.CRLF, unstuff dots. */
function receive(wire: Uint8Array): Buffer {
  const text = Buffer.from(wire).toString('latin1');
  assert.ok(text.endsWith('\r\n.\r\n') || text === '.\r\n', 'terminated by CRLF . CRLF');
  const body = text === '.\r\n' ? '' : text.slice(0, -3);
  assert.equal(body.slice(0, -2).split('\r\n').includes('.'), false, 'no early terminator');
  return Buffer.from(body.replace(/(^|\r\n)\./g, '$1'), 'latin1');
}

describe('encodeSmtpData', () => {
  it('stuffs dots at line starts and terminates the data', () => {
    const wire = encodeSmtpData(Buffer.from('.a\r\nb.\r\n..c\r\n.\r\n'));
    assert.equal(Buffer.from(wire).toString('latin1'), '..a\r\nb.\r\n...c\r\n..\r\n.\r\n');
  });

  it('adds a CRLF only when the message lacks a final one', () => {
    assert.equal(Buffer.from(encodeSmtpData(Buffer.from('x'))).toString(), 'x\r\n.\r\n');
    assert.equal(Buffer.from(encodeSmtpData(Buffer.from('x\r\n'))).toString(), 'x\r\n.\r\n');
    assert.equal(Buffer.from(encodeSmtpData(new Uint8Array())).toString(), '.\r\n');
  });

  it('round-trips any CRLF message through a receiver byte for byte', () => {
    const line = fc
      .array(fc.constantFrom('.', 'a', ' ', '\u00e8', '\t', '-'), { maxLength: 12 })
      .map((c) => c.join(''));
    fc.assert(
      fc.property(fc.array(line, { maxLength: 20 }), (lines) => {
        const message = Buffer.from(lines.map((l) => `${l}\r\n`).join(''), 'latin1');
        assert.deepEqual(receive(encodeSmtpData(message)), message);
      }),
    );
  });
});
