/**
 * One provider's telemetry: the event log that services and listeners receive (the operator's
 * log and the metrics sink behind one `EventLog`) and the metrics registry that `/metrics`
 * exposes. Built once by the composition root.
 */
import type { EventLog } from '../ports/event-log.ts';
import { createPinoEventLog } from './create-pino-event-log.ts';
import { createProviderMetrics, type ProviderMetrics } from './create-provider-metrics.ts';
import { fanOutEventLog } from './fan-out-event-log.ts';
import { limitConnectionEvents } from './limit-connection-events.ts';

export interface ProviderTelemetry {
  /** Every event goes to the operator's log and moves the metrics. */
  readonly events: EventLog;
  readonly metrics: ProviderMetrics;
}

export interface ProviderTelemetryOptions {
  /** The operator's log. Default: pino on stderr, warnings and errors only (the CLI passes `info`). */
  readonly log?: EventLog;
  /** Node.js process metrics (one set per process: the CLI turns them on). Default false. */
  readonly processMetrics?: boolean;
}

export function createProviderTelemetry(options: ProviderTelemetryOptions = {}): ProviderTelemetry {
  const metrics = createProviderMetrics({ processMetrics: options.processMetrics ?? false });
  // A flood of early disconnects or refused connections is summarised in the log, not copied.
  const log = limitConnectionEvents(options.log ?? createPinoEventLog({ level: 'warn' }));
  return { events: fanOutEventLog(log, metrics.sink), metrics };
}
