/**
 * The shape of one POP3 command handler (house style principle 3): its keyword, the states it is
 * valid in (RFC 1939 §3: AUTHORIZATION, TRANSACTION, UPDATE) and `run`, which answers through the
 * context. The session owns the socket, the state and the dispatch; handlers own the command's
 * rules, one file each under commands/.
 */
import type { Maildrop } from '../../services/maildrop/maildrop.ts';
import type { Refusal } from '../../services/refusal/refusal.ts';
import type { Pop3Command } from './grammar/parse-pop3-command.ts';
import type { Pop3ResponseCode } from './grammar/pop3-response.ts';
import type { Pop3Services } from './pop3-services.ts';

export type Pop3State = 'authorization' | 'transaction' | 'update';

/** What a command handler may use; everything else about the connection stays in the session. */
export interface Pop3CommandContext {
  readonly state: Pop3State;
  /** Whether the connection is under TLS (implicit TLS, or after STLS). */
  readonly secure: boolean;
  /** Whether STLS is offered: a plain connection on a listener with TLS material (RFC 2595 §4). */
  readonly canStartTls: boolean;
  readonly remoteAddress: string;
  readonly services: Pop3Services;
  /** The open maildrop in the TRANSACTION state, else undefined. */
  readonly maildrop: Maildrop | undefined;
  /** The name given by USER, waiting for PASS (RFC 1939 §7). */
  readonly pendingUser: string | undefined;
  setPendingUser(name: string | undefined): void;
  ok(text?: string): void;
  /** `-ERR text` for protocol grammar (no such message, syntax, SASL decoding); refusals use `refuse`. */
  err(text: string, code?: Pop3ResponseCode): void;
  /** `-ERR [CODE] text` for a refusal, from ./refusal-response.ts (decision 0008). */
  refuse(refusal: Refusal): void;
  /** `+OK status`, then `body` byte-stuffed and terminated; resolves when the socket can take more. */
  multiline(status: string, body: Uint8Array): Promise<void>;
  /** Sends a SASL challenge and reads the client's next line; null when the client went away. */
  readLine(challenge: string): Promise<string | null>;
  /** Upgrades the connection to TLS right after the current reply (STLS). */
  startTlsAfterReply(): void;
  /** AUTHORIZATION → TRANSACTION with the mailbox's maildrop. */
  enterTransaction(maildrop: Maildrop): void;
  /** TRANSACTION → UPDATE (QUIT); the session no longer releases the maildrop on close. */
  enterUpdate(): void;
  /** Waits the failure delay and counts the failure; over the limit, closes after the reply. */
  authenticationFailed(): Promise<void>;
  closeAfterReply(): void;
  /** The CAPA list for the current transport (RFC 2449 §5). */
  capabilities(): string[];
}

export interface Pop3CommandDescriptor {
  readonly keyword: string;
  readonly states: readonly Pop3State[];
  run(ctx: Pop3CommandContext, command: Pop3Command): Promise<void> | void;
}

export function definePop3Command(descriptor: Pop3CommandDescriptor): Pop3CommandDescriptor {
  return descriptor;
}

/**
 * Whether the argument count is within bounds; answers `-ERR` when it is not. RFC 1939 gives every
 * command a fixed argument list, so anything else is a syntax error.
 */
export function checkArguments(
  ctx: Pop3CommandContext,
  command: Pop3Command,
  min: number,
  max: number,
): boolean {
  const count = command.args.length;
  if (count >= min && count <= max && command.args.every((arg) => arg !== '')) return true;
  const expected =
    max === 0
      ? 'no arguments'
      : min === max
        ? `${min} argument${min === 1 ? '' : 's'}`
        : `${min} to ${max} arguments`;
  ctx.err(`Syntax error: ${command.keyword} takes ${expected}`);
  return false;
}

/** The maildrop of a TRANSACTION-state handler (the dispatch guarantees the state). */
export function openMaildrop(ctx: Pop3CommandContext): Maildrop {
  if (ctx.maildrop === undefined) throw new Error(`no maildrop in state ${ctx.state}`);
  return ctx.maildrop;
}
