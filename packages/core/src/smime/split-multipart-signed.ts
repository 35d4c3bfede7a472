/**
 * Splits a multipart/signed message (RFC 1847 §2.1, RFC 5751 §3.4.3) on raw bytes: the first part
 * exactly as received (pec-spec §8.4 step 1) and the decoded signature. The source of truth for
 * signature verification: no MIME re-serialisation. Accepts CRLF and bare-LF files and both S/MIME
 * signature types (pec-spec §8.2). Never throws; oddities are reported in `problems`.
 */
import { parseContentType } from '../mail/content-type.ts';
import { getHeader, parseHeaderBlock } from '../mail/header-block.ts';
import { smimeTypes } from '../pec/vocabulary.ts';

export interface SignedParts {
  /** Exact bytes of the first part, as received (without the line break before the delimiter). */
  readonly signedContent: Uint8Array;
  /** DER signature, base64-decoded; empty when the message has no signature part. */
  readonly signature: Uint8Array;
  /** The `protocol` parameter as written (lower-cased). */
  readonly protocol: string;
  /** The `micalg` parameter as written (lower-cased), e.g. `sha1`, `sha-1`, `sha-256`. */
  readonly micalg: string | undefined;
  readonly problems: string[];
}

interface Delimiter {
  /** Offset of the line break before the delimiter line (or of the line itself at the body start). */
  readonly breakStart: number;
  /** Offset just past the delimiter line. */
  readonly next: number;
  readonly close: boolean;
}

const CR = 0x0d;
const LF = 0x0a;
const signatureTypes: readonly string[] = [smimeTypes.signature, smimeTypes.legacySignature];

function isTransportPadding(bytes: Uint8Array, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const byte = bytes[i];
    if (byte !== 0x20 && byte !== 0x09 && byte !== CR) return false;
  }
  return true;
}

/** Finds every delimiter line of `boundary` from `start` on (RFC 2046 §5.1.1). */
function findDelimiters(message: Uint8Array, start: number, boundary: string): Delimiter[] {
  const bytes = Buffer.from(message.buffer, message.byteOffset, message.byteLength);
  const needle = Buffer.from(`--${boundary}`, 'utf8');
  const found: Delimiter[] = [];
  for (let at = bytes.indexOf(needle, start); at !== -1; at = bytes.indexOf(needle, at + 1)) {
    if (at !== start && bytes[at - 1] !== LF) continue;
    let lineEnd = bytes.indexOf(LF, at);
    const next = lineEnd === -1 ? bytes.length : lineEnd + 1;
    if (lineEnd === -1) lineEnd = bytes.length;
    let after = at + needle.length;
    const close = bytes[after] === 0x2d && bytes[after + 1] === 0x2d;
    if (close) after += 2;
    if (!isTransportPadding(bytes, after, lineEnd)) continue;
    let breakStart = at;
    if (at !== start) {
      breakStart = at - 1;
      if (breakStart > start && bytes[breakStart - 1] === CR) breakStart--;
    }
    found.push({ breakStart, next, close });
    if (close) break;
  }
  return found;
}

function decodeSignature(message: Uint8Array, start: number, end: number, problems: string[]): Uint8Array {
  const header = parseHeaderBlock(message, start, end);
  const type = parseContentType(getHeader(header, 'Content-Type'));
  if (!signatureTypes.includes(type.value)) {
    problems.push(`signature part has type ${type.value}, not ${smimeTypes.signature}`);
  }
  const body = message.subarray(header.bodyStart, end);
  const encoding = (getHeader(header, 'Content-Transfer-Encoding') ?? '').trim().toLowerCase();
  if (encoding === 'binary' || (encoding !== 'base64' && body[0] === 0x30)) return new Uint8Array(body);
  if (encoding !== 'base64') problems.push(`signature part has transfer encoding '${encoding}', not base64`);
  const text = Buffer.from(body).toString('latin1').replace(/[\s]+/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text)) problems.push('signature part holds characters outside base64');
  return new Uint8Array(Buffer.from(text, 'base64'));
}

/** Returns undefined when `message` is not multipart/signed at the top level. */
export function splitMultipartSigned(message: Uint8Array): SignedParts | undefined {
  const header = parseHeaderBlock(message);
  const contentType = parseContentType(getHeader(header, 'Content-Type'));
  if (contentType.value !== smimeTypes.multipartSigned) return undefined;
  const problems: string[] = [];
  const protocol = (contentType.params.get('protocol') ?? '').trim().toLowerCase();
  const micalg = contentType.params.get('micalg')?.trim().toLowerCase();
  if (!signatureTypes.includes(protocol)) problems.push(`unexpected protocol '${protocol}'`);
  if (micalg === undefined) problems.push('no micalg parameter');
  const empty = new Uint8Array();
  const boundary = contentType.params.get('boundary');
  if (boundary === undefined || boundary.length === 0) {
    problems.push('no boundary parameter');
    return { signedContent: empty, signature: empty, protocol, micalg, problems };
  }

  const delimiters = findDelimiters(message, header.bodyStart, boundary);
  const [first, second, third] = delimiters;
  if (first === undefined || first.close) {
    problems.push('no signed part');
    return { signedContent: empty, signature: empty, protocol, micalg, problems };
  }
  if (second === undefined) {
    problems.push('no signature part and no closing delimiter');
    return {
      signedContent: new Uint8Array(message.subarray(first.next)),
      signature: empty,
      protocol,
      micalg,
      problems,
    };
  }
  const signedContent = new Uint8Array(message.subarray(first.next, second.breakStart));
  if (second.close) {
    problems.push('no signature part');
    return { signedContent, signature: empty, protocol, micalg, problems };
  }
  if (third === undefined) problems.push('no closing delimiter');
  else if (!third.close) problems.push('more than two parts');
  const signatureEnd = third?.breakStart ?? message.length;
  const signature = decodeSignature(message, second.next, signatureEnd, problems);
  return { signedContent, signature, protocol, micalg, problems };
}
