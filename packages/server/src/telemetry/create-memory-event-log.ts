/**
 * An event log that keeps every event in memory, with its level: for tests that assert what the
 * provider reported (and what it did not, e.g. no stack for a client that went away).
 */
import {
  bindEvents,
  eventLevels,
  type EventLevel,
  type EventLog,
  type LogEvent,
} from '../ports/event-log.ts';

export type RecordedEvent = LogEvent & { readonly level: EventLevel };

export interface MemoryEventLog extends EventLog {
  /** Every event so far, oldest first. */
  readonly events: readonly RecordedEvent[];
  /** Forgets what was recorded. */
  clear(): void;
}

export function createMemoryEventLog(): MemoryEventLog {
  const events: RecordedEvent[] = [];
  const root = bindEvents((event) => {
    events.push({ ...event, level: eventLevels[event.event] });
  }, {});
  return {
    emit: (event) => {
      root.emit(event);
    },
    child: (bindings) => root.child(bindings),
    events,
    clear() {
      events.length = 0;
    },
  };
}
