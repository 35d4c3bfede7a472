/**
 * ID (RFC 2971): remembers the client's name and version for the access history and
 * answers with the server's own identification.
 */
import { defineCommand } from '../command-descriptor.ts';

export const id = defineCommand({
  name: 'ID',
  states: ['not-authenticated', 'authenticated', 'selected'],
  run(ctx, command) {
    if (command.fields !== null) {
      const value = (key: string) =>
        command.fields?.find((field) => field.key.toLowerCase() === key)?.value ?? null;
      const name = value('name');
      const version = value('version');
      if (name !== null) ctx.session.clientId = version === null ? name : `${name}/${version}`;
    }
    ctx.send({ kind: 'id', fields: [{ key: 'name', value: 'PEC IMAP' }] });
    return undefined;
  },
});
