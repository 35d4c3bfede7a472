/**
 * STARTTLS (RFC 9051 §6.2.1): only on the plain port before TLS; the handshake starts right after
 * the tagged OK and bytes the client pipelined after the command are discarded (the reader pause).
 */
import { bad, defineCommand, ok } from '../command-descriptor.ts';

export const starttls = defineCommand({
  name: 'STARTTLS',
  states: ['not-authenticated'],
  run(ctx) {
    if (ctx.session.secure) return bad('TLS is already active.');
    if (!ctx.canStartTls) return bad('STARTTLS is not available.');
    ctx.startTlsAfterReply();
    return ok('Begin TLS negotiation now.');
  },
});
