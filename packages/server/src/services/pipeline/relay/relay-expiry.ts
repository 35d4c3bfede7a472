/**
 * When a relay job queued at `from` gives up: the queue lifetime after it (pec-spec §2.3, §6.3:
 * a transport envelope waits at most `timeouts.queueLifetimeHours`, 24 h by default). Every job
 * that leaves through the relay (envelopes, receipts, forwards, DSNs) takes its expiry from here.
 */
export function relayExpiresAt(from: Date, queueLifetimeMs: number): Date {
  return new Date(from.getTime() + queueLifetimeMs);
}
