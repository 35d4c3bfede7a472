/**
 * Port for change notifications between the nodes that share one storage: a writer publishes a
 * short hint on a named channel after its write is committed, and every subscriber of that channel,
 * in this process and in every other node, hears it once. Hints are best effort (a node that was
 * disconnected misses what was published meanwhile): listeners re-read the store, never trust the
 * payload alone (RFC 9051 §7 untagged updates are built from the store).
 *
 * Adapters: coordination/in-process-change-bus.ts (one process, the embedded default) and
 * coordination/postgres-change-bus.ts (LISTEN/NOTIFY on one dedicated connection per process).
 */

/** Longest payload in UTF-8 bytes, below PostgreSQL's NOTIFY limit of 8000 with room for framing. */
export const maxChangePayloadBytes = 7900;

/** Channel names: lowercase letters, digits and `-`, at most 40 characters. */
export const changeChannelPattern = /^[a-z][a-z0-9-]{0,39}$/;

export type ChangeBusListener = (payload: string) => void;

export interface ChangeBus {
  /**
   * Announces `payload` on `channel`: subscribers in this process hear it synchronously, before the
   * promise settles; other nodes soon after (it resolves once the hint is handed to them). Throws a
   * RangeError for a payload over `maxChangePayloadBytes` or a channel not matching the pattern.
   */
  publish(channel: string, payload: string): Promise<void>;
  /** Starts listening; call the returned function to stop (idempotent). A throwing listener is isolated. */
  subscribe(channel: string, listener: ChangeBusListener): () => void;
  /** Resolves once every subscription made so far also hears other nodes' publishes. */
  settled(): Promise<void>;
  /** Stops listening and releases connections; later publishes are refused. Idempotent. */
  close(): Promise<void>;
}

/** Checks a publish against the port's limits (shared by the adapters). */
export function checkChangeMessage(channel: string, payload: string): void {
  if (!changeChannelPattern.test(channel)) throw new RangeError(`not a change channel name: ${channel}`);
  const bytes = Buffer.byteLength(payload, 'utf8');
  if (bytes > maxChangePayloadBytes) {
    throw new RangeError(`change payload of ${bytes} bytes exceeds ${maxChangePayloadBytes}`);
  }
}
