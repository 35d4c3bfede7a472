/**
 * The end of every POP3 login (PASS, AUTH PLAIN): checks the credentials through the shared
 * Authenticator (which records the attempt in the access history), then opens and locks the
 * maildrop (RFC 1939 §4) and enters the TRANSACTION state. Refusals carry RFC 3206 / RFC 2449
 * response codes: [AUTH] wrong credentials, [SYS/TEMP] throttled, [SYS/PERM] disabled mailbox,
 * [IN-USE] another POP3 session holds the mailbox.
 */
import type { LoginResult } from '../../../services/accounts/authenticator.ts';
import type { Pop3CommandContext } from '../command-descriptor.ts';
import type { Pop3ResponseCode } from '../grammar/pop3-response.ts';

/** Whether a login may go ahead on this transport: credentials only under TLS (pec-spec §8.6). */
export function refuseWithoutTls(ctx: Pop3CommandContext): boolean {
  if (ctx.secure) return false;
  ctx.err('Plaintext authentication disallowed on non-secure connections; use STLS first', 'AUTH');
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
    const [text, code] = refusal(result);
    ctx.err(text, code);
    return;
  }
  const opened = await ctx.services.maildrops.open(result.mailboxId);
  if (!opened.ok) {
    ctx.err('Mailbox is locked by another POP3 session', 'IN-USE');
    return;
  }
  ctx.enterTransaction(opened.maildrop);
  const { count, octets } = opened.maildrop.stat();
  ctx.ok(`Logged in, maildrop has ${count} message${count === 1 ? '' : 's'} (${octets} octets)`);
}

function refusal(result: Exclude<LoginResult, { ok: true }>): [string, Pop3ResponseCode] {
  switch (result.reason) {
    case 'invalid-credentials':
      return ['Authentication failed', 'AUTH'];
    case 'throttled':
      return ['Too many failed logins, try again later', 'SYS/TEMP'];
    case 'disabled':
      return ['Mailbox is disabled', 'SYS/PERM'];
  }
}
