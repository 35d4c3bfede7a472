/**
 * The event log as pino JSON lines (one object per event: `event`, the bindings, the fields, `msg`
 * = the event name), human-readable through pino-pretty when the destination is a TTY. pino-pretty
 * runs as a stream in this thread, not as a worker transport: nothing to start or flush at exit
 * beyond the stream itself. Only `error.unexpected` and `job.failed` serialise an error with its
 * stack (ports/event-log.ts).
 */
import type { Writable } from 'node:stream';
import { pino, stdSerializers, type Logger } from 'pino';
import pretty from 'pino-pretty';
import {
  bindEvents,
  eventLevels,
  type EventLevel,
  type EventLog,
  type LogEvent,
} from '../ports/event-log.ts';

export interface PinoEventLogOptions {
  /** Lowest level written. Default `info`. */
  readonly level?: EventLevel;
  /** Default: stderr. */
  readonly destination?: Writable & { readonly isTTY?: boolean };
  /** Default: when the destination is a TTY. */
  readonly pretty?: boolean;
}

function serialise(error: unknown): unknown {
  return error instanceof Error ? stdSerializers.err(error) : { message: String(error) };
}

/** The fields of one event as pino writes them: errors serialised, the name under `event`. */
function toRecord(event: LogEvent): Record<string, unknown> {
  if ('error' in event) return { ...event, error: serialise(event.error) };
  return { ...event };
}

export function createPinoEventLog(options: PinoEventLogOptions = {}): EventLog {
  const destination = options.destination ?? process.stderr;
  const usePretty = options.pretty ?? destination.isTTY === true;
  const stream = usePretty
    ? pretty({ destination, colorize: destination.isTTY === true, sync: true, ignore: 'pid,hostname' })
    : destination;
  const logger: Logger = pino(
    { level: options.level ?? 'info', base: { pid: process.pid }, messageKey: 'msg' },
    stream,
  );
  return bindEvents((event) => {
    const level = eventLevels[event.event];
    if (!logger.isLevelEnabled(level)) return;
    logger[level](toRecord(event), event.event);
  }, {});
}
