/**
 * One IMAP connection as the listener sees it (session.ts `createImapSession` makes it): bytes in,
 * the transport's end, a server shutdown; and what it is made with.
 */
import type { EventLog } from '../../ports/event-log.ts';
import type { CommandDescriptor, CommandName } from './command-descriptor.ts';
import type { ConnectionLimiter } from './connection-limiter.ts';
import type { ImapLimits } from './imap-limits.ts';
import type { SessionState } from './session-state.ts';

export interface ImapSessionOptions {
  readonly limits: ImapLimits;
  /** Implicit TLS listener. */
  readonly secure: boolean;
  /** Plain listener with TLS material: STARTTLS offered. */
  readonly canStartTls: boolean;
  /** Shared by every session of the server: concurrent sessions per account. */
  readonly accountLimiter: ConnectionLimiter;
  /** Defaults to the full dispatch table (tests may pass a smaller one). */
  readonly commands?: ReadonlyMap<CommandName, CommandDescriptor>;
  /** Bound to this session (`session`, `protocol`, `remoteAddress`). Default: nowhere. */
  readonly events?: EventLog;
}

export interface ImapSession {
  /** Bytes from the client. */
  receive(chunk: Uint8Array): void;
  /** The transport closed (client gone or server shut down): release everything. */
  closed(): void;
  /** Server shutdown: `* BYE` then close. */
  shutdown(reason: string): void;
  readonly state: SessionState;
}
