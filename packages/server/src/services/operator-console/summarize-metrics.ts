/**
 * The console's health page: the provider's own Prometheus registry (telemetry/
 * create-provider-metrics.ts) read as JSON in the process, not scraped over HTTP, and summed into
 * what an operator looks at first: uptime and memory, open connections, logins, submissions and
 * receptions by outcome, artefacts issued, relay attempts, the outbox by status with its oldest
 * waiting job, and warnings (a job waiting over an hour, failed jobs, failed logins outnumbering
 * good ones).
 */

/** One metric as prom-client's `getMetricsAsJSON()` gives it (only what is read here). */
export interface MetricSnapshot {
  readonly name: string;
  readonly values: readonly {
    readonly value: number;
    readonly labels: Readonly<Record<string, string | number | undefined>>;
    /** Histograms: `<name>_bucket`, `_sum`, `_count`. */
    readonly metricName?: string;
  }[];
}

export interface HealthSummary {
  readonly generatedAt: string;
  readonly status: 'ok' | 'warning';
  readonly warnings: readonly string[];
  readonly process: {
    readonly uptimeSeconds: number | null;
    readonly residentMemoryBytes: number | null;
    readonly heapUsedBytes: number | null;
    readonly eventLoopLagSeconds: number | null;
  };
  /** Counters and gauges summed by one label: `{ smtp: 3, imap: 1 }`. */
  readonly connectionsOpen: Readonly<Record<string, number>>;
  readonly connectionsRejected: number;
  readonly logins: Readonly<Record<string, number>>;
  readonly submissions: Readonly<Record<string, number>>;
  readonly receptions: Readonly<Record<string, number>>;
  readonly artefactsIssued: Readonly<Record<string, number>>;
  readonly relayAttempts: Readonly<Record<string, number>>;
  readonly jobsFailed: number;
  readonly queue: {
    readonly byStatus: Readonly<Record<string, number>>;
    readonly oldestWaitingSeconds: number | null;
  };
}

const oldJobSeconds = 3600;

function metric(metrics: readonly MetricSnapshot[], name: string): MetricSnapshot | undefined {
  return metrics.find((m) => m.name === name);
}

function single(metrics: readonly MetricSnapshot[], name: string): number | null {
  const value = metric(metrics, name)?.values.find(
    (v) => v.metricName === undefined || v.metricName === name,
  );
  return value === undefined ? null : value.value;
}

function byLabel(metrics: readonly MetricSnapshot[], name: string, label: string): Record<string, number> {
  const sums: Record<string, number> = {};
  for (const value of metric(metrics, name)?.values ?? []) {
    const key = String(value.labels[label] ?? '');
    sums[key] = (sums[key] ?? 0) + value.value;
  }
  return sums;
}

function total(sums: Readonly<Record<string, number>>): number {
  return Object.values(sums).reduce((a, b) => a + b, 0);
}

export function summarizeMetrics(metrics: readonly MetricSnapshot[], now: Date): HealthSummary {
  const started = single(metrics, 'pec_process_start_time_seconds');
  const oldestAges = (metric(metrics, 'pec_queue_oldest_age_seconds')?.values ?? []).map((v) => v.value);
  const oldest = oldestAges.length === 0 ? null : Math.max(...oldestAges);
  const byStatus = byLabel(metrics, 'pec_queue_jobs', 'status');
  const logins = byLabel(metrics, 'pec_logins_total', 'outcome');
  const jobsFailed = total(byLabel(metrics, 'pec_jobs_failed_total', 'kind'));
  const warnings: string[] = [];
  if (oldest !== null && oldest > oldJobSeconds) {
    warnings.push(`a job has waited ${Math.round(oldest / 60)} minutes to run`);
  }
  if ((byStatus['failed'] ?? 0) > 0)
    warnings.push(`${byStatus['failed'] ?? 0} jobs failed and wait for an operator`);
  if (jobsFailed > 0) warnings.push(`${jobsFailed} job attempts threw since start`);
  const failedLogins = total(logins) - (logins['succeeded'] ?? 0);
  if (failedLogins > 10 && failedLogins > (logins['succeeded'] ?? 0)) {
    warnings.push(`${failedLogins} failed logins against ${logins['succeeded'] ?? 0} good ones`);
  }
  return {
    generatedAt: now.toISOString(),
    status: warnings.length === 0 ? 'ok' : 'warning',
    warnings,
    process: {
      uptimeSeconds: started === null ? null : Math.max(0, Math.round(now.getTime() / 1000 - started)),
      residentMemoryBytes: single(metrics, 'pec_process_resident_memory_bytes'),
      heapUsedBytes: single(metrics, 'pec_nodejs_heap_size_used_bytes'),
      eventLoopLagSeconds: single(metrics, 'pec_nodejs_eventloop_lag_seconds'),
    },
    connectionsOpen: byLabel(metrics, 'pec_connections_open', 'protocol'),
    connectionsRejected: total(byLabel(metrics, 'pec_connections_rejected_total', 'protocol')),
    logins,
    submissions: byLabel(metrics, 'pec_submissions_total', 'outcome'),
    receptions: byLabel(metrics, 'pec_receptions_total', 'outcome'),
    artefactsIssued: byLabel(metrics, 'pec_artefacts_issued_total', 'type'),
    relayAttempts: byLabel(metrics, 'pec_relay_attempts_total', 'outcome'),
    jobsFailed,
    queue: { byStatus, oldestWaitingSeconds: oldest === null ? null : Math.round(oldest) },
  };
}
