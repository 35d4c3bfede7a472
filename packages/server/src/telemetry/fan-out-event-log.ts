/**
 * One event log that hands every event to several sinks (the pino log and the metrics sink), so
 * that logs and metrics come from the same events. A sink that throws does not stop the others.
 */
import { bindEvents, type EventLog } from '../ports/event-log.ts';

export function fanOutEventLog(...sinks: readonly EventLog[]): EventLog {
  return bindEvents((event) => {
    for (const sink of sinks) {
      try {
        sink.emit(event);
      } catch {
        // A broken sink must not break the caller (EventLog.emit never throws).
      }
    }
  }, {});
}
