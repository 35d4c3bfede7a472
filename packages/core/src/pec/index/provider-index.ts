/**
 * The local copy of the provider index (Indice dei gestori di PEC, pec-spec §7): domain
 * classification at the access point (certificato / esterno) and signer-certificate lookup at the
 * reception point (pec-spec §7.3, §8.4 step 3). Comparisons are case-insensitive; a certificate
 * matches only when both its SHA-1 is listed and its bytes equal a published certificate.
 */
import { createHash } from 'node:crypto';
import type { RecipientKind } from '../vocabulary.ts';
import { indexVocabulary, recipientKinds } from '../vocabulary.ts';
import { domainOf } from '../../mail/mail-address.ts';
import type { LdifEntry } from './parse-ldif.ts';

export interface ProviderRecord {
  readonly name: string;
  /** Secondary operating environment (`providerUnit`); absent on a provider's main entry. */
  readonly unit?: string;
  /** Service mailbox for presa in carico and rilevazione virus (pec-spec §7.2). */
  readonly mailReceipt: string;
  readonly managedDomains: string[];
  /** DER signing certificates (several during rollover). */
  readonly certificates: Uint8Array[];
  /** `providerCertificateHash` values, lower-case hex. */
  readonly certificateHashes: string[];
  readonly ldifLocationUrl?: string;
}

export interface ProviderIndex {
  readonly providers: readonly ProviderRecord[];
  /** `certificato` when the domain (or the address's domain) is a managed PEC domain. */
  classifyDomain(domainOrAddress: string): RecipientKind;
  findProviderByDomain(domainOrAddress: string): ProviderRecord | undefined;
  /** SHA-1 listed in `providerCertificateHash` AND the same bytes in `providerCertificate`. */
  findProviderByCertificate(der: Uint8Array): ProviderRecord | undefined;
  findProviderBySha1(hex: string): ProviderRecord | undefined;
}

const names = indexVocabulary.attributes;
const [certifiedRecipient, externalRecipient] = recipientKinds;
const attribute = (name: string): string => name.toLowerCase();

function texts(entry: LdifEntry, name: string): string[] {
  return (entry.attributes.get(attribute(name)) ?? []).flatMap((value) =>
    typeof value === 'string' ? [value.trim()] : [],
  );
}

function normalizeHash(hex: string): string {
  return hex.replace(/[\s:]/g, '').toLowerCase();
}

function isProviderEntry(entry: LdifEntry): boolean {
  const classes = texts(entry, 'objectClass').map((value) => value.toLowerCase());
  return classes.includes(indexVocabulary.providerClass) || texts(entry, names.providerName).length > 0;
}

function toRecord(entry: LdifEntry): ProviderRecord | undefined {
  const name = texts(entry, names.providerName)[0];
  if (name === undefined || name.length === 0) return undefined;
  const unit = texts(entry, names.providerUnit)[0];
  const ldifLocationUrl = texts(entry, names.ldifLocationUrl)[0];
  const certificates = (entry.attributes.get(attribute(names.providerCertificate)) ?? []).flatMap((value) =>
    typeof value === 'string' ? [] : [value],
  );
  return {
    name,
    ...(unit === undefined ? {} : { unit }),
    mailReceipt: texts(entry, names.mailReceipt)[0] ?? '',
    managedDomains: texts(entry, names.managedDomains),
    certificates,
    certificateHashes: texts(entry, names.providerCertificateHash).map(normalizeHash),
    ...(ldifLocationUrl === undefined ? {} : { ldifLocationUrl }),
  };
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(b);
}

export function createProviderIndex(entries: readonly LdifEntry[]): ProviderIndex {
  const providers = entries.filter(isProviderEntry).flatMap((entry) => toRecord(entry) ?? []);
  const byDomain = new Map<string, ProviderRecord>();
  const byHash = new Map<string, ProviderRecord[]>();
  for (const provider of providers) {
    for (const domain of provider.managedDomains) {
      const key = domainOf(domain);
      if (!byDomain.has(key)) byDomain.set(key, provider);
    }
    for (const hash of provider.certificateHashes) byHash.set(hash, [...(byHash.get(hash) ?? []), provider]);
  }
  const findProviderByDomain = (domainOrAddress: string): ProviderRecord | undefined =>
    byDomain.get(domainOf(domainOrAddress));
  return {
    providers,
    classifyDomain: (domainOrAddress) =>
      findProviderByDomain(domainOrAddress) === undefined ? externalRecipient : certifiedRecipient,
    findProviderByDomain,
    findProviderBySha1: (hex) => byHash.get(normalizeHash(hex))?.[0],
    findProviderByCertificate(der) {
      const hash = createHash('sha1').update(der).digest('hex');
      return byHash
        .get(hash)
        ?.find((provider) => provider.certificates.some((known) => sameBytes(known, der)));
    },
  };
}
