/** The POP3 mapping of refusals: `-ERR [CODE]` for every reason, temporary ones never SYS/PERM. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isTemporaryRefusal } from '../../services/refusal/is-temporary-refusal.ts';
import { sampleRefusals } from '../../services/refusal/testing/sample-refusals.ts';
import { refusalResponse } from './refusal-response.ts';

describe('POP3 refusal responses', () => {
  it('answers every reason with one -ERR line and an RFC 2449/3206 code', () => {
    for (const refusal of sampleRefusals) {
      const line = refusalResponse(refusal).toString('utf8');
      assert.match(line, /^-ERR \[(IN-USE|SYS\/TEMP|SYS\/PERM|AUTH)\] [^\r\n]+\r\n$/, refusal.reason);
      if (isTemporaryRefusal(refusal)) assert.ok(!line.includes('[SYS/PERM]'), refusal.reason);
      else assert.ok(!line.includes('[SYS/TEMP]'), refusal.reason);
    }
  });

  it('has the lines of the POP3 conversation', () => {
    const lines = [
      refusalResponse({ reason: 'authentication-failed' }),
      refusalResponse({ reason: 'mailbox-in-use' }),
      refusalResponse({ reason: 'mailbox-disabled' }),
      refusalResponse({ reason: 'shutting-down' }),
    ].map((b) => b.toString('utf8'));
    assert.deepEqual(lines, [
      '-ERR [AUTH] Authentication failed\r\n',
      '-ERR [IN-USE] Mailbox is locked by another POP3 session\r\n',
      '-ERR [SYS/PERM] Mailbox is disabled\r\n',
      '-ERR [SYS/TEMP] Server shutting down\r\n',
    ]);
  });
});
