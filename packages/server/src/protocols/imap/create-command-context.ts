/**
 * The `CommandContext` a command runs with: the session's state, services and output, the client's
 * next line for SASL exchanges, IDLE and the untagged updates, and what the command asks the
 * session to do after its tagged reply (close, STARTTLS: RFC 9051 §6.2.1 upgrades only once the OK
 * is out).
 */
import type { EventLog } from '../../ports/event-log.ts';
import type { CommandContext } from './command-descriptor.ts';
import type { StatusResponse } from './grammar/index.ts';
import type { ImapLimits } from './imap-limits.ts';
import type { ImapServices } from './imap-services.ts';
import type { AuthenticatedUser, SessionState } from './session-state.ts';
import type { ClientLine, SessionUpdates } from './session-updates.ts';

/** What a command asked for after its tagged reply. */
export interface AfterReply {
  close: boolean;
  tls: boolean;
}

export interface CommandContextDeps {
  readonly state: SessionState;
  readonly services: ImapServices;
  readonly limits: ImapLimits;
  readonly send: CommandContext['send'];
  readonly sendRendered: CommandContext['sendRendered'];
  readonly drained: () => Promise<void>;
  readonly capabilities: () => string[];
  /** The listener offers STARTTLS (plain port with TLS material). */
  readonly canStartTls: boolean;
  readonly readLine: () => Promise<ClientLine>;
  readonly updates: Pick<SessionUpdates, 'idle' | 'sync'>;
  readonly events: EventLog;
  /** Takes an account connection slot and logs `user` in; false at the account's limit. */
  readonly enterAuthenticated: (user: AuthenticatedUser) => boolean;
  /** Counts a failed authentication; true once the connection has had too many. */
  readonly authenticationFailed: () => boolean;
}

export function createCommandContext(
  deps: CommandContextDeps,
  commandName: string,
): { readonly ctx: CommandContext; readonly after: AfterReply } {
  const { state, updates, events } = deps;
  const after: AfterReply = { close: false, tls: false };
  const ctx: CommandContext = {
    session: state,
    services: deps.services,
    limits: deps.limits,
    send: deps.send,
    sendRendered: deps.sendRendered,
    drained: deps.drained,
    capabilities: deps.capabilities,
    canStartTls: deps.canStartTls && !state.secure,
    startTlsAfterReply: () => {
      after.tls = true;
    },
    readLine: async (prompt: StatusResponse) => {
      deps.send(prompt);
      const line = await deps.readLine();
      return line.kind === 'line' ? line.text : null;
    },
    idle: async () => {
      events.emit({ event: 'idle.started' });
      try {
        return await updates.idle();
      } finally {
        events.emit({ event: 'idle.ended' });
      }
    },
    sync: (syncOptions) => updates.sync(syncOptions?.allowExpunge ?? true, syncOptions?.force ?? false),
    enterAuthenticated: deps.enterAuthenticated,
    authenticationFailed: () => {
      if (deps.authenticationFailed()) after.close = true;
    },
    closeAfterReply: () => {
      after.close = true;
    },
    commandName,
  };
  return { ctx, after };
}
