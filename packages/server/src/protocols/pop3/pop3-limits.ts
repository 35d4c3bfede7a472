/**
 * Limits of the POP3 listeners against slow, broken or abusive clients. The idle timeout is the
 * RFC 1939 §3 autologout timer (at least 10 minutes); lines are bounded well above the RFC 2449
 * §4 command limit of 255 octets so SASL responses fit.
 */

export interface Pop3Limits {
  /** Idle time after which a session is closed without entering the UPDATE state. */
  readonly idleTimeoutMs: number;
  /** Longest line accepted from a client, CRLF included. */
  readonly maxLineBytes: number;
  /** Concurrent connections from one remote address; more are refused at once. */
  readonly maxConnectionsPerAddress: number;
  /** Pause before answering a failed authentication (slows guessing on one connection). */
  readonly authFailureDelayMs: number;
  /** Failed authentications after which the connection is closed. */
  readonly maxAuthFailures: number;
  /** Unknown, malformed or out-of-state commands after which the connection is closed. */
  readonly maxBadCommands: number;
  /** Time allowed for a TLS handshake (implicit TLS and after STLS). */
  readonly handshakeTimeoutMs: number;
}

export const defaultPop3Limits: Pop3Limits = {
  idleTimeoutMs: 10 * 60 * 1000,
  maxLineBytes: 8192,
  maxConnectionsPerAddress: 20,
  authFailureDelayMs: 1000,
  maxAuthFailures: 3,
  maxBadCommands: 10,
  handshakeTimeoutMs: 30_000,
};
