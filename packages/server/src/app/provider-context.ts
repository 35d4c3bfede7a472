/**
 * What the composition root builds once and hands to services and listeners: configuration,
 * storage, blobs, the signer and the provider's identity. Nothing below `app/` builds these itself
 * (house style principle 7).
 */
import type { ProviderIdentity, ProviderIndex, Signer } from '@pec/core';
import type { LoadedConfig } from '../config/load-config.ts';
import type { Coordination } from './open-coordination.ts';
import type { BlobStore } from '../ports/blob-store.ts';
import type { Clock } from '../ports/clock.ts';
import type { Storage } from '../ports/storage.ts';
import type { ProviderDirectory } from '../services/provider-directory/create-provider-directory.ts';

export interface TlsMaterial {
  readonly cert: string;
  readonly key: string;
}

export interface ProviderContext {
  readonly config: LoadedConfig;
  readonly storage: Storage;
  readonly blobs: BlobStore;
  readonly signer: Signer;
  /** gestore-emittente and the service domain (posta-certificata@domain). */
  readonly identity: ProviderIdentity;
  /**
   * The local copy of the providers' index, which includes this provider (pec-spec §7.3). From
   * `openProvider` it is the live view of `directory`: lookups always use the current copy.
   */
  readonly index: ProviderIndex;
  /** The swappable holder behind `index`, when the context has one (`openProvider` sets it). */
  readonly directory?: ProviderDirectory;
  readonly tls: TlsMaterial;
  readonly clock: Clock;
  /** Change bus, locks and node id (in-process or PostgreSQL); absent: `coordinationOf` gives an in-process one. */
  readonly coordination?: Coordination;
  close(): Promise<void>;
}
