/**
 * The signed LDIF a provider publishes and the index distributes (pec-spec §7.3): UTF-8 LDIF
 * encapsulated in a CMS SignedData, binary DER `.p7m`, signed with the PEC key. `openSignedLdif`
 * accepts DER, base64 or PEM input and refuses content whose signature (or, with trust anchors,
 * chain) does not verify.
 */
import * as asn1js from 'asn1js';
import { ContentInfo, EncapsulatedContentInfo, SignedData } from 'pkijs';
import { cmsOids } from '../../smime/cms-oids.ts';
import { pemToDer } from '../../smime/pem.ts';
import type { SignatureReport } from '../../smime/signature-report.ts';
import type { Signer } from '../../smime/signer.ts';
import { verifyCmsSignature } from '../../smime/verify-cms-signature.ts';

export interface OpenSignedLdifOptions {
  /** DER trust anchors; when given, the signer's chain must reach one of them. */
  readonly trustAnchors?: readonly Uint8Array[];
  /** Evaluation time when the signature carries no signingTime. */
  readonly at?: Date;
}

/**
 * Signs `ldif` (as UTF-8) and returns a DER ContentInfo with the LDIF encapsulated. Uses the detached
 * Signer port: messageDigest and the signed attributes do not depend on where the content sits.
 */
export async function signLdif(ldif: string, signer: Signer, signingTime: Date): Promise<Uint8Array> {
  const content = new TextEncoder().encode(ldif);
  const detached = await signer.sign(content, signingTime);
  const contentInfo = new ContentInfo({ schema: asn1js.fromBER(detached).result });
  const signedData = new SignedData({ schema: contentInfo.content });
  signedData.encapContentInfo = new EncapsulatedContentInfo({
    eContentType: cmsOids.data,
    eContent: new asn1js.OctetString({ valueHex: content.slice().buffer }),
  });
  const wrapped = new ContentInfo({ contentType: cmsOids.signedData, content: signedData.toSchema(true) });
  return new Uint8Array(wrapped.toSchema().toBER());
}

function toCmsBytes(input: Uint8Array | string): Uint8Array {
  if (typeof input !== 'string' && input[0] === 0x30) return input;
  const text = typeof input === 'string' ? input : Buffer.from(input).toString('latin1');
  if (text.includes('-----BEGIN')) return pemToDer(text);
  return new Uint8Array(Buffer.from(text.replace(/\s+/g, ''), 'base64'));
}

/** Throws when the input is unreadable, holds no LDIF, or does not verify. */
export async function openSignedLdif(
  p7m: Uint8Array | string,
  options: OpenSignedLdifOptions = {},
): Promise<{ ldif: string; report: SignatureReport }> {
  const { report, content } = await verifyCmsSignature(toCmsBytes(p7m), undefined, options);
  if (!report.valid || content === undefined) {
    throw new Error(`signed LDIF rejected: ${report.errors.join('; ') || 'no content'}`);
  }
  if (options.trustAnchors !== undefined && report.chainValid !== true) {
    throw new Error(`signed LDIF rejected: ${report.errors.join('; ') || 'untrusted signer'}`);
  }
  const ldif = new TextDecoder('utf-8').decode(content).replace(/^\uFEFF/, '');
  return { ldif, report };
}
