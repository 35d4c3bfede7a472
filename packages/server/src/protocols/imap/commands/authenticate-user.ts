/**
 * The end of LOGIN and AUTHENTICATE: checks the credentials through the Authenticator (which records
 * the attempt for the access history and throttles per account and address), then enters the
 * authenticated state. Failures wait a moment (Dovecot auth_failure_delay) and count towards the
 * per-connection limit; the reply never says whether the address exists.
 */
import { setTimeout as delay } from 'node:timers/promises';
import { ok, type CommandContext, type CommandResult } from '../command-descriptor.ts';
import { refusalResponse } from '../refusal-response.ts';

export async function authenticateUser(
  ctx: CommandContext,
  username: string,
  password: string,
): Promise<CommandResult> {
  const result = await ctx.services.authenticator.authenticate({
    username,
    password,
    protocol: 'imap',
    remoteAddress: ctx.session.remoteAddress,
    clientId: ctx.session.clientId,
  });
  if (!result.ok) {
    ctx.authenticationFailed();
    if (ctx.limits.authFailureDelayMs > 0) await delay(ctx.limits.authFailureDelayMs);
    return refusalResponse(result.refusal);
  }
  if (!ctx.enterAuthenticated({ mailboxId: result.mailboxId, address: result.address })) {
    return refusalResponse({ reason: 'too-many-connections', scope: 'mailbox' });
  }
  return ok('Logged in', { kind: 'CAPABILITY', capabilities: ctx.capabilities() });
}
