/** The HTTP mapping of refusals: RFC 9457 members, a status for every reason, Retry-After, facts kept. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isTemporaryRefusal } from '../../services/refusal/is-temporary-refusal.ts';
import { sampleRefusals } from '../../services/refusal/testing/sample-refusals.ts';
import { problemTypeBase, refusalProblem, requestProblem } from './refusal-problem.ts';

describe('HTTP refusal problems', () => {
  it('answers every reason with an error status and the RFC 9457 members', () => {
    const types = new Set<string>();
    for (const refusal of sampleRefusals) {
      const problem = refusalProblem(refusal);
      assert.ok(problem.status >= 400 && problem.status <= 599, refusal.reason);
      assert.equal(problem.body.status, problem.status);
      assert.equal(problem.body.type, `${problemTypeBase}${refusal.reason}`);
      assert.ok(problem.body.title !== '' && problem.body.detail !== '', refusal.reason);
      assert.equal(problem.headers['content-type'], 'application/problem+json');
      // The problem body is JSON as it stands.
      assert.deepEqual(JSON.parse(JSON.stringify(problem.body)), problem.body);
      types.add(problem.body.type);
      // 5xx only for our side of things; never a 5xx for a refusal that is the client's to fix.
      if (problem.status >= 500 && problem.status !== 507)
        assert.ok(isTemporaryRefusal(refusal), refusal.reason);
    }
    assert.equal(types.size, sampleRefusals.length);
  });

  it('keeps the facts as extension members and says when to retry', () => {
    const problem = refusalProblem({ reason: 'too-many-failures', retryAfterSeconds: 29.5 });
    assert.equal(problem.status, 429);
    assert.equal(problem.headers['retry-after'], '30');
    assert.equal(problem.body['retryAfterSeconds'], 29.5);
    const large = refusalProblem({ reason: 'message-too-large', limitBytes: 1000, part: 'message' });
    assert.deepEqual([large.status, large.body['limitBytes'], large.body['part']], [413, 1000, 'message']);
    assert.equal(refusalProblem({ reason: 'no-such-folder', folder: 'X', destination: true }).status, 404);
  });

  it("answers the adapter's own refusals (CSRF, unknown resource, invalid request) as problems too", () => {
    const statuses = (['csrf', 'not-found', 'invalid-request'] as const).map((reason) => {
      const problem = requestProblem(reason);
      assert.equal(problem.body.reason, reason);
      assert.equal(problem.body.type, `urn:pec:request:${reason}`);
      assert.equal(problem.headers['content-type'], 'application/problem+json');
      return problem.status;
    });
    assert.deepEqual(statuses, [403, 404, 400]);
    assert.equal(requestProblem('invalid-request', 'limit: too big').body.detail, 'limit: too big');
  });
});
