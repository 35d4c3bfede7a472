/**
 * Keeps the operator's log readable under a flood: of the expected network conditions of one
 * listener (`connection.lost`, `connection.rejected`, keyed by the event's `protocol`), at most
 * `perSecond` pass in each one-second window; the rest are counted and reported once, at the end of
 * the window, as one `connection.suppressed` event. Every other event passes unchanged. Applied to
 * the log only: the metrics still see every event.
 */
import { bindEvents, type EventLog, type LogEvent } from '../ports/event-log.ts';

export interface ConnectionEventLimit {
  /** Expected-condition events passed per listener and second. Default 20. */
  readonly perSecond?: number;
  /** Milliseconds clock (tests). Default Date.now. */
  readonly now?: () => number;
}

const windowMs = 1000;

interface Window {
  readonly start: number;
  passed: number;
  suppressed: number;
  timer?: NodeJS.Timeout;
}

const limited = new Set<LogEvent['event']>(['connection.lost', 'connection.rejected']);

export function limitConnectionEvents(log: EventLog, limit: ConnectionEventLimit = {}): EventLog {
  const perSecond = limit.perSecond ?? 20;
  const now = limit.now ?? Date.now;
  const windows = new Map<string, Window>();

  function flush(key: string, window: Window): void {
    clearTimeout(window.timer);
    if (windows.get(key) === window) windows.delete(key);
    if (window.suppressed === 0) return;
    const protocol = key === '' ? {} : { protocol: key as NonNullable<LogEvent['protocol']> };
    log.emit({ event: 'connection.suppressed', ...protocol, suppressed: window.suppressed, windowMs });
    window.suppressed = 0;
  }

  return bindEvents((event) => {
    if (!limited.has(event.event)) {
      log.emit(event);
      return;
    }
    const key = event.protocol ?? '';
    const time = now();
    let window = windows.get(key);
    if (window !== undefined && time - window.start >= windowMs) {
      flush(key, window);
      window = undefined;
    }
    if (window === undefined) {
      window = { start: time, passed: 0, suppressed: 0 };
      windows.set(key, window);
    }
    if (window.passed < perSecond) {
      window.passed += 1;
      log.emit(event);
      return;
    }
    window.suppressed += 1;
    if (window.timer === undefined) {
      const current = window;
      current.timer = setTimeout(
        () => {
          flush(key, current);
        },
        Math.max(0, windowMs - (time - current.start)),
      );
      current.timer.unref();
    }
  }, {});
}
