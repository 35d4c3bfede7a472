/**
 * What verification needs from a certificate — its public key and its description — computed once per
 * certificate: a provider signs every message with the same one, so parsing it again for each message
 * (the costly part with asn1js) buys nothing. Keyed by the SHA-256 of the exact bytes (not SHA-1:
 * colliding certificates can be made); bounded.
 */
import { createHash, createPublicKey } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { Certificate } from 'pkijs';
import { describeCertificate, type CertificateInfo } from './certificate-info.ts';
import { derBytes, derChildren, derTags, readDer } from './der.ts';

interface Entry {
  key?: KeyObject;
  info?: CertificateInfo;
}

const limit = 512;
const entries = new Map<string, Entry>();

function entryOf(der: Uint8Array): Entry {
  const id = createHash('sha256').update(der).digest('base64');
  let entry = entries.get(id);
  if (entry === undefined) {
    if (entries.size >= limit) entries.clear();
    entry = {};
    entries.set(id, entry);
  }
  return entry;
}

/**
 * SubjectPublicKeyInfo of a certificate (RFC 5280 §4.1: the seventh TBSCertificate field), read
 * leanly, or through pkijs when the encoding is not plain DER.
 */
function subjectPublicKeyInfo(der: Uint8Array): Uint8Array {
  try {
    return leanSubjectPublicKeyInfo(der);
  } catch {
    return new Uint8Array(Certificate.fromBER(der).subjectPublicKeyInfo.toSchema().toBER());
  }
}

function leanSubjectPublicKeyInfo(der: Uint8Array): Uint8Array {
  const tbs = derChildren(der, readDer(der, 0))[0];
  if (tbs === undefined) throw new Error('the certificate has no TBSCertificate');
  const fields = derChildren(der, tbs);
  const spki = (fields[0]?.tag === derTags.context0 ? fields.slice(1) : fields)[5];
  if (spki === undefined) throw new Error('the certificate has no subjectPublicKeyInfo');
  return derBytes(der, spki);
}

/** The certificate's public key. Throws when the certificate cannot be read. */
export function certificatePublicKey(der: Uint8Array): KeyObject {
  const entry = entryOf(der);
  entry.key ??= createPublicKey({ key: Buffer.from(subjectPublicKeyInfo(der)), format: 'der', type: 'spki' });
  return entry.key;
}

/** `describeCertificate`, once per certificate. Throws when the certificate cannot be read. */
export function describeCertificateOnce(der: Uint8Array): CertificateInfo {
  const entry = entryOf(der);
  entry.info ??= describeCertificate(der);
  return entry.info;
}
