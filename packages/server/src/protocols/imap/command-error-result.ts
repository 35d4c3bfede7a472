/**
 * The reply to a command that threw (house style principle 9: errors become replies in the session
 * only): an ImapCommandError keeps its status, text and code; a refusal of a service goes through
 * refusal-response.ts; anything else is our bug, logged, and answered as an internal error.
 */
import { isRefusalError } from '../../services/refusal/refusal-error.ts';
import { ImapCommandError, type CommandResult } from './command-descriptor.ts';
import { refusalResponse } from './refusal-response.ts';

/** Where an unexpected error is reported. */
export interface CommandErrorLog {
  error(where: string, error: unknown): void;
}

export function commandErrorResult(error: unknown, log: CommandErrorLog): CommandResult {
  if (error instanceof ImapCommandError) {
    if (error.blame === 'server') log.error('imap command failed', error);
    const base = { status: error.status, text: error.message } as const;
    return error.code === undefined ? base : { ...base, code: error.code };
  }
  if (isRefusalError(error)) return refusalResponse(error.refusal);
  log.error('imap command failed', error);
  return refusalResponse({ reason: 'internal-error' });
}
