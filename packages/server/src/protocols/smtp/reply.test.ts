/** SmtpReply: codes validated, the text kept on one line (decision 0004). */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { acceptedText, SmtpReply } from './reply.ts';

describe('SmtpReply', () => {
  it('carries code, enhanced code, text and blame; message is what smtp-server sends', () => {
    const reply = new SmtpReply(553, '5.7.1', 'MAIL FROM must be yours');
    assert.equal(reply.responseCode, 553);
    assert.equal(reply.message, '5.7.1 MAIL FROM must be yours');
    assert.equal(reply.line, '553 5.7.1 MAIL FROM must be yours');
    assert.equal(reply.blame, 'client');
    assert.equal(reply.transient, false);
    assert.ok(reply instanceof Error);
  });

  it('refuses codes that do not fit together', () => {
    assert.throws(() => new SmtpReply(553, '4.7.1', 'x'), RangeError);
    assert.throws(() => new SmtpReply(99, '5.0.0', 'x'), RangeError);
    assert.throws(() => new SmtpReply(550, '5.7', 'x'), RangeError);
  });

  it('never lets the text split the reply line', () => {
    const reply = new SmtpReply(550, '5.6.0', 'bad\r\n250 2.0.0 injected\x00');
    assert.ok(!/[\r\n]/.test(reply.line) && !reply.line.includes('\0'));
    assert.equal(reply.line, '550 5.6.0 bad 250 2.0.0 injected');
  });

  it('names the PEC identifier in the text of a successful end of DATA', () => {
    assert.match(acceptedText('opec1.x@pec.test'), /^2\.0\.0 .*opec1\.x@pec\.test/);
  });
});
