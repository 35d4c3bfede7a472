/**
 * LOGIN (RFC 9051 §6.2.3): refused before TLS (LOGINDISABLED, pec-spec §8.6); the password may come
 * as a literal.
 */
import { defineCommand, no } from '../command-descriptor.ts';
import { authenticateUser } from './authenticate-user.ts';

export const login = defineCommand({
  name: 'LOGIN',
  states: ['not-authenticated'],
  run(ctx, command) {
    if (!ctx.session.secure) {
      return no('Plaintext authentication disallowed on non-secure connections.', {
        kind: 'PRIVACYREQUIRED',
      });
    }
    return authenticateUser(ctx, command.userName, command.password);
  },
});
