/**
 * Integrity check of the registro dei log (pec-spec §6.4: kept unmodified; `pec log verify`):
 * recomputes the hash chain from the last purge point and reports the first entry that does not
 * verify. A broken chain means a changed, removed or reordered entry.
 */
import type { ChainVerification } from '../../ports/legal-log.ts';
import type { StorageStores } from '../../ports/storage.ts';

export function verifyLog(stores: Pick<StorageStores, 'legalLog'>): Promise<ChainVerification> {
  return stores.legalLog.verifyChain();
}
