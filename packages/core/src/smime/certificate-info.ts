/**
 * A plain description of an X.509 certificate for reports, logs and the provider index: names,
 * e-mail address (pec-spec §8.1: SAN rfc822Name, the address that must equal `From:`), SHA-1
 * thumbprint (the `providerCertificateHash` key, pec-spec §7.2) and validity period.
 */
import { createHash } from 'node:crypto';
import { AltName, Certificate } from 'pkijs';
import type { RelativeDistinguishedNames } from 'pkijs';

export interface CertificateInfo {
  /** RFC 4514-style, in encoding order, e.g. `C=IT, O=Example S.p.A., CN=Posta Certificata`. */
  readonly subject: string;
  readonly issuer: string;
  /** SAN rfc822Name, else the subject's emailAddress (E=) attribute. */
  readonly email: string | undefined;
  /** Lower-case hex SHA-1 of the DER certificate. */
  readonly sha1: string;
  /** Lower-case hex serial number, without sign padding. */
  readonly serialNumber: string;
  readonly notBefore: Date;
  readonly notAfter: Date;
}

const emailAddressOid = '1.2.840.113549.1.9.1';
const subjectAltNameOid = '2.5.29.17';
const shortNames: ReadonlyMap<string, string> = new Map([
  ['2.5.4.3', 'CN'],
  ['2.5.4.4', 'SN'],
  ['2.5.4.5', 'serialNumber'],
  ['2.5.4.6', 'C'],
  ['2.5.4.7', 'L'],
  ['2.5.4.8', 'ST'],
  ['2.5.4.9', 'street'],
  ['2.5.4.10', 'O'],
  ['2.5.4.11', 'OU'],
  ['2.5.4.12', 'title'],
  ['2.5.4.42', 'GN'],
  ['2.5.4.97', 'organizationIdentifier'],
  ['0.9.2342.19200300.100.1.25', 'DC'],
  [emailAddressOid, 'E'],
]);

/** Lower-case hex SHA-1 of DER bytes: the certificate thumbprint of pec-spec §7.2. */
export function certificateSha1(der: Uint8Array): string {
  return createHash('sha1').update(der).digest('hex');
}

function attributeText(value: unknown): string {
  const block = (value as { valueBlock?: { value?: unknown; valueHexView?: Uint8Array } }).valueBlock;
  if (typeof block?.value === 'string') return block.value;
  return `#${Buffer.from(block?.valueHexView ?? new Uint8Array()).toString('hex')}`;
}

/** Formats a distinguished name as `TYPE=value` pairs in encoding order, RFC 4514 escaping. */
export function formatDistinguishedName(name: RelativeDistinguishedNames): string {
  return name.typesAndValues
    .map((pair) => {
      const type = shortNames.get(pair.type) ?? pair.type;
      const text = attributeText(pair.value).replace(/([,+"\\<>;])/g, '\\$1');
      return `${type}=${text}`;
    })
    .join(', ');
}

function serialHex(bytes: Uint8Array): string {
  let start = 0;
  while (start < bytes.length - 1 && bytes[start] === 0) start++;
  return Buffer.from(bytes.subarray(start)).toString('hex');
}

/** The certificate's e-mail address: SAN rfc822Name first, subject E= as a fallback. */
export function certificateEmail(certificate: Certificate): string | undefined {
  const san = certificate.extensions?.find((extension) => extension.extnID === subjectAltNameOid);
  if (san?.parsedValue instanceof AltName) {
    const email = san.parsedValue.altNames.find((name) => name.type === 1);
    if (typeof email?.value === 'string') return email.value;
  }
  const fromSubject = certificate.subject.typesAndValues.find((pair) => pair.type === emailAddressOid);
  return fromSubject === undefined ? undefined : attributeText(fromSubject.value);
}

/** Describes a parsed certificate; `der` must be its encoding (used for the thumbprint). */
export function describeParsedCertificate(certificate: Certificate, der: Uint8Array): CertificateInfo {
  return {
    subject: formatDistinguishedName(certificate.subject),
    issuer: formatDistinguishedName(certificate.issuer),
    email: certificateEmail(certificate),
    sha1: certificateSha1(der),
    serialNumber: serialHex(certificate.serialNumber.valueBlock.valueHexView),
    notBefore: certificate.notBefore.value,
    notAfter: certificate.notAfter.value,
  };
}

/** Throws when `der` is not a parseable certificate. */
export function describeCertificate(der: Uint8Array): CertificateInfo {
  return describeParsedCertificate(Certificate.fromBER(der), der);
}
