/**
 * Adds a mail domain to the provider (`pec domain add`): the domain row through the account
 * service, then the domain in this provider's own entry of the local index file as another
 * `managedDomains` value (pec-spec §7.2), so that the access point classifies its addresses as
 * certified (pec-spec §7.3). The index file is edited in place, losslessly and atomically, and only
 * when it is plain LDIF holding this provider's main entry; a downloaded signed index is left alone.
 */
import { randomUUID } from 'node:crypto';
import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import { createProviderIndex, indexVocabulary, parseLdif, type ProviderIdentity } from '@pec/core';
import type { ProviderDomain } from '../ports/account-store.ts';
import type { Clock } from '../ports/clock.ts';
import type { Storage } from '../ports/storage.ts';
import { createAccountService } from '../services/accounts/create-account-service.ts';

export interface AddProviderDomainResult {
  readonly domain: ProviderDomain;
  /** Whether the local index file now lists the domain under this provider. */
  readonly indexUpdated: boolean;
}

/** The index text with `domain` added to the provider's entry, or undefined when it cannot be. */
export function addDomainToIndexText(
  text: string,
  identity: ProviderIdentity,
  domain: string,
): string | undefined {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  // Odd indexes hold the blank-line separators, kept as they are.
  const pieces = text.split(/(\r?\n(?:\r?\n)+)/);
  for (let i = 0; i < pieces.length; i += 2) {
    const block = pieces[i] ?? '';
    const [record] = createProviderIndex(parseLdif(block)).providers;
    if (record?.name !== identity.name || record.unit !== undefined) continue;
    if (record.managedDomains.some((managed) => managed.toLowerCase() === domain)) return undefined;
    const body = block.replace(/\r?\n$/, '');
    const trailing = body.length === block.length ? '' : eol;
    pieces[i] = `${body}${eol}${indexVocabulary.attributes.managedDomains}: ${domain}${trailing}`;
    return pieces.join('');
  }
  return undefined;
}

export async function addProviderDomain(
  options: {
    readonly storage: Storage;
    readonly identity: ProviderIdentity;
    /** The local index file (config `index.file`). */
    readonly indexFile: string;
    readonly clock?: Clock;
  },
  name: string,
  domainOptions: { readonly description?: string } = {},
): Promise<AddProviderDomainResult> {
  const accounts = createAccountService({
    storage: options.storage,
    ...(options.clock === undefined ? {} : { clock: options.clock }),
  });
  const domain = await accounts.addDomain(name, domainOptions);
  const text = await readFile(options.indexFile, 'utf8').catch(() => undefined);
  const updated = text === undefined ? undefined : addDomainToIndexText(text, options.identity, domain.name);
  if (updated === undefined) return { domain, indexUpdated: false };
  const temporary = `${options.indexFile}.${randomUUID()}.tmp`;
  try {
    await writeFile(temporary, updated, { flush: true });
    await rename(temporary, options.indexFile);
  } finally {
    await rm(temporary, { force: true });
  }
  return { domain, indexUpdated: true };
}
