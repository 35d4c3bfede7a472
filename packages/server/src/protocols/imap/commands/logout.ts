/** LOGOUT (RFC 9051 §6.1.3): `* BYE`, the tagged OK, then the server closes the connection. */
import { defineCommand, ok } from '../command-descriptor.ts';

export const logout = defineCommand({
  name: 'LOGOUT',
  states: ['not-authenticated', 'authenticated', 'selected'],
  run(ctx) {
    ctx.send({ kind: 'untagged', status: 'BYE', text: 'Logging out' });
    ctx.session.logout();
    ctx.closeAfterReply();
    return ok('Logout completed.');
  },
});
