// Problem details become translatable reasons, whatever shape the server sends.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { problemReason } from '../src/api/client.ts';

describe('problem reasons', () => {
  it('prefers the reason member, then the last segment of the type, then the status', () => {
    assert.equal(
      problemReason({ type: '/api/v1/problems/x', title: 't', status: 401, reason: 'invalid-credentials' }),
      'invalid-credentials',
    );
    assert.equal(
      problemReason({ type: 'https://pec.example/problems/rate-limited', title: 't', status: 429 }),
      'rate-limited',
    );
    assert.equal(problemReason({ type: 'about:blank', title: 'Not Found', status: 404 }), 'not-found');
    assert.equal(problemReason({ type: 'about:blank', title: 'Oops', status: 503 }), 'server-error');
    assert.equal(problemReason({ type: 'about:blank', title: 'Teapot', status: 418 }), 'unexpected');
  });

  it("translates the server's refusal reasons to the catalogue's names", () => {
    const reason = (name: string, status: number) =>
      problemReason({ type: `urn:pec:refusal:${name}`, title: 't', status, reason: name });
    assert.equal(reason('authentication-failed', 401), 'invalid-credentials');
    assert.equal(reason('authentication-required', 401), 'not-signed-in');
    assert.equal(reason('too-many-failures', 429), 'rate-limited');
    assert.equal(reason('mailbox-disabled', 403), 'account-suspended');
    assert.equal(reason('csrf', 403), 'csrf');
  });
});
