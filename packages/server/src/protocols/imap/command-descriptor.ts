/**
 * The shape of one IMAP command handler (house style principle 3, WildDuck's `{ state, handler }`):
 * its name, the states it is valid in, and `run`, which receives the session context and the typed
 * command from the grammar. Handlers send untagged data through `ctx.send`, return the tagged
 * completion (or nothing for `OK <NAME> completed`), and throw `ImapCommandError` for NO/BAD or let
 * a service's `RefusalError` (e.g. MailboxAccessError) through; the session turns errors into replies
 * in one place, refusals through ./refusal-response.ts.
 */
import type { ImapResponse, ParsedCommand, ResponseCode, StatusResponse } from './grammar/index.ts';
import type { ImapServices } from './imap-services.ts';
import type { ImapLimits } from './imap-limits.ts';
import type { AuthenticatedUser, SessionState, SessionStateName } from './session-state.ts';

/** The tagged completion of a command. */
export interface CommandResult {
  readonly status: 'OK' | 'NO' | 'BAD';
  readonly code?: ResponseCode;
  readonly text: string;
}

/** What a command handler may use; everything else about the connection stays in the session. */
export interface CommandContext {
  readonly session: SessionState;
  readonly services: ImapServices;
  readonly limits: ImapLimits;
  /**
   * Queues a response (untagged data, `+` continuation), or several rendered together into one
   * buffer; written in order, before the tagged reply.
   */
  send(response: ImapResponse | readonly ImapResponse[]): void;
  /**
   * Queues complete responses already rendered to their exact bytes (CRLF-terminated), in order with
   * `send`: a FETCH of thousands of messages renders them into one buffer instead of one per response.
   */
  sendRendered(bytes: Uint8Array): void;
  /** Resolves when the socket's buffer has room again; await it between large FETCH responses. */
  drained(): Promise<void>;
  /** The capability list for the current state and transport (RFC 9051 §7.2.2). */
  capabilities(): string[];
  /** Whether STARTTLS is offered on this connection (plain port with TLS material, not yet secure). */
  readonly canStartTls: boolean;
  /** Upgrades to TLS right after the tagged OK of this command (RFC 9051 §6.2.1). */
  startTlsAfterReply(): void;
  /**
   * Sends `prompt` (a SASL challenge) and reads the client's next raw line; null when the client
   * disconnected or the line was over the length limit (RFC 9051 §6.2.2).
   */
  readLine(prompt: StatusResponse): Promise<string | null>;
  /**
   * Runs IDLE (RFC 2177): sends `+ idling`, pushes EXISTS/EXPUNGE/FETCH as changes arrive, and
   * resolves when the client sends DONE (true) or something else (false) or disconnects (null).
   */
  idle(): Promise<boolean | null>;
  /**
   * Sends the owed untagged updates now; `force` re-reads the store even without a change
   * notification (NOOP, CHECK). The session also syncs after every command, before the tagged reply.
   */
  sync(options?: { readonly allowExpunge?: boolean; readonly force?: boolean }): Promise<void>;
  /**
   * Enters the authenticated state as `user` (LOGIN, AUTHENTICATE): takes an account connection slot,
   * subscribes to the mailbox's change feed, arms the authenticated idle timeout. False when the
   * account is at its connection limit (the caller answers NO [LIMIT]).
   */
  enterAuthenticated(user: AuthenticatedUser): boolean;
  /** Counts a failed authentication; the connection closes after the tagged reply once over the limit. */
  authenticationFailed(): void;
  /** Closes the connection after the tagged reply (LOGOUT). */
  closeAfterReply(): void;
  /** Wire name of the command as sent (`UID FETCH`, `EXAMINE`), for the completion text. */
  readonly commandName: string;
}

/** Names of the typed commands the grammar produces. */
export type CommandName = ParsedCommand['name'];

type Narrow<C, N> = C extends { readonly name: infer K } ? (N extends K ? C : never) : never;

/** The typed command for a name (`SELECT` gives the SELECT/EXAMINE command type). */
export type CommandNamed<N extends CommandName> = Narrow<ParsedCommand, N>;

export interface CommandDescriptor<N extends CommandName = CommandName> {
  readonly name: N;
  readonly states: readonly SessionStateName[];
  /** Method syntax on purpose: the dispatch table stores descriptors of every name together. */
  run(
    ctx: CommandContext,
    command: CommandNamed<N>,
  ): Promise<CommandResult | undefined> | CommandResult | undefined;
}

export function defineCommand<N extends CommandName>(descriptor: CommandDescriptor<N>): CommandDescriptor<N> {
  return descriptor;
}

/** A thrown NO or BAD completion (house style principle 9: blame decides the log level). */
export class ImapCommandError extends Error {
  readonly status: 'NO' | 'BAD';
  readonly code: ResponseCode | undefined;
  readonly blame: 'client' | 'server';

  constructor(
    status: 'NO' | 'BAD',
    text: string,
    code?: ResponseCode,
    blame: 'client' | 'server' = 'client',
    options?: ErrorOptions,
  ) {
    super(text, options);
    this.name = 'ImapCommandError';
    this.status = status;
    this.code = code;
    this.blame = blame;
  }
}

export function ok(text: string, code?: ResponseCode): CommandResult {
  return code === undefined ? { status: 'OK', text } : { status: 'OK', code, text };
}

export function no(text: string, code?: ResponseCode): CommandResult {
  return code === undefined ? { status: 'NO', text } : { status: 'NO', code, text };
}

export function bad(text: string, code?: ResponseCode): CommandResult {
  return code === undefined ? { status: 'BAD', text } : { status: 'BAD', code, text };
}
