/**
 * Reads an opaque signed message (`application/pkcs7-mime; smime-type=signed-data`, RFC 5751
 * §3.4.2): the CMS blob and the MIME entity encapsulated in it. PEC providers emit multipart/signed
 * (pec-spec §8.1); this exists so that such a message from a non-PEC sender can still be checked.
 */
import { parseContentType } from '../mail/content-type.ts';
import { getHeader, parseHeaderBlock } from '../mail/header-block.ts';
import { smimeTypes } from '../pec/vocabulary.ts';
import { parseSignedData } from './verify-cms-signature.ts';

export interface OpaqueSignedContent {
  /** The DER (or BER) ContentInfo. */
  readonly signature: Uint8Array;
  /** The encapsulated entity, or undefined when the CMS holds none or cannot be read. */
  readonly content: Uint8Array | undefined;
  readonly problems: string[];
}

const opaqueTypes: readonly string[] = [smimeTypes.enveloped, smimeTypes.legacyEnveloped];

/** Undefined unless the top-level type is application/(x-)pkcs7-mime with signed-data (or no smime-type). */
export function extractOpaqueSignedContent(message: Uint8Array): OpaqueSignedContent | undefined {
  const header = parseHeaderBlock(message);
  const contentType = parseContentType(getHeader(header, 'Content-Type'));
  if (!opaqueTypes.includes(contentType.value)) return undefined;
  const smimeType = contentType.params.get('smime-type')?.toLowerCase();
  if (smimeType !== undefined && smimeType !== 'signed-data') return undefined;
  const problems: string[] = [];
  const body = message.subarray(header.bodyStart);
  const encoding = (getHeader(header, 'Content-Transfer-Encoding') ?? '').trim().toLowerCase();
  const signature =
    encoding === 'base64' || (encoding !== 'binary' && body[0] !== 0x30)
      ? new Uint8Array(Buffer.from(Buffer.from(body).toString('latin1').replace(/\s+/g, ''), 'base64'))
      : new Uint8Array(body);
  let content: Uint8Array | undefined;
  try {
    content = parseSignedData(signature).eContent;
    if (content === undefined) problems.push('the SignedData encapsulates no content');
  } catch (error) {
    problems.push(`unreadable signature: ${error instanceof Error ? error.message : String(error)}`);
  }
  return { signature, content, problems };
}
