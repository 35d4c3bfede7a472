/**
 * The software Signer (pec-spec §8.1): detached CMS SignedData (RFC 5652) with RSA PKCS#1 v1.5, the
 * signed attributes real PEC traffic carries (contentType id-data, signingTime, messageDigest;
 * pec-spec §8.2) and the signer certificate plus chain. SHA-1 and SHA-256 both work (pec-spec §8.3).
 */
import { createHash, createPrivateKey, createPublicKey } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import * as asn1js from 'asn1js';
import {
  AlgorithmIdentifier,
  Attribute,
  Certificate,
  ContentInfo,
  EncapsulatedContentInfo,
  IssuerAndSerialNumber,
  SignedAndUnsignedAttributes,
  SignedData,
  SignerInfo,
} from 'pkijs';
import { cryptoEngine } from './crypto-engine.ts';
import { digestAlgorithmByName } from './digest-algorithms.ts';
import { cmsOids } from './cms-oids.ts';
import { pemBlocksToDer, toDer } from './pem.ts';
import type { DigestAlgorithm, Signer } from './signer.ts';

export interface PkijsSignerOptions {
  /** Signer certificate, DER or PEM. */
  readonly certificate: Uint8Array | string;
  /** Private key, PKCS#8 DER or PEM (PKCS#1 `RSA PRIVATE KEY` PEM is accepted too). */
  readonly privateKey: Uint8Array | string;
  /** Intermediate certificates to include, DER or PEM (a PEM string may hold several). */
  readonly chain?: readonly (Uint8Array | string)[];
  readonly digestAlgorithm?: DigestAlgorithm;
}

function certificatesFrom(input: Uint8Array | string): Uint8Array[] {
  return typeof input === 'string' ? pemBlocksToDer(input, 'CERTIFICATE') : [toDer(input, 'CERTIFICATE')];
}

function privateKeyObject(input: Uint8Array | string): KeyObject {
  if (typeof input === 'string') return createPrivateKey(input);
  if (input[0] === 0x30) return createPrivateKey({ key: Buffer.from(input), format: 'der', type: 'pkcs8' });
  return createPrivateKey(Buffer.from(input).toString('latin1'));
}

/** CMS Time (RFC 5652 §11.3): UTCTime for 1950–2049, GeneralizedTime otherwise. */
function cmsTime(date: Date): asn1js.UTCTime | asn1js.GeneralizedTime {
  const year = date.getUTCFullYear();
  return year >= 1950 && year < 2050
    ? new asn1js.UTCTime({ valueDate: date })
    : new asn1js.GeneralizedTime({ valueDate: date });
}

export async function createPkijsSigner(options: PkijsSignerOptions): Promise<Signer> {
  const digestAlgorithm = options.digestAlgorithm ?? 'sha256';
  const digest = digestAlgorithmByName(digestAlgorithm);
  const [signerDer] = certificatesFrom(options.certificate);
  if (signerDer === undefined) throw new Error('no signer certificate given');
  const certificate = Certificate.fromBER(signerDer);
  const chain = (options.chain ?? []).flatMap(certificatesFrom).map((der) => Certificate.fromBER(der));

  const keyObject = privateKeyObject(options.privateKey);
  if (keyObject.asymmetricKeyType !== 'rsa') throw new Error('the PEC signing key must be an RSA key');
  const certificateSpki = Buffer.from(certificate.subjectPublicKeyInfo.toSchema().toBER());
  const keySpki = createPublicKey(keyObject).export({ type: 'spki', format: 'der' });
  if (!certificateSpki.equals(keySpki)) throw new Error('the private key does not match the certificate');
  const privateKey = await globalThis.crypto.subtle.importKey(
    'pkcs8',
    keyObject.export({ type: 'pkcs8', format: 'der' }),
    { name: 'RSASSA-PKCS1-v1_5', hash: digest.webCryptoName },
    false,
    ['sign'],
  );

  return {
    digestAlgorithm,
    async sign(content: Uint8Array, signingTime: Date): Promise<Uint8Array> {
      const messageDigest = createHash(digest.name).update(content).digest();
      const signedData = new SignedData({
        version: 1,
        encapContentInfo: new EncapsulatedContentInfo({ eContentType: cmsOids.data }),
        signerInfos: [
          new SignerInfo({
            version: 1,
            sid: new IssuerAndSerialNumber({
              issuer: certificate.issuer,
              serialNumber: certificate.serialNumber,
            }),
            // Already in DER SET OF order (by encoded length): contentType, signingTime, messageDigest.
            signedAttrs: new SignedAndUnsignedAttributes({
              type: 0,
              attributes: [
                new Attribute({
                  type: cmsOids.contentTypeAttribute,
                  values: [new asn1js.ObjectIdentifier({ value: cmsOids.data })],
                }),
                new Attribute({ type: cmsOids.signingTimeAttribute, values: [cmsTime(signingTime)] }),
                new Attribute({
                  type: cmsOids.messageDigestAttribute,
                  values: [new asn1js.OctetString({ valueHex: new Uint8Array(messageDigest).buffer })],
                }),
              ],
            }),
          }),
        ],
        certificates: [certificate, ...chain],
      });
      await signedData.sign(privateKey, 0, digest.webCryptoName, undefined, cryptoEngine);
      const signerInfo = signedData.signerInfos[0];
      if (signerInfo !== undefined) {
        // rsaEncryption, as every real PEC signature has it (pec-spec §8.2; RFC 3370 §3.2).
        signerInfo.signatureAlgorithm = new AlgorithmIdentifier({
          algorithmId: cmsOids.rsaEncryption,
          algorithmParams: new asn1js.Null(),
        });
      }
      const contentInfo = new ContentInfo({
        contentType: cmsOids.signedData,
        content: signedData.toSchema(true),
      });
      return new Uint8Array(contentInfo.toSchema().toBER());
    },
  };
}
