/**
 * Where a certificate says its revocation status is published: the HTTP(S) URIs of its CRL
 * distribution points (RFC 5280 §4.2.1.13) and of the OCSP responders in its authority information
 * access (RFC 5280 §4.2.2.1). LDAP and other schemes are skipped: only HTTP is fetched.
 */
import { Certificate, CRLDistributionPoints, InfoAccess } from 'pkijs';
import type { GeneralName } from 'pkijs';

export interface RevocationLocations {
  readonly crlUrls: readonly string[];
  readonly ocspUrls: readonly string[];
}

const oids = {
  crlDistributionPoints: '2.5.29.31',
  authorityInfoAccess: '1.3.6.1.5.5.7.1.1',
  ocsp: '1.3.6.1.5.5.7.48.1',
} as const;

/** GeneralName uniformResourceIdentifier is choice [6]. */
const uriChoice = 6;

function httpUri(name: GeneralName | undefined): string | undefined {
  if (name?.type !== uriChoice || typeof name.value !== 'string') return undefined;
  return /^https?:\/\//i.test(name.value) ? name.value : undefined;
}

export function revocationLocations(certificate: Certificate | Uint8Array): RevocationLocations {
  const parsed = certificate instanceof Certificate ? certificate : Certificate.fromBER(certificate);
  const crlUrls: string[] = [];
  const ocspUrls: string[] = [];
  for (const extension of parsed.extensions ?? []) {
    const value: unknown = extension.parsedValue;
    if (extension.extnID === oids.crlDistributionPoints && value instanceof CRLDistributionPoints) {
      for (const point of value.distributionPoints) {
        const names = Array.isArray(point.distributionPoint) ? point.distributionPoint : [];
        for (const name of names) {
          const uri = httpUri(name);
          if (uri !== undefined) crlUrls.push(uri);
        }
      }
    }
    if (extension.extnID === oids.authorityInfoAccess && value instanceof InfoAccess) {
      for (const description of value.accessDescriptions) {
        const uri = description.accessMethod === oids.ocsp ? httpUri(description.accessLocation) : undefined;
        if (uri !== undefined) ocspUrls.push(uri);
      }
    }
  }
  return { crlUrls, ocspUrls };
}
