/**
 * This provider's own record of the index (pec-spec §7.2, §7.3), as `pec index export` publishes
 * it: `providerName` from the configuration, `mailReceipt` = the configured receipt mailbox (where
 * other providers send presa in carico and rilevazione virus), `managedDomains` = every mail domain
 * of the account store (the service domain first), and the signing certificate with its SHA-1.
 */
import { readFile } from 'node:fs/promises';
import { pemBlocksToDer, renderProviderEntry } from '@pec/core';
import type { ProviderContext } from '../../app/provider-context.ts';

export type OwnEntrySource = Pick<ProviderContext, 'config' | 'storage' | 'identity'>;

/** The DER signing certificate(s) of `signing.certFile`: the first PEM block is the leaf. */
export async function readOwnSigningCertificates(source: OwnEntrySource): Promise<Uint8Array[]> {
  const pem = await readFile(source.config.config.signing.certFile, 'utf8');
  const [leaf] = pemBlocksToDer(pem, 'CERTIFICATE');
  if (leaf === undefined) throw new Error(`no certificate in ${source.config.config.signing.certFile}`);
  return [leaf];
}

export async function renderOwnProviderEntry(source: OwnEntrySource): Promise<string> {
  const { provider } = source.config.config;
  const serviceDomain = source.identity.domain.toLowerCase();
  const domains = (await source.storage.accounts.listDomains()).map((d) => d.name.toLowerCase());
  const managedDomains = [serviceDomain, ...domains.filter((d) => d !== serviceDomain).sort()];
  return renderProviderEntry({
    name: provider.name,
    mailReceipt: provider.receiptMailbox,
    managedDomains,
    certificates: await readOwnSigningCertificates(source),
  });
}
