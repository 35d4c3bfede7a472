/**
 * Bytes to text for a declared MIME charset (RFC 2046 §4.1.2, RFC 2152 for UTF-7). Uses the WHATWG
 * encodings of TextDecoder; a missing or US-ASCII label is read as UTF-8 when the bytes are valid
 * UTF-8 (8-bit text mislabelled as ASCII is common), an unknown label as UTF-8 or else
 * windows-1252. Never throws; undecodable bytes become U+FFFD only in multi-byte charsets.
 */
import { isAscii } from 'node:buffer';
import { decodeUtf7 } from './decode-utf7.ts';

type Decoder = InstanceType<typeof TextDecoder>;

const utf8Strict = new TextDecoder('utf-8', { fatal: true });
const latin1Bytes = new TextDecoder('latin1');

/** windows-1252 characters for bytes 0x80–0x9F (unassigned ones stay as C1 controls, per WHATWG). */
const cp1252High =
  '\u20ac\x81\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\x8d\u017d\x8f' +
  '\x90\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\x9d\u017e\u0178';

/**
 * windows-1252, which WHATWG also uses for ISO-8859-1 and US-ASCII labels. Node 20's TextDecoder
 * maps 0x80–0x9F to C1 controls for this encoding, so those bytes are translated here.
 */
function decodeWindows1252(bytes: Uint8Array): string {
  return latin1Bytes
    .decode(bytes)
    .replace(/[\x80-\x9f]/g, (ch) => cp1252High.charAt(ch.charCodeAt(0) - 0x80));
}
const decoders = new Map<string, Decoder>();

const asciiLabels = new Set(['', 'us-ascii', 'ascii', 'ansi_x3.4-1968', 'iso646-us', 'us', 'default']);
const utf7Labels = new Set(['utf-7', 'utf7', 'x-utf-7', 'unicode-1-1-utf-7', 'csunicode11utf7']);

function utf8OrWindows1252(bytes: Uint8Array): string {
  try {
    return utf8Strict.decode(bytes);
  } catch {
    return decodeWindows1252(bytes);
  }
}

function decoderFor(label: string): Decoder | undefined {
  const cached = decoders.get(label);
  if (cached !== undefined) return cached;
  try {
    const decoder = new TextDecoder(label);
    decoders.set(label, decoder);
    return decoder;
  } catch {
    return undefined;
  }
}

/** Lower-cased charset label without quotes, parameters or surrounding blanks. */
export function normalizeCharset(charset: string | undefined): string {
  if (charset === undefined) return '';
  return (
    charset
      .trim()
      .replace(/^["']+|["']+$/g, '')
      .split(/[\s;]/)[0] ?? ''
  ).toLowerCase();
}

export function decodeCharset(bytes: Uint8Array, charset: string | undefined): string {
  const label = normalizeCharset(charset);
  if (asciiLabels.has(label)) {
    return isAscii(bytes) ? latin1Bytes.decode(bytes) : utf8OrWindows1252(bytes);
  }
  if (utf7Labels.has(label)) return decodeUtf7(latin1Bytes.decode(bytes));
  const decoder = decoderFor(label);
  if (decoder === undefined) return utf8OrWindows1252(bytes);
  if (decoder.encoding === 'windows-1252') return decodeWindows1252(bytes);
  return decoder.decode(bytes);
}
