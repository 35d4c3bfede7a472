/**
 * The provider's Prometheus metrics (prom-client) in a registry of its own: several providers can
 * run in one process (tests) without sharing counters. Most metrics are fed by the event log
 * (`sink`: give it to `fanOutEventLog` next to the pino log); the queue depth and age are read
 * from the queue store at each scrape. Names follow the Prometheus conventions (`_total`,
 * `_seconds`); labels take only bounded values (protocols, reasons, types, peers, job kinds).
 */
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { EventLog, LogEvent } from '../ports/event-log.ts';
import { bindEvents } from '../ports/event-log.ts';
import type { QueueStore } from '../ports/queue-store.ts';

export interface ProviderMetrics {
  readonly registry: Registry;
  /** The event sink that moves the counters. */
  readonly sink: EventLog;
  /** Reads queue depth and age from `queue` at each scrape (replaces an earlier source). */
  observeQueue(queue: Pick<QueueStore, 'depthByKind'>): void;
}

export interface ProviderMetricsOptions {
  /** Node.js process metrics (CPU, memory, event loop lag). Default true. */
  readonly processMetrics?: boolean;
}

const latencyBuckets = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

export function createProviderMetrics(options: ProviderMetricsOptions = {}): ProviderMetrics {
  const registry = new Registry();
  if (options.processMetrics ?? true) collectDefaultMetrics({ register: registry, prefix: 'pec_' });
  const registers = [registry];

  const connections = new Counter({
    name: 'pec_connections_total',
    help: 'Connections accepted, by protocol.',
    labelNames: ['protocol'] as const,
    registers,
  });
  const openConnections = new Gauge({
    name: 'pec_connections_open',
    help: 'Connections open now, by protocol.',
    labelNames: ['protocol'] as const,
    registers,
  });
  const rejected = new Counter({
    name: 'pec_connections_rejected_total',
    help: 'Connections turned away before a session, by protocol and reason.',
    labelNames: ['protocol', 'reason'] as const,
    registers,
  });
  const lost = new Counter({
    name: 'pec_connections_lost_total',
    help: 'Connections ended by a network condition (reset, timeout, failed TLS handshake), by protocol.',
    labelNames: ['protocol'] as const,
    registers,
  });
  const commands = new Counter({
    name: 'pec_commands_total',
    help: 'Protocol commands handled, by protocol and command.',
    labelNames: ['protocol', 'command'] as const,
    registers,
  });
  const logins = new Counter({
    name: 'pec_logins_total',
    help: 'Authentication attempts, by protocol and outcome.',
    labelNames: ['protocol', 'outcome'] as const,
    registers,
  });
  const submissions = new Counter({
    name: 'pec_submissions_total',
    help: 'Submissions at the access point, by outcome and refusal reason.',
    labelNames: ['outcome', 'reason'] as const,
    registers,
  });
  const receptions = new Counter({
    name: 'pec_receptions_total',
    help: 'Messages answered at the MX, by outcome and classification.',
    labelNames: ['outcome', 'classification'] as const,
    registers,
  });
  const artefacts = new Counter({
    name: 'pec_artefacts_issued_total',
    help: 'PEC receipts, notices and envelopes issued, by type.',
    labelNames: ['type'] as const,
    registers,
  });
  const relays = new Counter({
    name: 'pec_relay_attempts_total',
    help: 'Relay attempts, by peer and outcome.',
    labelNames: ['peer', 'outcome'] as const,
    registers,
  });
  const antispam = new Counter({
    name: 'pec_antispam_scans_total',
    help: 'Messages sent to the spam filter, by outcome (filed, spam-folder, labelled, refused, unavailable).',
    labelNames: ['outcome'] as const,
    registers,
  });
  const jobFailures = new Counter({
    name: 'pec_jobs_failed_total',
    help: 'Outbox jobs that threw, by kind.',
    labelNames: ['kind'] as const,
    registers,
  });
  const jobDuration = new Histogram({
    name: 'pec_job_duration_seconds',
    help: 'Time to run an outbox job, by kind.',
    labelNames: ['kind'] as const,
    buckets: latencyBuckets,
    registers,
  });
  const signing = new Histogram({
    name: 'pec_signature_duration_seconds',
    help: 'Time to sign one PEC artefact (S/MIME).',
    buckets: latencyBuckets,
    registers,
  });
  const verifying = new Histogram({
    name: 'pec_verification_duration_seconds',
    help: 'Time to verify and classify one message at the MX, by verdict.',
    labelNames: ['verdict'] as const,
    buckets: latencyBuckets,
    registers,
  });
  const transactions = new Histogram({
    name: 'pec_storage_transaction_duration_seconds',
    help: 'Storage transaction latency, by outcome.',
    labelNames: ['outcome'] as const,
    buckets: latencyBuckets,
    registers,
  });
  const idle = new Gauge({
    name: 'pec_imap_idle_sessions',
    help: 'IMAP sessions in IDLE now.',
    registers,
  });

  let queue: Pick<QueueStore, 'depthByKind'> | undefined;
  let depth: Promise<Awaited<ReturnType<QueueStore['depthByKind']>>> | undefined;
  /** One read of the queue per scrape, shared by both gauges. */
  const readDepth = () => {
    depth ??= (queue?.depthByKind() ?? Promise.resolve([])).finally(() => {
      setImmediate(() => {
        depth = undefined;
      });
    });
    return depth;
  };
  new Gauge({
    name: 'pec_queue_jobs',
    help: 'Outbox jobs not yet done, by kind and status.',
    labelNames: ['kind', 'status'] as const,
    registers,
    async collect() {
      this.reset();
      for (const row of await readDepth()) this.set({ kind: row.kind, status: row.status }, row.count);
    },
  });
  new Gauge({
    name: 'pec_queue_oldest_age_seconds',
    help: 'Age of the oldest due job waiting to run (status ready), by kind.',
    labelNames: ['kind'] as const,
    registers,
    async collect() {
      this.reset();
      const now = Date.now();
      for (const row of await readDepth()) {
        if (row.status !== 'ready') continue;
        this.set({ kind: row.kind }, Math.max(0, (now - row.oldestRunAt.getTime()) / 1000));
      }
    },
  });

  const protocolOf = (event: LogEvent): string => event.protocol ?? 'unknown';
  const seconds = (ms: number): number => ms / 1000;
  const observe = (event: LogEvent): void => {
    switch (event.event) {
      case 'connection.opened':
        connections.inc({ protocol: protocolOf(event) });
        openConnections.inc({ protocol: protocolOf(event) });
        break;
      case 'connection.closed':
        openConnections.dec({ protocol: protocolOf(event) });
        break;
      case 'connection.rejected':
        rejected.inc({ protocol: protocolOf(event), reason: event.reason });
        break;
      case 'connection.lost':
        lost.inc({ protocol: protocolOf(event) });
        break;
      case 'command.handled':
        commands.inc({ protocol: protocolOf(event), command: event.command });
        break;
      case 'auth.succeeded':
        logins.inc({ protocol: protocolOf(event), outcome: 'succeeded' });
        break;
      case 'auth.failed':
        logins.inc({ protocol: protocolOf(event), outcome: event.reason });
        break;
      case 'submission.accepted':
        submissions.inc({ outcome: 'accepted', reason: '' });
        break;
      case 'submission.refused':
        submissions.inc({ outcome: 'refused', reason: event.reason });
        break;
      case 'reception.completed':
        receptions.inc({ outcome: event.outcome, classification: event.classification });
        break;
      case 'artefact.issued':
        artefacts.inc({ type: event.type });
        break;
      case 'relay.attempted':
        relays.inc({ peer: event.peer, outcome: event.outcome });
        break;
      case 'antispam.scored':
        antispam.inc({ outcome: event.action });
        break;
      case 'antispam.unavailable':
        antispam.inc({ outcome: 'unavailable' });
        break;
      case 'job.completed':
        jobDuration.observe({ kind: event.kind }, seconds(event.durationMs));
        break;
      case 'job.failed':
        jobFailures.inc({ kind: event.kind ?? 'unknown' });
        break;
      case 'signature.created':
        signing.observe(seconds(event.durationMs));
        break;
      case 'signature.verified':
        verifying.observe({ verdict: event.verdict }, seconds(event.durationMs));
        break;
      case 'storage.transaction':
        transactions.observe({ outcome: event.outcome }, seconds(event.durationMs));
        break;
      case 'idle.started':
        idle.inc();
        break;
      case 'idle.ended':
        idle.dec();
        break;
      default:
        break;
    }
  };

  return {
    registry,
    sink: bindEvents(observe, {}),
    observeQueue(source) {
      queue = source;
    },
  };
}
