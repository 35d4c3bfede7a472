/**
 * STLS (RFC 2595 §4): starts TLS on the plain port. Only in AUTHORIZATION, only once; the session
 * drops anything the client pipelined after it and the client must ask CAPA again.
 */
import { checkArguments, definePop3Command } from '../command-descriptor.ts';

export const stlsCommand = definePop3Command({
  keyword: 'STLS',
  states: ['authorization'],
  run(ctx, command) {
    if (!checkArguments(ctx, command, 0, 0)) return;
    if (ctx.secure) {
      ctx.err('Command not permitted when TLS active');
      return;
    }
    if (!ctx.canStartTls) {
      ctx.err('TLS is not available');
      return;
    }
    ctx.ok('Begin TLS negotiation');
    ctx.startTlsAfterReply();
  },
});
