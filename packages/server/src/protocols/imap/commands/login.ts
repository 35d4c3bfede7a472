/**
 * LOGIN (RFC 9051 §6.2.3): refused before TLS (LOGINDISABLED, pec-spec §8.6); the password may come
 * as a literal.
 */
import { defineCommand } from '../command-descriptor.ts';
import { refusalResponse } from '../refusal-response.ts';
import { authenticateUser } from './authenticate-user.ts';

export const login = defineCommand({
  name: 'LOGIN',
  states: ['not-authenticated'],
  run(ctx, command) {
    if (!ctx.session.secure) return refusalResponse({ reason: 'encryption-required' });
    return authenticateUser(ctx, command.userName, command.password);
  },
});
