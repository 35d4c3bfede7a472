/**
 * Reads a provider's signing credentials from a PKCS#12 (.p12/.pfx) file (RFC 7292): the private
 * key, its certificate (the one whose public key matches) and any further certificates as the
 * chain, all as PEM. The password-based MAC is checked. Bags encrypted with PBES2 (RFC 8018; the
 * OpenSSL 3 default) are supported; the legacy RC2/3DES PKCS#12 schemes are refused with advice.
 */
import { createPrivateKey, createPublicKey } from 'node:crypto';
import { derToPem } from '@pec/core';
import * as asn1js from 'asn1js';
import {
  CertBag,
  Certificate,
  CryptoEngine,
  EncryptedContentInfo,
  EncryptedData,
  PFX,
  PKCS8ShroudedKeyBag,
  PrivateKeyInfo,
  type SafeContents,
} from 'pkijs';

export interface Pkcs12Contents {
  /** The certificate of the private key, PEM. */
  readonly certificate: string;
  /** PKCS#8 PEM. */
  readonly privateKey: string;
  /** The other certificates of the file (intermediates), PEM, in file order. */
  readonly chain: readonly string[];
}

const engine = new CryptoEngine({ name: 'node-webcrypto', crypto: globalThis.crypto });
/** id-encryptedData (RFC 5652 §8): a SafeContents encrypted with the password. */
const encryptedDataOid = '1.2.840.113549.1.7.6';
/** pkcs-12PbeIds (RFC 7292 Appendix C): the legacy password-based encryption schemes. */
const legacyPbePrefix = '1.2.840.113549.1.12.1.';

class Pkcs12Error extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(`PKCS#12: ${message}`, options);
    this.name = 'Pkcs12Error';
  }
}

function explain(error: unknown): Error {
  const text = error instanceof Error ? error.message : String(error);
  if (text.includes('Integrity for the PKCS#12 data is broken')) {
    return new Pkcs12Error('wrong password, or the file is damaged', { cause: error });
  }
  if (text.includes(legacyPbePrefix)) {
    return new Pkcs12Error(
      'the file uses a legacy encryption (RC2/3DES) that is not supported; export it again with AES, e.g. ' +
        '`openssl pkcs12 -export -keypbe AES-256-CBC -certpbe AES-256-CBC -macalg sha256`',
      { cause: error },
    );
  }
  return new Pkcs12Error(text, { cause: error });
}

function spkiOfKey(pkcs8: Uint8Array): Buffer {
  const key = createPrivateKey({ key: Buffer.from(pkcs8), format: 'der', type: 'pkcs8' });
  return createPublicKey(key).export({ type: 'spki', format: 'der' });
}

export async function readPkcs12(bytes: Uint8Array, password: string): Promise<Pkcs12Contents> {
  const asn = asn1js.fromBER(Uint8Array.from(bytes));
  if (asn.offset === -1) throw new Pkcs12Error('not a DER-encoded PKCS#12 file');
  const encoded = new TextEncoder().encode(password);
  const passwordBuffer = new ArrayBuffer(encoded.length);
  new Uint8Array(passwordBuffer).set(encoded);
  const keys: Uint8Array[] = [];
  const certificates: Uint8Array[] = [];
  try {
    const pfx = new PFX({ schema: asn.result });
    await pfx.parseInternalValues({ password: passwordBuffer, checkIntegrity: true }, engine);
    const authenticatedSafe = pfx.parsedValue?.authenticatedSafe;
    if (authenticatedSafe === undefined) throw new Pkcs12Error('no authenticated safe');
    await authenticatedSafe.parseInternalValues(
      {
        safeContents: authenticatedSafe.safeContents.map((info) =>
          info.contentType === encryptedDataOid ? { password: passwordBuffer } : {},
        ),
      },
      engine,
    );
    const parsed = authenticatedSafe.parsedValue as { safeContents: { value: SafeContents }[] };
    for (const { value } of parsed.safeContents) {
      for (const bag of value.safeBags) {
        const bagValue = bag.bagValue;
        if (bagValue instanceof PKCS8ShroudedKeyBag) {
          const encrypted = new EncryptedData({
            encryptedContentInfo: new EncryptedContentInfo({
              contentEncryptionAlgorithm: bagValue.encryptionAlgorithm,
              encryptedContent: bagValue.encryptedData,
            }),
          });
          const decrypted = await encrypted.decrypt({ password: passwordBuffer }, engine);
          keys.push(new Uint8Array(PrivateKeyInfo.fromBER(decrypted).toSchema().toBER()));
        } else if (bagValue instanceof PrivateKeyInfo) {
          keys.push(new Uint8Array(bagValue.toSchema().toBER()));
        } else if (bagValue instanceof CertBag && bagValue.parsedValue instanceof Certificate) {
          certificates.push(new Uint8Array(bagValue.parsedValue.toSchema(true).toBER()));
        }
      }
    }
  } catch (error) {
    throw error instanceof Pkcs12Error ? error : explain(error);
  }

  const [key, ...extraKeys] = keys;
  if (key === undefined) throw new Pkcs12Error('the file holds no private key');
  if (extraKeys.length > 0)
    throw new Pkcs12Error('the file holds several private keys; export only the signing key');
  const spki = spkiOfKey(key);
  const leafIndex = certificates.findIndex((der) =>
    Buffer.from(Certificate.fromBER(der).subjectPublicKeyInfo.toSchema().toBER()).equals(spki),
  );
  const leaf = certificates[leafIndex];
  if (leaf === undefined) throw new Pkcs12Error('no certificate in the file matches its private key');
  return {
    certificate: derToPem(leaf, 'CERTIFICATE'),
    privateKey: derToPem(key, 'PRIVATE KEY'),
    chain: certificates.filter((_, i) => i !== leafIndex).map((der) => derToPem(der, 'CERTIFICATE')),
  };
}
