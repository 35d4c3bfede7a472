/**
 * IDLE's terminator (RFC 2177 §3, RFC 9051 §6.3.13): after `+ idling` the client sends the line
 * `DONE` (case-insensitive), read with `CommandReader.readContinuationLine`. The IDLE command itself
 * has no arguments and is parsed as a simple command.
 */

/** Whether a continuation line ends IDLE; anything else is a protocol error (the session answers BAD). */
export function isIdleDone(line: string): boolean {
  return line.toUpperCase() === 'DONE';
}
