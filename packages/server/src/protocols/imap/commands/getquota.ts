/** GETQUOTA (RFC 9208 §4.2): the one quota root `""`. */
import { defineCommand, no } from '../command-descriptor.ts';
import { quotaRoot, storageQuota } from './storage-quota.ts';

export const getQuota = defineCommand({
  name: 'GETQUOTA',
  states: ['authenticated', 'selected'],
  async run(ctx, command) {
    if (command.root !== quotaRoot) return no('Quota root does not exist.', { kind: 'NONEXISTENT' });
    ctx.send({ kind: 'quota', root: quotaRoot, resources: await storageQuota(ctx) });
    return undefined;
  },
});
