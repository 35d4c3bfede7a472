/**
 * The end of every POP3 login (PASS, AUTH PLAIN): checks the credentials through the shared
 * Authenticator (which records the attempt in the access history), then opens and locks the
 * maildrop (RFC 1939 §4) and enters the TRANSACTION state. Refusals (wrong credentials, throttled,
 * disabled mailbox, another POP3 session holding the mailbox) get their RFC 3206 / RFC 2449 codes
 * in ../refusal-response.ts.
 */
import type { Pop3CommandContext } from '../command-descriptor.ts';

/** Whether a login may go ahead on this transport: credentials only under TLS (pec-spec §8.6). */
export function refuseWithoutTls(ctx: Pop3CommandContext): boolean {
  if (ctx.secure) return false;
  ctx.refuse({ reason: 'encryption-required' });
  return true;
}

export async function completeLogin(
  ctx: Pop3CommandContext,
  username: string,
  password: string,
): Promise<void> {
  const result = await ctx.services.authenticator.authenticate({
    username,
    password,
    protocol: 'pop3',
    remoteAddress: ctx.remoteAddress,
  });
  if (!result.ok) {
    await ctx.authenticationFailed();
    ctx.refuse(result.refusal);
    return;
  }
  const opened = await ctx.services.maildrops.open(result.mailboxId);
  if (!opened.ok) {
    ctx.refuse(opened.refusal);
    return;
  }
  ctx.enterTransaction(opened.maildrop);
  const { count, octets } = opened.maildrop.stat();
  ctx.ok(`Logged in, maildrop has ${count} message${count === 1 ? '' : 's'} (${octets} octets)`);
}
