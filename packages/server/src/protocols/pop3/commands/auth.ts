/**
 * AUTH (RFC 5034): SASL PLAIN (RFC 4616) with or without an initial response, only under TLS.
 * `AUTH` alone lists the mechanisms (a pre-RFC 5034 form Windows clients still send). The client
 * cancels with `*`. Acting as another identity (a non-empty, different authzid) is refused.
 */
import { checkArguments, definePop3Command, type Pop3CommandContext } from '../command-descriptor.ts';
import { decodeSaslPlain } from '../grammar/decode-sasl-plain.ts';
import { completeLogin, refuseWithoutTls } from './complete-login.ts';

export const saslMechanisms = ['PLAIN'] as const;

export const authCommand = definePop3Command({
  keyword: 'AUTH',
  states: ['authorization'],
  async run(ctx, command) {
    if (!checkArguments(ctx, command, 0, 2)) return;
    const [mechanism, initial] = command.args;
    if (mechanism === undefined) {
      await ctx.multiline(
        'Supported mechanisms follow',
        Buffer.from(ctx.secure ? saslMechanisms.map((m) => `${m}\r\n`).join('') : ''),
      );
      return;
    }
    if (refuseWithoutTls(ctx)) return;
    if (mechanism.toUpperCase() !== 'PLAIN') {
      ctx.err('Unsupported authentication mechanism');
      return;
    }
    const response = initial ?? (await ctx.readLine(''));
    if (response === null) return;
    await plain(ctx, response);
  },
});

async function plain(ctx: Pop3CommandContext, response: string): Promise<void> {
  if (response === '*') {
    ctx.err('Authentication cancelled');
    return;
  }
  const decoded = decodeSaslPlain(response);
  if (!decoded.ok) {
    await ctx.authenticationFailed();
    ctx.err(decoded.reason === 'bad-base64' ? 'Invalid base64 data' : 'Invalid SASL PLAIN response', 'AUTH');
    return;
  }
  const { authzid, authcid, password } = decoded.credentials;
  if (authzid !== '' && authzid.toLowerCase() !== authcid.toLowerCase()) {
    await ctx.authenticationFailed();
    ctx.refuse({ reason: 'foreign-identity' });
    return;
  }
  await completeLogin(ctx, authcid, password);
}
