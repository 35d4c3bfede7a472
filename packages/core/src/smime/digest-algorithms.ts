/**
 * The digest algorithms PEC signatures use, with their CMS OIDs (RFC 5754, RFC 3370), node:crypto and
 * WebCrypto names, and the RFC 5751 §3.4.3.2 `micalg` names. Real peers still sign with SHA-1
 * (pec-spec §8.2, §8.3), so both SHA-1 and SHA-256 are first-class; the others are recognised on input.
 */
import type { DigestAlgorithm } from './signer.ts';

export interface DigestAlgorithmEntry {
  /** node:crypto hash name, also the value `SignatureReport.digestAlgorithm` carries. */
  readonly name: string;
  readonly oid: string;
  /** WebCrypto hash name, as pkijs expects it. */
  readonly webCryptoName: string;
  /** RFC 5751 micalg value. */
  readonly micalg: string;
}

export const digestAlgorithms: readonly DigestAlgorithmEntry[] = [
  { name: 'sha1', oid: '1.3.14.3.2.26', webCryptoName: 'SHA-1', micalg: 'sha-1' },
  { name: 'sha256', oid: '2.16.840.1.101.3.4.2.1', webCryptoName: 'SHA-256', micalg: 'sha-256' },
  { name: 'sha384', oid: '2.16.840.1.101.3.4.2.2', webCryptoName: 'SHA-384', micalg: 'sha-384' },
  { name: 'sha512', oid: '2.16.840.1.101.3.4.2.3', webCryptoName: 'SHA-512', micalg: 'sha-512' },
  { name: 'sha224', oid: '2.16.840.1.101.3.4.2.4', webCryptoName: 'SHA-224', micalg: 'sha-224' },
];

export function digestAlgorithmByOid(oid: string): DigestAlgorithmEntry | undefined {
  return digestAlgorithms.find((entry) => entry.oid === oid);
}

export function digestAlgorithmByName(name: DigestAlgorithm): DigestAlgorithmEntry {
  const entry = digestAlgorithms.find((candidate) => candidate.name === name);
  if (entry === undefined) throw new Error(`unsupported digest algorithm ${name}`);
  return entry;
}
