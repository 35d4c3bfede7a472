/**
 * The software Signer (pec-spec §8.1): detached CMS SignedData (RFC 5652) with RSA PKCS#1 v1.5, the
 * signed attributes real PEC traffic carries (contentType id-data, signingTime, messageDigest;
 * pec-spec §8.2) and the signer certificate plus chain. SHA-1 and SHA-256 both work (pec-spec §8.3).
 *
 * Everything but the signed attributes is fixed per key, so it is encoded once, as DER, when the
 * signer is made; each signature then costs one digest of the content and one `crypto.sign` over the
 * DER of the signed attributes (RFC 5652 §5.4), which node:crypto runs on the libuv thread pool so the
 * event loop keeps serving and every core signs. RSA PKCS#1 v1.5 is deterministic: the bytes are those
 * the pkijs encoder produced (a test pins it).
 */
import { X509Certificate, createHash, createPrivateKey, sign as signAsync } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { cmsOids } from './cms-oids.ts';
import { derBytes, derChildren, derEncode, derOid, derTags, derTime, readDer } from './der.ts';
import { digestAlgorithmByName } from './digest-algorithms.ts';
import { pemBlocksToDer, toDer } from './pem.ts';
import type { DigestAlgorithm, Signer } from './signer.ts';

export interface SoftwareSignerOptions {
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

/** IssuerAndSerialNumber (RFC 5652 §10.2.4) from the certificate's own bytes: issuer Name, serial. */
export function issuerAndSerialNumber(certificate: Uint8Array): Uint8Array {
  const tbs = derChildren(certificate, readDer(certificate, 0))[0];
  if (tbs === undefined) throw new Error('the certificate has no TBSCertificate');
  const fields = derChildren(certificate, tbs);
  // TBSCertificate: [0] version (optional), serialNumber, signature, issuer, ... (RFC 5280 §4.1).
  const [serial, , issuer] = fields[0]?.tag === derTags.context0 ? fields.slice(1) : fields;
  if (serial === undefined || issuer === undefined) throw new Error('the certificate is truncated');
  return derEncode(derTags.sequence, derBytes(certificate, issuer), derBytes(certificate, serial));
}

const nullParams = new Uint8Array([derTags.null, 0]);

function algorithmIdentifier(oid: string): Uint8Array {
  return derEncode(derTags.sequence, derOid(oid), nullParams);
}

function signAttributes(hash: string, attributes: Uint8Array, key: KeyObject): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    signAsync(hash, attributes, key, (error, signature) => {
      if (error === null) resolve(new Uint8Array(signature.buffer, signature.byteOffset, signature.length));
      else reject(error);
    });
  });
}

function softwareSigner(options: SoftwareSignerOptions): Signer {
  const digestAlgorithm = options.digestAlgorithm ?? 'sha256';
  const digest = digestAlgorithmByName(digestAlgorithm);
  const [signerDer] = certificatesFrom(options.certificate);
  if (signerDer === undefined) throw new Error('no signer certificate given');
  const chain = (options.chain ?? []).flatMap(certificatesFrom);
  const key = privateKeyObject(options.privateKey);
  if (key.asymmetricKeyType !== 'rsa') throw new Error('the PEC signing key must be an RSA key');
  if (!new X509Certificate(signerDer).checkPrivateKey(key)) {
    throw new Error('the private key does not match the certificate');
  }

  // Fixed parts, encoded once (RFC 5652 §5.1, §5.3).
  const digestAlgorithmId = algorithmIdentifier(digest.oid);
  const signedDataHead = [
    derEncode(derTags.integer, new Uint8Array([1])),
    derEncode(derTags.set, digestAlgorithmId),
    derEncode(derTags.sequence, derOid(cmsOids.data)),
    derEncode(derTags.context0, signerDer, ...chain),
  ];
  const signerInfoHead = [
    derEncode(derTags.integer, new Uint8Array([1])),
    issuerAndSerialNumber(signerDer),
    digestAlgorithmId,
  ];
  const contentTypeAttribute = derEncode(
    derTags.sequence,
    derOid(cmsOids.contentTypeAttribute),
    derEncode(derTags.set, derOid(cmsOids.data)),
  );
  const signingTimeOid = derOid(cmsOids.signingTimeAttribute);
  const messageDigestOid = derOid(cmsOids.messageDigestAttribute);
  // rsaEncryption, as every real PEC signature has it (pec-spec §8.2; RFC 3370 §3.2).
  const signatureAlgorithmId = algorithmIdentifier(cmsOids.rsaEncryption);
  const signedDataOid = derOid(cmsOids.signedData);

  return {
    digestAlgorithm,
    async sign(content: Uint8Array, signingTime: Date): Promise<Uint8Array> {
      const messageDigest = createHash(digest.name).update(content).digest();
      // Already in DER SET OF order (by encoded length): contentType, signingTime, messageDigest.
      const attributes = [
        contentTypeAttribute,
        derEncode(derTags.sequence, signingTimeOid, derEncode(derTags.set, derTime(signingTime))),
        derEncode(
          derTags.sequence,
          messageDigestOid,
          derEncode(derTags.set, derEncode(derTags.octetString, messageDigest)),
        ),
      ];
      // The signature covers the attributes encoded as a SET OF; the SignerInfo carries them [0] IMPLICIT.
      const signed = derEncode(derTags.set, ...attributes);
      const signature = await signAttributes(digest.name, signed, key);
      const signerInfo = derEncode(
        derTags.sequence,
        ...signerInfoHead,
        derEncode(derTags.context0, ...attributes),
        signatureAlgorithmId,
        derEncode(derTags.octetString, signature),
      );
      const signedData = derEncode(derTags.sequence, ...signedDataHead, derEncode(derTags.set, signerInfo));
      return derEncode(derTags.sequence, signedDataOid, derEncode(derTags.context0, signedData));
    },
  };
}

/** Async for the Signer port's sake (an HSM signer opens a session); rejects on unusable material. */
export function createSoftwareSigner(options: SoftwareSignerOptions): Promise<Signer> {
  try {
    return Promise.resolve(softwareSigner(options));
  } catch (error) {
    return Promise.reject(error instanceof Error ? error : new Error(String(error)));
  }
}
