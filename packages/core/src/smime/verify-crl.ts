/**
 * Reads a certificate revocation list (RFC 5280 §5) and checks it was signed by the given issuer
 * (name and signature, pec-spec §8.4 step 4), so that an entry found in it can be trusted. The
 * result is plain data, cacheable until its nextUpdate.
 */
import * as asn1js from 'asn1js';
import { Certificate, CertificateRevocationList } from 'pkijs';
import { cryptoEngine } from './crypto-engine.ts';

export interface VerifiedCrl {
  readonly thisUpdate: Date;
  /** When a newer list is due (RFC 5280 §5.1.2.5); absent: the issuer promises none. */
  readonly nextUpdate: Date | undefined;
  /** Revocation time by serial number (lower-case hex, no leading zero bytes). */
  readonly revoked: ReadonlyMap<string, Date>;
}

function serialHex(integer: asn1js.Integer): string {
  const bytes = integer.valueBlock.valueHexView;
  let start = 0;
  while (start < bytes.length - 1 && bytes[start] === 0) start++;
  return Buffer.from(bytes.subarray(start)).toString('hex');
}

/** DER, or PEM `X509 CRL` as some servers publish it. */
function crlDer(bytes: Uint8Array): Uint8Array {
  const text = Buffer.from(bytes.subarray(0, 64)).toString('latin1');
  if (!text.includes('-----BEGIN')) return bytes;
  const body = Buffer.from(bytes)
    .toString('latin1')
    .replace(/-----(BEGIN|END) X509 CRL-----/g, '')
    .replace(/\s+/g, '');
  return new Uint8Array(Buffer.from(body, 'base64'));
}

/** Throws when `crl` is unreadable, issued by someone else or not signed by `issuer`. */
export async function verifyCrl(crl: Uint8Array, issuer: Uint8Array): Promise<VerifiedCrl> {
  const parsed = CertificateRevocationList.fromBER(crlDer(crl));
  const issuerCertificate = Certificate.fromBER(issuer);
  if (!parsed.issuer.isEqual(issuerCertificate.subject)) {
    throw new Error('the CRL was issued by another authority than the certificate issuer');
  }
  if (!(await parsed.verify({ issuerCertificate }, cryptoEngine))) {
    throw new Error("the CRL signature does not verify with the issuer's key");
  }
  const revoked = new Map<string, Date>();
  for (const entry of parsed.revokedCertificates ?? []) {
    revoked.set(serialHex(entry.userCertificate), entry.revocationDate.value);
  }
  return { thisUpdate: parsed.thisUpdate.value, nextUpdate: parsed.nextUpdate?.value, revoked };
}

/** When the list says `certificate` was revoked; undefined when it is not listed. */
export function crlRevocationTime(crl: VerifiedCrl, certificate: Uint8Array): Date | undefined {
  return crl.revoked.get(serialHex(Certificate.fromBER(certificate).serialNumber));
}
