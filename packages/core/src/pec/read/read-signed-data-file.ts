/**
 * Reads a standalone `.p7m` file: a CMS SignedData with encapsulated content (RFC 5652 §5), in DER
 * (as PEC attachments and signed documents travel), PEM or bare base64. It checks the signature over
 * the encapsulated bytes (pec-spec §8.4 steps 1–4, the same checks as a message) and says what the
 * content is: a MIME message is described as one, a nested `.p7m` (a document signed twice) is read
 * in turn, anything else is named by its magic bytes. Never throws on real-world input.
 */
import { pemToDer } from '../../smime/pem.ts';
import type { SignatureReport } from '../../smime/signature-report.ts';
import { parseSignedData, verifyCmsSignature } from '../../smime/verify-cms-signature.ts';
import { readPecMessage, type PecMessageDescription, type ReadOptions } from './read-pec-message.ts';

export type SignedDataEncoding = 'der' | 'pem' | 'base64';

export interface SignedDataContent {
  /** What the encapsulated bytes are: a media type guessed from their first bytes. */
  readonly mediaType: string;
  readonly size: number;
}

export interface SignedDataFileDescription {
  readonly encoding: SignedDataEncoding;
  readonly signature: SignatureReport;
  /** The encapsulated content; null for a detached signature (a `.p7s`), which holds none. */
  readonly content: SignedDataContent | null;
  /** The encapsulated MIME message, when the content is one. */
  readonly message: PecMessageDescription | null;
  /** The next layer when the content is itself a signed-data file (`.p7m.p7m`). */
  readonly inner: SignedDataFileDescription | null;
  readonly errors: readonly string[];
}

/** Layers of `.p7m` inside `.p7m` read before giving up (real documents carry two or three). */
const maxNesting = 4;

function parses(der: Uint8Array): boolean {
  try {
    parseSignedData(der);
    return true;
  } catch {
    return false;
  }
}

/** The DER of a signed-data file and how it was written, or undefined when the bytes are not one. */
export function decodeSignedDataFile(
  bytes: Uint8Array,
): { readonly der: Uint8Array; readonly encoding: SignedDataEncoding } | undefined {
  // A DER SEQUENCE with a definite or indefinite length (BER, as some signing tools write).
  if (bytes[0] === 0x30 && parses(bytes)) return { der: bytes, encoding: 'der' };
  const text = Buffer.from(bytes.subarray(0, Math.min(bytes.length, 64 * 1024 * 1024))).toString('latin1');
  const pem = /-----BEGIN (PKCS7|CMS)-----/.exec(text);
  if (pem !== null) {
    try {
      const der = pemToDer(text, pem[1]);
      return parses(der) ? { der, encoding: 'pem' } : undefined;
    } catch {
      return undefined;
    }
  }
  const compact = text.replace(/\s+/g, '');
  if (compact.length < 16 || !/^[A-Za-z0-9+/]+=*$/.test(compact)) return undefined;
  const der = new Uint8Array(Buffer.from(compact, 'base64'));
  return der[0] === 0x30 && parses(der) ? { der, encoding: 'base64' } : undefined;
}

function startsWith(bytes: Uint8Array, ascii: string): boolean {
  for (let i = 0; i < ascii.length; i++) if (bytes[i] !== ascii.charCodeAt(i)) return false;
  return true;
}

/** A header field name then a colon on the first line (RFC 5322 §2.2: printable ASCII but ":"). */
function looksLikeMessage(bytes: Uint8Array): boolean {
  const head = Buffer.from(bytes.subarray(0, 1000)).toString('latin1');
  return /^[!-9;-~]+:[^\r\n]*\r?\n/.test(head);
}

function mediaTypeOf(bytes: Uint8Array): string {
  if (startsWith(bytes, '%PDF-')) return 'application/pdf';
  if (startsWith(bytes, 'PK\x03\x04')) return 'application/zip';
  const head = Buffer.from(bytes.subarray(0, 64))
    .toString('latin1')
    .replace(/^\uFEFF|^ï»¿/, '')
    .trimStart();
  if (head.startsWith('<?xml') || head.startsWith('<')) return 'application/xml';
  if (looksLikeMessage(bytes)) return 'message/rfc822';
  return bytes.every((b) => b === 0x09 || b === 0x0a || b === 0x0d || (b >= 0x20 && b !== 0x7f))
    ? 'text/plain'
    : 'application/octet-stream';
}

async function readLayer(
  der: Uint8Array,
  encoding: SignedDataEncoding,
  options: ReadOptions,
  depth: number,
): Promise<SignedDataFileDescription> {
  const { report, content } = await verifyCmsSignature(der, undefined, options);
  if (content === undefined) {
    const errors = ['a detached signature: the file holds no content (a .p7s is checked with its message)'];
    return { encoding, signature: report, content: null, message: null, inner: null, errors };
  }
  const errors = report.valid ? [] : [...report.errors];
  let inner: SignedDataFileDescription | null = null;
  let message: PecMessageDescription | null = null;
  let mediaType = mediaTypeOf(content);
  const nested = content[0] === 0x30 && parses(content);
  if (nested) {
    mediaType = 'application/pkcs7-mime';
    if (depth + 1 < maxNesting) inner = await readLayer(content, 'der', options, depth + 1);
    else errors.push(`more than ${maxNesting} nested signed-data layers: the innermost were not read`);
  } else if (mediaType === 'message/rfc822') {
    message = await readPecMessage(content, { ...options, enclosingSignature: report });
  }
  return {
    encoding,
    signature: report,
    content: { mediaType, size: content.length },
    message,
    inner,
    errors,
  };
}

/** Undefined when `bytes` are not a signed-data file (a message is then read with `readPecMessage`). */
export async function readSignedDataFile(
  bytes: Uint8Array,
  options: ReadOptions = {},
): Promise<SignedDataFileDescription | undefined> {
  const decoded = decodeSignedDataFile(bytes);
  if (decoded === undefined) return undefined;
  return readLayer(decoded.der, decoded.encoding, options, 0);
}
