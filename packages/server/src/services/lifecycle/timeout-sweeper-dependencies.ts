/**
 * What the timeout sweeper needs, handed down by the composition root: storage, blobs, the signer
 * and the clock, and plain settings (no configuration object).
 */
import type { ProviderIdentity, Signer } from '@pec/core';
import type { BlobStore } from '../../ports/blob-store.ts';
import type { Clock } from '../../ports/clock.ts';
import type { Storage } from '../../ports/storage.ts';

export interface TimeoutSweeperSettings {
  /** gestore-emittente and the service domain of every notice issued. */
  readonly identity: ProviderIdentity;
  /** Hours without take-charge or delivery receipt before the preavviso (pec-spec §6.3). */
  readonly takeChargeHours: number;
  /** Hours without delivery receipt before the final notice (pec-spec §3.7, §6.3). */
  readonly deliveryHours: number;
}

export interface TimeoutSweeperDependencies {
  readonly storage: Storage;
  readonly blobs: BlobStore;
  readonly signer: Signer;
  readonly clock: Clock;
  readonly settings: TimeoutSweeperSettings;
}
