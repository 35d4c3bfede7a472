/** SmtpReply: codes validated, the text kept on one line, seam refusals and thrown values mapped (decision 0004). */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { acceptedText, replyFromError, replyFromRefusal, SmtpReply, smtpReplies } from './reply.ts';

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

  it('has the codes of decision 0004 and RFC 4954 in its table', () => {
    const lines = [
      smtpReplies.authRequired(false),
      smtpReplies.badCredentials(),
      smtpReplies.authThrottled(),
      smtpReplies.messageTooBig(1000),
      smtpReplies.localError(),
      smtpReplies.shuttingDown(),
    ].map((r) => `${r.code} ${r.enhancedCode}`);
    assert.deepEqual(lines, ['530 5.7.0', '535 5.7.8', '454 4.7.0', '552 5.3.4', '451 4.3.0', '421 4.3.2']);
    assert.equal(smtpReplies.localError().blame, 'server');
    assert.match(acceptedText('opec1.x@pec.test'), /^2\.0\.0 .*opec1\.x@pec\.test/);
  });

  it('maps seam refusals, refusing success codes', () => {
    const reply = replyFromRefusal({ smtpCode: 452, enhancedCode: '4.5.3', text: 'too many' });
    assert.equal(reply.line, '452 4.5.3 too many');
    assert.equal(reply.transient, true);
    assert.throws(() => replyFromRefusal({ smtpCode: 250, enhancedCode: '2.0.0', text: 'ok' }), RangeError);
  });

  it('turns anything thrown that is not a reply into 451 4.3.0 with the cause kept', () => {
    const cause = new Error('boom');
    const reply = replyFromError(cause);
    assert.equal(reply.line.slice(0, 9), '451 4.3.0');
    assert.equal(reply.cause, cause);
    const own = smtpReplies.badCredentials();
    assert.equal(replyFromError(own), own);
  });
});
