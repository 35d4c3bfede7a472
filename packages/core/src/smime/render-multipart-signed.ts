/**
 * Renders a signed message in the RFC 5751 §3.4.3 multipart/signed form PEC uses (pec-spec §3.0,
 * §8.1): outer header fields, the signed entity byte-for-byte as the first part, and the detached
 * signature as `smime.p7s`. CRLF everywhere; the signed bytes are never re-serialised (pec-spec §12.2).
 */
import { pecFileNames, smimeTypes } from '../pec/vocabulary.ts';
import { digestAlgorithmByName } from './digest-algorithms.ts';
import type { DigestAlgorithm } from './signer.ts';

export interface MultipartSignedInput {
  /** Outer header fields, each ending in CRLF, without MIME-Version and Content-Type. */
  readonly headerLines: string;
  /** Exact bytes of the signed entity, its own header fields included. */
  readonly content: Uint8Array;
  /** DER detached CMS SignedData over `content`. */
  readonly signature: Uint8Array;
  readonly digestAlgorithm: DigestAlgorithm;
  readonly boundary: string;
}

const crlf = '\r\n';
const preamble = 'This is an S/MIME signed message';
/** RFC 2046 §5.1.1 boundary: 1–70 bchars, not ending in a space. */
const boundaryPattern = /^[0-9A-Za-z'()+_,\-./:=? ]{0,69}[0-9A-Za-z'()+_,\-./:=?]$/;

/** Base64 in lines of 76 characters (RFC 2045 §6.8), each ending in CRLF. */
function base64Lines(bytes: Uint8Array): string {
  const text = Buffer.from(bytes).toString('base64');
  let out = '';
  for (let i = 0; i < text.length; i += 76) out += text.slice(i, i + 76) + crlf;
  return out;
}

function assertRenderable(input: MultipartSignedInput): void {
  if (!boundaryPattern.test(input.boundary)) throw new Error('invalid MIME boundary');
  if (input.headerLines.length > 0 && !input.headerLines.endsWith(crlf)) {
    throw new Error('headerLines must end with CRLF');
  }
  if (/(^|\n)(mime-version|content-type)[ \t]*:/i.test(input.headerLines)) {
    throw new Error('headerLines must not contain MIME-Version or Content-Type');
  }
  // The delimiter must not occur at the start of a line inside the signed entity (RFC 2046 §5.1.1).
  const content = Buffer.from(input.content.buffer, input.content.byteOffset, input.content.byteLength);
  const needle = Buffer.from(`--${input.boundary}`, 'latin1');
  for (let at = content.indexOf(needle); at !== -1; at = content.indexOf(needle, at + 1)) {
    if (at === 0 || content[at - 1] === 0x0a) throw new Error('the boundary occurs in the signed content');
  }
}

export function renderMultipartSigned(input: MultipartSignedInput): Uint8Array {
  assertRenderable(input);
  const micalg = digestAlgorithmByName(input.digestAlgorithm).micalg;
  const delimiter = `--${input.boundary}`;
  const head =
    input.headerLines +
    `MIME-Version: 1.0${crlf}` +
    `Content-Type: ${smimeTypes.multipartSigned}; protocol="${smimeTypes.signature}";${crlf}` +
    `\tmicalg="${micalg}";${crlf}` +
    `\tboundary="${input.boundary}"${crlf}` +
    crlf +
    preamble +
    crlf +
    crlf +
    delimiter +
    crlf;
  const tail =
    crlf +
    delimiter +
    crlf +
    `Content-Type: ${smimeTypes.signature}; name="${pecFileNames.signature}"${crlf}` +
    `Content-Transfer-Encoding: base64${crlf}` +
    `Content-Disposition: attachment; filename="${pecFileNames.signature}"${crlf}` +
    crlf +
    base64Lines(input.signature) +
    crlf +
    `${delimiter}--${crlf}`;
  const headBytes = Buffer.from(head, 'latin1');
  const tailBytes = Buffer.from(tail, 'latin1');
  const out = new Uint8Array(headBytes.length + input.content.length + tailBytes.length);
  out.set(headBytes, 0);
  out.set(input.content, headBytes.length);
  out.set(tailBytes, headBytes.length + input.content.length);
  return out;
}
