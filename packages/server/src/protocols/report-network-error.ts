/**
 * What a listener does with an `error` from a socket or from smtp-server: a client that went away or a TLS
 * handshake that failed is one short `connection.lost` event (no stack); anything else is ours and
 * goes out as `error.unexpected` with its stack (ports/event-log.ts).
 */
import type { EventLog } from '../ports/event-log.ts';
import { expectedNetworkCondition } from './expected-network-condition.ts';

export function reportNetworkError(events: EventLog, where: string, error: unknown): void {
  const remote = (error as { remoteAddress?: unknown } | null)?.remoteAddress;
  const bindings = typeof remote === 'string' ? { remoteAddress: remote } : {};
  const condition = expectedNetworkCondition(error);
  if (condition !== undefined) {
    events.emit({ event: 'connection.lost', ...bindings, code: condition.code, message: condition.message });
    return;
  }
  events.emit({ event: 'error.unexpected', ...bindings, where, error });
}
