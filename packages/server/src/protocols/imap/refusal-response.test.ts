/** The IMAP mapping of refusals: a tagged NO with an RFC 5530 code for every reason, BYE lines. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sampleRefusals } from '../../services/refusal/testing/sample-refusals.ts';
import { refusalByeLine, refusalResponse } from './refusal-response.ts';

describe('IMAP refusal responses', () => {
  it('answers every reason with NO and a response code', () => {
    for (const refusal of sampleRefusals) {
      const result = refusalResponse(refusal);
      assert.equal(result.status, 'NO', refusal.reason);
      assert.ok(result.code !== undefined && result.text !== '', refusal.reason);
    }
  });

  it('has the codes clients act on (RFC 5530, RFC 9051 TRYCREATE)', () => {
    const kinds = [
      refusalResponse({ reason: 'authentication-failed' }),
      refusalResponse({ reason: 'too-many-failures' }),
      refusalResponse({ reason: 'mailbox-disabled' }),
      refusalResponse({ reason: 'encryption-required' }),
      refusalResponse({ reason: 'no-such-folder', folder: 'X', destination: false }),
      refusalResponse({ reason: 'no-such-folder', folder: 'X', destination: true }),
      refusalResponse({ reason: 'quota-exceeded', operation: 'store' }),
      refusalResponse({ reason: 'internal-error' }),
    ].map((r) => r.code?.kind);
    assert.deepEqual(kinds, [
      'AUTHENTICATIONFAILED',
      'UNAVAILABLE',
      'CONTACTADMIN',
      'PRIVACYREQUIRED',
      'NONEXISTENT',
      'TRYCREATE',
      'OVERQUOTA',
      'SERVERBUG',
    ]);
    assert.equal(
      refusalByeLine({ reason: 'too-many-connections', scope: 'address' }),
      '* BYE [UNAVAILABLE] Too many connections from your address.\r\n',
    );
  });
});
