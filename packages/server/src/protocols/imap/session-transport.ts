/**
 * What a session needs from its connection, so the session stays free of sockets (the listener
 * adapts net/tls sockets to it, tests may use a fake): ordered writes with backpressure, input flow
 * control, an inactivity timer, the STARTTLS upgrade and closing.
 */

export interface SessionTransport {
  readonly remoteAddress: string;
  /** Queues bytes in order; false once closed (bytes dropped). */
  write(bytes: Uint8Array): boolean;
  /** Resolves when buffered output fell below the high-water mark, or the transport closed. */
  drained(): Promise<void>;
  /** Stops / restarts delivering input (the session is busy / ready). */
  pauseInput(): void;
  resumeInput(): void;
  /** (Re)arms the inactivity timer: `onTimeout` runs after `ms` without input. */
  setIdleTimeout(ms: number, onTimeout: () => void): void;
  /** Replaces the connection by TLS in place (RFC 9051 §6.2.1); rejects when the handshake fails. */
  startTls(): Promise<void>;
  /** Flushes what was written, then closes. */
  end(): void;
  readonly closed: boolean;
}
