/**
 * Deletes a mail domain (`pec domain delete`): the domain (and, when forced, its mailboxes) through
 * the account lifecycle (decision 0019), then the domain out of this provider's own entry of the local
 * index file (pec-spec §7.2), the reverse of `add-provider-domain.ts`: edited in place, atomically,
 * only when it is plain LDIF listing the domain under this provider.
 */
import { randomUUID } from 'node:crypto';
import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import {
  createProviderIndex,
  indexVocabulary,
  parseLdif,
  serviceAddress,
  type ProviderIdentity,
} from '@pec/core';
import type { BlobStore } from '../ports/blob-store.ts';
import type { Storage } from '../ports/storage.ts';
import { createRetireAccounts, type DeletedDomain } from '../services/accounts/retire-accounts.ts';

export interface DeleteProviderDomainResult extends DeletedDomain {
  /** Whether the local index file no longer lists the domain under this provider. */
  readonly indexUpdated: boolean;
}

/**
 * The index text without the `managedDomains: domain` line of this provider's entry, or undefined
 * when that entry does not list it.
 */
export function removeDomainFromIndexText(
  text: string,
  identity: ProviderIdentity,
  domain: string,
): string | undefined {
  const attribute = indexVocabulary.attributes.managedDomains.toLowerCase();
  // Odd indexes hold the blank-line separators, kept as they are.
  const pieces = text.split(/(\r?\n(?:\r?\n)+)/);
  for (let i = 0; i < pieces.length; i += 2) {
    const block = pieces[i] ?? '';
    const [record] = createProviderIndex(parseLdif(block)).providers;
    if (record?.name !== identity.name || record.unit !== undefined) continue;
    const lines = block.split(/(?<=\n)/);
    const kept = lines.filter((line) => {
      const match = /^([^:]+):\s*(.*?)\r?\n?$/.exec(line);
      return !(match?.[1]?.toLowerCase() === attribute && match[2]?.toLowerCase() === domain);
    });
    if (kept.length === lines.length) return undefined;
    pieces[i] = kept.join('');
    return pieces.join('');
  }
  return undefined;
}

export async function deleteProviderDomain(
  options: {
    readonly storage: Storage;
    readonly blobs?: BlobStore;
    readonly identity: ProviderIdentity;
    readonly indexFile: string;
  },
  name: string,
  force: boolean,
): Promise<DeleteProviderDomainResult> {
  const deleted = await createRetireAccounts({
    storage: options.storage,
    ...(options.blobs === undefined ? {} : { blobs: options.blobs }),
  }).deleteDomain(name, {
    force,
    serviceAddress: serviceAddress(options.identity),
  });
  const text = await readFile(options.indexFile, 'utf8').catch(() => undefined);
  const updated =
    text === undefined ? undefined : removeDomainFromIndexText(text, options.identity, deleted.domain);
  if (updated === undefined) return { ...deleted, indexUpdated: false };
  const temporary = `${options.indexFile}.${randomUUID()}.tmp`;
  try {
    await writeFile(temporary, updated, { flush: true });
    await rename(temporary, options.indexFile);
  } finally {
    await rm(temporary, { force: true });
  }
  return { ...deleted, indexUpdated: true };
}
