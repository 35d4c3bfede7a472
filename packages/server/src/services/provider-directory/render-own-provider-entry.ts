/**
 * This provider's own record of the index (pec-spec §7.2, §7.3), as `pec index export` publishes
 * it: `providerName`, `mailReceipt` = the receipt mailbox (where other providers send presa in
 * carico and rilevazione virus), `managedDomains` = every mail domain of the account store (the
 * service domain first), and the signing certificate with its SHA-1.
 */
import { readFile } from 'node:fs/promises';
import { pemBlocksToDer, renderProviderEntry, type ProviderIdentity } from '@pec/core';
import type { AccountStore } from '../../ports/account-store.ts';

export interface OwnEntrySettings {
  /** providerName and the service domain. */
  readonly identity: ProviderIdentity;
  /** The receipt mailbox published as `mailReceipt`. */
  readonly receiptMailbox: string;
  /** PEM file of the signing certificate; its first block is the leaf. */
  readonly signingCertFile: string;
}

export interface OwnEntrySource {
  readonly accounts: Pick<AccountStore, 'listDomains'>;
  readonly settings: OwnEntrySettings;
}

/** The DER signing certificate(s) of `signingCertFile`: the first PEM block is the leaf. */
export async function readOwnSigningCertificates(settings: OwnEntrySettings): Promise<Uint8Array[]> {
  const pem = await readFile(settings.signingCertFile, 'utf8');
  const [leaf] = pemBlocksToDer(pem, 'CERTIFICATE');
  if (leaf === undefined) throw new Error(`no certificate in ${settings.signingCertFile}`);
  return [leaf];
}

export async function renderOwnProviderEntry(source: OwnEntrySource): Promise<string> {
  const { settings } = source;
  const serviceDomain = settings.identity.domain.toLowerCase();
  const domains = (await source.accounts.listDomains()).map((d) => d.name.toLowerCase());
  const managedDomains = [serviceDomain, ...domains.filter((d) => d !== serviceDomain).sort()];
  return renderProviderEntry({
    name: settings.identity.name,
    mailReceipt: settings.receiptMailbox,
    managedDomains,
    certificates: await readOwnSigningCertificates(settings),
  });
}
