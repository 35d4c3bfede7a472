import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createProviderMetrics } from '../../telemetry/create-provider-metrics.ts';
import { summarizeMetrics } from './summarize-metrics.ts';

describe('health summary from our own metrics registry', () => {
  it('sums the events the registry counted and warns about a job waiting over an hour', async () => {
    const metrics = createProviderMetrics();
    const now = new Date();
    metrics.observeQueue({
      depthByKind: () =>
        Promise.resolve([
          {
            kind: 'relay-envelope',
            status: 'ready',
            count: 2,
            oldestRunAt: new Date(now.getTime() - 2 * 3_600_000),
          },
          { kind: 'relay-envelope', status: 'failed', count: 1, oldestRunAt: now },
        ]),
    });
    metrics.sink.emit({ event: 'submission.accepted', user: 'mario.rossi@pec.example.it', recipients: 1 });
    const summary = summarizeMetrics(await metrics.registry.getMetricsAsJSON(), now);
    assert.equal(summary.status, 'warning');
    assert.deepEqual(summary.queue.byStatus, { ready: 2, failed: 1 });
    assert.ok((summary.queue.oldestWaitingSeconds ?? 0) >= 7200);
    assert.match(summary.warnings.join('\n'), /a job has waited 1\d\d minutes to run/);
    assert.match(summary.warnings.join('\n'), /1 jobs failed and wait for an operator/);
    assert.ok((summary.process.residentMemoryBytes ?? 0) > 0);
    assert.ok(summary.process.uptimeSeconds !== null);
    assert.deepEqual(summary.submissions, { accepted: 1 });
  });
});
