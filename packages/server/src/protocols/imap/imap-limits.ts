/**
 * The abuse limits of the IMAP server, against abuse, with Dovecot-like defaults:
 * line and literal sizes, idle timeouts (RFC 9051 §5.4: at least 30 minutes once authenticated),
 * concurrent connections per account and per IP. Pipelining needs no limit of its own: input is
 * paused while a command runs, so at most one network read of commands waits at a time.
 */

export interface ImapLimits {
  /** Longest command line in bytes (Dovecot imap_max_line_length 64k). */
  readonly maxLineBytes: number;
  /** Largest literal (APPEND message, long strings), once authenticated. */
  readonly maxLiteralBytes: number;
  /**
   * Longest line and largest literal before authentication: enough for a LOGIN or an AUTHENTICATE
   * response, so that an unauthenticated connection cannot make the server buffer megabytes.
   */
  readonly preAuthMaxLineBytes: number;
  readonly preAuthMaxLiteralBytes: number;
  /** Largest sum of one command's literals before authentication (many small ones add up). */
  readonly preAuthMaxCommandLiteralBytes: number;
  /** Largest sum of one command's literals once authenticated (a MULTIAPPEND is buffered whole). */
  readonly maxCommandLiteralBytes: number;
  /** Autologout before authentication. */
  readonly preAuthIdleMs: number;
  /** Autologout once authenticated (and during IDLE, re-armed by any client byte). */
  readonly authIdleMs: number;
  readonly maxConnectionsPerAccount: number;
  readonly maxConnectionsPerIp: number;
  /** Failed authentications on one connection before it is closed. */
  readonly maxAuthFailuresPerConnection: number;
  /** Pause before answering a failed authentication (Dovecot auth_failure_delay). */
  readonly authFailureDelayMs: number;
  /** Interval of `* OK Still here` during IDLE, keeping NAT mappings alive. */
  readonly idleKeepaliveMs: number;
  /** Consecutive BAD replies after which the connection is closed (Dovecot: 20). */
  readonly maxBadCommands: number;
  /**
   * Searches with live updates (RFC 5267 §4.3) one session may hold; more are answered with
   * `* NO [NOUPDATE "tag"]` and their result only (RFC 5267 §4.3.1; Dovecot allows 10).
   */
  readonly maxLiveSearches: number;
}

export const defaultImapLimits: ImapLimits = {
  maxLineBytes: 64 * 1024,
  maxLiteralBytes: 64 * 1024 * 1024,
  preAuthMaxLineBytes: 8 * 1024,
  preAuthMaxLiteralBytes: 4 * 1024,
  preAuthMaxCommandLiteralBytes: 4 * 1024,
  maxCommandLiteralBytes: 64 * 1024 * 1024,
  preAuthIdleMs: 60_000,
  authIdleMs: 30 * 60_000,
  maxConnectionsPerAccount: 20,
  maxConnectionsPerIp: 50,
  maxAuthFailuresPerConnection: 3,
  authFailureDelayMs: 1000,
  idleKeepaliveMs: 2 * 60_000,
  maxBadCommands: 20,
  maxLiveSearches: 10,
};
