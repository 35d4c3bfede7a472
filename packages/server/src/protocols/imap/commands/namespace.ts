/** NAMESPACE (RFC 2342, RFC 9051 §6.3.10): one personal namespace, empty prefix, `/` delimiter. */
import { folderDelimiter } from '../../../ports/mailbox-store.ts';
import { defineCommand } from '../command-descriptor.ts';

export const namespace = defineCommand({
  name: 'NAMESPACE',
  states: ['authenticated', 'selected'],
  run(ctx) {
    ctx.send({
      kind: 'namespace',
      personal: [{ prefix: '', delimiter: folderDelimiter }],
      otherUsers: null,
      shared: null,
    });
    return undefined;
  },
});
