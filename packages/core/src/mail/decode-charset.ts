/**
 * Bytes to text for a declared MIME charset (RFC 2046 §4.1.2, RFC 2152 for UTF-7). Uses the WHATWG
 * encodings of TextDecoder; a missing or US-ASCII label is read as UTF-8 when the bytes are valid
 * UTF-8 (8-bit text mislabelled as ASCII is common), an unknown label as UTF-8 or else
 * windows-1252. Never throws; undecodable bytes become U+FFFD only in multi-byte charsets.
 */
import { decodeUtf7 } from './decode-utf7.ts';

type Decoder = InstanceType<typeof TextDecoder>;

const utf8Strict = new TextDecoder('utf-8', { fatal: true });
const windows1252 = new TextDecoder('windows-1252');
const latin1Bytes = new TextDecoder('latin1');
const decoders = new Map<string, Decoder>();

const asciiLabels = new Set(['', 'us-ascii', 'ascii', 'ansi_x3.4-1968', 'iso646-us', 'us', 'default']);
const utf7Labels = new Set(['utf-7', 'utf7', 'x-utf-7', 'unicode-1-1-utf-7', 'csunicode11utf7']);

function isAscii(bytes: Uint8Array): boolean {
  for (const byte of bytes) if (byte >= 0x80) return false;
  return true;
}

function utf8OrWindows1252(bytes: Uint8Array): string {
  try {
    return utf8Strict.decode(bytes);
  } catch {
    return windows1252.decode(bytes);
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
  return (charset.trim().replace(/^["']+|["']+$/g, '').split(/[\s;]/)[0] ?? '').toLowerCase();
}

export function decodeCharset(bytes: Uint8Array, charset: string | undefined): string {
  const label = normalizeCharset(charset);
  if (asciiLabels.has(label)) {
    return isAscii(bytes) ? latin1Bytes.decode(bytes) : utf8OrWindows1252(bytes);
  }
  if (utf7Labels.has(label)) return decodeUtf7(latin1Bytes.decode(bytes));
  const decoder = decoderFor(label);
  if (decoder === undefined) return utf8OrWindows1252(bytes);
  return decoder.decode(bytes);
}
