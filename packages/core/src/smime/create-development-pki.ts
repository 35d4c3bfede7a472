/**
 * A throw-away PKI for development, tests and `pec init`: a self-signed CA clearly marked as not for
 * production, a PEC signing certificate with the pec-spec §8.1 profile (SAN rfc822Name, critical
 * keyUsage, AKI/SKI, emailProtection, NO basicConstraints) and a TLS server certificate (pec-spec §8.6).
 * Real PEC signing certificates come from AgID CA1 (pec-spec §8.2); these never do.
 */
import { createHash } from 'node:crypto';
import type { webcrypto } from 'node:crypto';
import * as asn1js from 'asn1js';
import {
  AltName,
  AttributeTypeAndValue,
  AuthorityKeyIdentifier,
  BasicConstraints,
  Certificate,
  ExtKeyUsage,
  Extension,
  GeneralName,
  RelativeDistinguishedNames,
  Time,
  TimeType,
} from 'pkijs';
import { serviceLocalPart } from '../pec/vocabulary.ts';
import { cryptoEngine } from './crypto-engine.ts';
import { derToPem } from './pem.ts';

export interface DevelopmentPki {
  readonly caCertificate: string;
  readonly caPrivateKey: string;
  readonly signingCertificate: string;
  readonly signingPrivateKey: string;
  readonly tlsCertificate: string;
  readonly tlsPrivateKey: string;
}

export interface DevelopmentPkiOptions {
  /** The provider's PEC domain: the signing certificate's address is `posta-certificata@<domain>`. */
  readonly domain: string;
  readonly providerName: string;
  /** DNS names for the TLS certificate; `localhost` and 127.0.0.1 are always added. */
  readonly hostnames?: readonly string[];
  readonly now: Date;
  /** Validity of the signing and TLS certificates; the CA lasts one day longer. Default 365. */
  readonly validityDays?: number;
}

type KeyPair = webcrypto.CryptoKeyPair;

const rsaAlgorithm = {
  name: 'RSASSA-PKCS1-v1_5',
  modulusLength: 2048,
  publicExponent: new Uint8Array([1, 0, 1]),
  hash: 'SHA-256',
};
const day = 24 * 60 * 60 * 1000;
/** Certificates start one hour before `now` so that small clock differences do not matter. */
const backdate = 60 * 60 * 1000;

const oids = {
  country: '2.5.4.6',
  organization: '2.5.4.10',
  commonName: '2.5.4.3',
  basicConstraints: '2.5.29.19',
  keyUsage: '2.5.29.15',
  extKeyUsage: '2.5.29.37',
  subjectAltName: '2.5.29.17',
  subjectKeyId: '2.5.29.14',
  authorityKeyId: '2.5.29.35',
  emailProtection: '1.3.6.1.5.5.7.3.4',
  serverAuth: '1.3.6.1.5.5.7.3.1',
  clientAuth: '1.3.6.1.5.5.7.3.2',
} as const;

/** keyUsage bits (RFC 5280 §4.2.1.3), numbered from the most significant bit. */
const keyUsageBits = {
  digitalSignature: 0,
  nonRepudiation: 1,
  keyEncipherment: 2,
  keyCertSign: 5,
  cRLSign: 6,
};

function keyUsage(bits: readonly number[]): asn1js.BitString {
  let value = 0;
  for (const bit of bits) value |= 0x80 >> bit;
  // DER drops trailing zero bits of a named bit list (X.690 §11.2.2).
  let unusedBits = 0;
  while (unusedBits < 7 && (value & (1 << unusedBits)) === 0) unusedBits++;
  return new asn1js.BitString({ valueHex: new Uint8Array([value]).buffer, unusedBits });
}

function name(parts: readonly [string, string][]): RelativeDistinguishedNames {
  // One attribute per RDN. pkijs would put every attribute of a fresh name into one multi-valued RDN,
  // so the DER is built here and parsed back (pkijs then re-emits those exact bytes).
  const sequence = new asn1js.Sequence({
    value: parts.map(
      ([type, value]) =>
        new asn1js.Set({
          value: [
            new AttributeTypeAndValue({
              type,
              value:
                type === oids.country
                  ? new asn1js.PrintableString({ value })
                  : new asn1js.Utf8String({ value }),
            }).toSchema(),
          ],
        }),
    ),
  });
  return RelativeDistinguishedNames.fromBER(sequence.toBER());
}

function extension(extnID: string, critical: boolean, value: { toBER(): ArrayBuffer }): Extension {
  return new Extension({ extnID, critical, extnValue: value.toBER() });
}

function time(date: Date): Time {
  // RFC 5280 §4.1.2.5: UTCTime through 2049, GeneralizedTime from 2050.
  return new Time({
    type: date.getUTCFullYear() < 2050 ? TimeType.UTCTime : TimeType.GeneralizedTime,
    value: date,
  });
}

function randomSerial(): asn1js.Integer {
  const bytes = globalThis.crypto.getRandomValues(new Uint8Array(16));
  // Positive and 16 significant bytes (RFC 5280 §4.1.2.2 allows up to 20).
  bytes[0] = ((bytes[0] ?? 0) & 0x7f) | 0x40;
  return new asn1js.Integer({ valueHex: bytes.buffer });
}

async function generateKeys(): Promise<KeyPair> {
  return globalThis.crypto.subtle.generateKey(rsaAlgorithm, true, ['sign', 'verify']);
}

async function privateKeyPem(key: webcrypto.CryptoKey): Promise<string> {
  const pkcs8 = await globalThis.crypto.subtle.exportKey('pkcs8', key);
  return derToPem(new Uint8Array(pkcs8), 'PRIVATE KEY');
}

interface IssueInput {
  subject: RelativeDistinguishedNames;
  keys: KeyPair;
  /** Issuer; absent for the self-signed CA. */
  ca?: { certificate: Certificate; keys: KeyPair; keyId: Uint8Array };
  notBefore: Date;
  notAfter: Date;
  extensions: Extension[];
}

/** Returns the certificate and its key identifier (SHA-1 of the public key, RFC 5280 §4.2.1.2 (1)). */
async function issue(input: IssueInput): Promise<{ certificate: Certificate; keyId: Uint8Array }> {
  const certificate = new Certificate();
  certificate.version = 2;
  certificate.serialNumber = randomSerial();
  certificate.subject = input.subject;
  certificate.issuer = input.ca?.certificate.subject ?? input.subject;
  certificate.notBefore = time(input.notBefore);
  certificate.notAfter = time(input.notAfter);
  await certificate.subjectPublicKeyInfo.importKey(input.keys.publicKey, cryptoEngine);
  const keyId = new Uint8Array(
    createHash('sha1')
      .update(certificate.subjectPublicKeyInfo.subjectPublicKey.valueBlock.valueHexView)
      .digest(),
  );
  const authorityKeyId = input.ca?.keyId ?? keyId;
  certificate.extensions = [
    ...input.extensions,
    extension(oids.subjectKeyId, false, new asn1js.OctetString({ valueHex: keyId.buffer })),
    extension(
      oids.authorityKeyId,
      false,
      new AuthorityKeyIdentifier({
        keyIdentifier: new asn1js.OctetString({ valueHex: authorityKeyId.buffer }),
      }).toSchema(),
    ),
  ];
  await certificate.sign((input.ca?.keys ?? input.keys).privateKey, 'SHA-256', cryptoEngine);
  return { certificate, keyId };
}

function certificatePem(certificate: Certificate): string {
  return derToPem(new Uint8Array(certificate.toSchema(true).toBER()), 'CERTIFICATE');
}

export async function createDevelopmentPki(options: DevelopmentPkiOptions): Promise<DevelopmentPki> {
  const validityDays = options.validityDays ?? 365;
  const notBefore = new Date(options.now.getTime() - backdate);
  const notAfter = new Date(options.now.getTime() + validityDays * day);
  const [caKeys, signingKeys, tlsKeys] = await Promise.all([generateKeys(), generateKeys(), generateKeys()]);

  const ca = await issue({
    subject: name([
      [oids.country, 'IT'],
      [oids.organization, options.providerName],
      [oids.commonName, `${options.providerName} DEVELOPMENT CA - NOT FOR PRODUCTION`],
    ]),
    keys: caKeys,
    notBefore,
    notAfter: new Date(notAfter.getTime() + day),
    extensions: [
      extension(
        oids.basicConstraints,
        true,
        new BasicConstraints({ cA: true, pathLenConstraint: 0 }).toSchema(),
      ),
      extension(oids.keyUsage, true, keyUsage([keyUsageBits.keyCertSign, keyUsageBits.cRLSign])),
    ],
  });
  const issuer = { certificate: ca.certificate, keys: caKeys, keyId: ca.keyId };

  // pec-spec §8.1: providerName in O and CN, the address in SAN only, no basicConstraints.
  const signing = await issue({
    subject: name([
      [oids.country, 'IT'],
      [oids.organization, options.providerName],
      [oids.commonName, `Posta Certificata ${options.providerName} (DEVELOPMENT)`],
    ]),
    keys: signingKeys,
    ca: issuer,
    notBefore,
    notAfter,
    extensions: [
      extension(oids.keyUsage, true, keyUsage([keyUsageBits.digitalSignature, keyUsageBits.nonRepudiation])),
      extension(oids.extKeyUsage, false, new ExtKeyUsage({ keyPurposes: [oids.emailProtection] }).toSchema()),
      extension(
        oids.subjectAltName,
        false,
        new AltName({
          altNames: [new GeneralName({ type: 1, value: `${serviceLocalPart}@${options.domain}` })],
        }).toSchema(),
      ),
    ],
  });

  const hostnames = [...new Set([...(options.hostnames ?? []), 'localhost'])];
  const tls = await issue({
    subject: name([
      [oids.organization, options.providerName],
      [oids.commonName, hostnames[0] ?? 'localhost'],
    ]),
    keys: tlsKeys,
    ca: issuer,
    notBefore,
    notAfter,
    extensions: [
      extension(oids.keyUsage, true, keyUsage([keyUsageBits.digitalSignature, keyUsageBits.keyEncipherment])),
      extension(
        oids.extKeyUsage,
        false,
        new ExtKeyUsage({ keyPurposes: [oids.serverAuth, oids.clientAuth] }).toSchema(),
      ),
      extension(
        oids.subjectAltName,
        false,
        new AltName({
          altNames: [
            ...hostnames.map((value) => new GeneralName({ type: 2, value })),
            new GeneralName({
              type: 7,
              value: new asn1js.OctetString({ valueHex: new Uint8Array([127, 0, 0, 1]).buffer }),
            }),
          ],
        }).toSchema(),
      ),
    ],
  });

  return {
    caCertificate: certificatePem(ca.certificate),
    caPrivateKey: await privateKeyPem(caKeys.privateKey),
    signingCertificate: certificatePem(signing.certificate),
    signingPrivateKey: await privateKeyPem(signingKeys.privateKey),
    tlsCertificate: certificatePem(tls.certificate),
    tlsPrivateKey: await privateKeyPem(tlsKeys.privateKey),
  };
}
