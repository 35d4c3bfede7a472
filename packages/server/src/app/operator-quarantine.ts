/**
 * The quarantine as operators reach it (services/quarantine/quarantine-desk.ts): the shared one
 * (records in storage, bytes in the blob store) and the file quarantine of earlier versions in
 * `storage.quarantineDir`, with the configured retention.
 */
import { createSharedQuarantine } from '../services/quarantine/create-shared-quarantine.ts';
import { openQuarantineStore } from '../services/quarantine/open-quarantine-store.ts';
import type { QuarantineDeskDependencies } from '../services/quarantine/quarantine-desk.ts';
import type { ProviderContext } from './provider-context.ts';

export async function operatorQuarantine(
  ctx: Pick<ProviderContext, 'config' | 'storage' | 'blobs' | 'clock'>,
): Promise<QuarantineDeskDependencies> {
  const retentionMonths = ctx.config.config.retention.quarantineMonths;
  const shared = createSharedQuarantine({
    records: ctx.storage.quarantine,
    blobs: ctx.blobs,
    isBlobReferenced: (key) => ctx.storage.mailboxes.isBlobReferenced(key),
    retentionMonths,
    clock: ctx.clock,
  });
  const files = await openQuarantineStore({
    dir: ctx.config.config.storage.quarantineDir,
    retentionMonths,
    clock: ctx.clock,
  });
  return { quarantines: [shared, files], clock: ctx.clock };
}
