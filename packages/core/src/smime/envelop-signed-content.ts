/**
 * A `.p7m` (CMS SignedData with the content inside, RFC 5652 §5.2) from a detached signature made by
 * the Signer port: the signature covers the signed attributes, whose messageDigest already binds the
 * content, so putting the content into encapContentInfo leaves the signature valid. This is the
 * enveloping form Italian signature tools (DiKe, ArubaSign, GoSign) and `openssl smime -verify
 * -inform DER` open; the signer keeps producing detached signatures only (one code path, an HSM later).
 */
import * as asn1js from 'asn1js';
import { ContentInfo, SignedData } from 'pkijs';
import { cmsOids } from './cms-oids.ts';

export function envelopSignedContent(detachedSignature: Uint8Array, content: Uint8Array): Uint8Array {
  const info = ContentInfo.fromBER(detachedSignature);
  if (info.contentType !== cmsOids.signedData) throw new Error('not a CMS SignedData');
  const signedData = new SignedData({ schema: info.content });
  if (signedData.encapContentInfo.eContent !== undefined)
    throw new Error('the signature already holds content');
  signedData.encapContentInfo.eContent = new asn1js.OctetString({ valueHex: content });
  const wrapped = new ContentInfo({ contentType: cmsOids.signedData, content: signedData.toSchema(true) });
  return new Uint8Array(wrapped.toSchema().toBER());
}
