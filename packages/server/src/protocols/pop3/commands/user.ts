/**
 * USER name (RFC 1939 §7): the first half of a plaintext login, refused before TLS. The answer is
 * the same for every name, so it tells nothing about which mailboxes exist.
 */
import { definePop3Command } from '../command-descriptor.ts';
import { refuseWithoutTls } from './complete-login.ts';

export const userCommand = definePop3Command({
  keyword: 'USER',
  states: ['authorization'],
  run(ctx, command) {
    if (refuseWithoutTls(ctx)) return;
    const name = command.rest.trim();
    if (name === '' || command.args.length !== 1) {
      ctx.err('Syntax error: USER takes one argument');
      return;
    }
    ctx.setPendingUser(name);
    ctx.ok('Send your password');
  },
});
