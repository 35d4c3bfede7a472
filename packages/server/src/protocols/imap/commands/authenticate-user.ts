/**
 * The end of LOGIN and AUTHENTICATE: checks the credentials through the Authenticator (which records
 * the attempt for the access history and throttles per account and address), then enters the
 * authenticated state. Failures wait a moment (Dovecot auth_failure_delay) and count towards the
 * per-connection limit; the reply never says whether the address exists.
 */
import { setTimeout as delay } from 'node:timers/promises';
import { no, ok, type CommandContext, type CommandResult } from '../command-descriptor.ts';

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
    switch (result.reason) {
      case 'throttled':
        return no('Too many failed logins, try again later.', { kind: 'UNAVAILABLE' });
      case 'disabled':
        return no('The mailbox is disabled.', { kind: 'CONTACTADMIN' });
      case 'invalid-credentials':
        return no('Authentication failed.', { kind: 'AUTHENTICATIONFAILED' });
    }
  }
  if (!ctx.enterAuthenticated({ mailboxId: result.mailboxId, address: result.address })) {
    return no('Maximum number of connections for this mailbox exceeded.', { kind: 'LIMIT' });
  }
  return ok('Logged in', { kind: 'CAPABILITY', capabilities: ctx.capabilities() });
}
