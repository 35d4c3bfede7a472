/**
 * PASS string (RFC 1939 §7): completes a USER login. The whole rest of the line is the password,
 * spaces included, as RFC 1939 allows. Without a preceding USER it is refused.
 */
import { definePop3Command } from '../command-descriptor.ts';
import { completeLogin, refuseWithoutTls } from './complete-login.ts';

export const passCommand = definePop3Command({
  keyword: 'PASS',
  states: ['authorization'],
  async run(ctx, command) {
    if (refuseWithoutTls(ctx)) return;
    const username = ctx.pendingUser;
    if (username === undefined) {
      ctx.err('USER first');
      return;
    }
    ctx.setPendingUser(undefined);
    if (command.rest === '') {
      ctx.err('Syntax error: PASS takes one argument');
      return;
    }
    await completeLogin(ctx, username, command.rest);
  },
});
