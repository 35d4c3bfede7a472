/**
 * The SMTP mapping of refusals (decision 0004, 0007, 0008): the codes of the table in
 * docs/refusals.md, reply class agreeing with `isTemporaryRefusal` for every reason, thrown values
 * mapped, and the DSN status of a refused recipient equal to what RCPT TO would answer.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isTemporaryRefusal } from '../../services/refusal/is-temporary-refusal.ts';
import { RefusalError } from '../../services/refusal/refusal-error.ts';
import { sampleRefusals } from '../../services/refusal/testing/sample-refusals.ts';
import { deliveryStatusOf, refusalReply, replyFromError } from './refusal-reply.ts';
import { SmtpReply } from './reply.ts';

describe('SMTP refusal replies', () => {
  it('has the codes of decision 0004, 0007 and RFC 4954', () => {
    const lines = [
      refusalReply({ reason: 'encryption-required' }),
      refusalReply({ reason: 'authentication-failed' }),
      refusalReply({ reason: 'too-many-failures' }),
      refusalReply({ reason: 'message-too-large', limitBytes: 1000, part: 'message' }),
      refusalReply({ reason: 'internal-error' }),
      refusalReply({ reason: 'shutting-down' }),
      refusalReply({ reason: 'sender-not-holder', sender: 'x@pec.test' }),
      refusalReply({ reason: 'too-many-recipients', limit: 2 }),
      refusalReply({ reason: 'relay-denied', domain: 'example.com' }),
      refusalReply({ reason: 'virus-found', signature: 'Eicar', notice: 'opec1.x@pec.test' }),
      refusalReply({ reason: 'malformed-message', problem: 'no Subject', notice: 'opec1.x@pec.test' }),
    ].map((r) => `${r.code} ${r.enhancedCode}`);
    assert.deepEqual(lines, [
      '530 5.7.0',
      '535 5.7.8',
      '454 4.7.0',
      '552 5.3.4',
      '451 4.3.0',
      '421 4.3.2',
      '553 5.7.1',
      '452 4.5.3',
      '550 5.7.1',
      '554 5.7.1',
      '550 5.6.0',
    ]);
    assert.equal(refusalReply({ reason: 'internal-error' }).blame, 'server');
    assert.equal(refusalReply({ reason: 'authentication-failed' }).blame, 'client');
  });

  it('answers every reason, 4xx exactly for the temporary ones', () => {
    for (const refusal of sampleRefusals) {
      const reply = refusalReply(refusal);
      assert.ok(reply.code >= 400, refusal.reason);
      assert.equal(reply.transient, isTemporaryRefusal(refusal), refusal.reason);
    }
  });

  it('names the non-acceptance notice in the text', () => {
    const reply = refusalReply({ reason: 'virus-found', signature: undefined, notice: 'opec1.x@pec.test' });
    assert.equal(
      reply.line,
      '554 5.7.1 message not accepted: virus found (unknown); non-acceptance notice opec1.x@pec.test is in your INBOX',
    );
  });

  it('answers when every recipient failed with the first code and every reason', () => {
    const reply = refusalReply({
      reason: 'all-recipients-refused',
      refusals: [
        { reason: 'recipient-unknown', address: 'a@pec.test' },
        { reason: 'recipient-disabled', address: 'b@pec.test' },
      ],
    });
    assert.equal(
      reply.line,
      '550 5.1.1 no such mailbox here: a@pec.test; mailbox b@pec.test is suspended or deactivated',
    );
  });

  it('gives a DSN the status and diagnostic RCPT TO would have given', () => {
    assert.deepEqual(deliveryStatusOf({ reason: 'recipient-disabled', address: 'b@pec.test' }), {
      status: '5.2.1',
      diagnostic: '550 5.2.1 mailbox b@pec.test is suspended or deactivated',
      text: 'mailbox b@pec.test is suspended or deactivated',
    });
  });

  it('maps thrown values: a reply as it is, a refusal by reason, anything else as ours', () => {
    const own = new SmtpReply(503, '5.5.1', 'Bad sequence of commands');
    assert.equal(replyFromError(own), own);
    assert.equal(
      replyFromError(new RefusalError({ reason: 'mailbox-disabled' })).line.slice(0, 9),
      '535 5.7.8',
    );
    const cause = new Error('boom');
    const reply = replyFromError(cause);
    assert.equal(reply.line.slice(0, 9), '451 4.3.0');
    assert.equal(reply.blame, 'server');
    assert.equal(reply.cause, cause);
    assert.equal(replyFromError({ refusal: { reason: 'fine' } }).line.slice(0, 9), '451 4.3.0');
  });
});
