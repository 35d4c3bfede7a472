/**
 * The tag at the start of a command line (RFC 9051 `tag`: ASTRING-CHAR except "+"), read before the
 * line is tokenised, so that an error on a line too long or malformed can still be answered with
 * its tag.
 */
import { decodeRange } from './command-tokenizer.ts';

/** Tag characters: ASTRING-CHAR except "+" (RFC 9051 `tag`). */
const tagByte = new Uint8Array(256);
for (let b = 0x21; b < 0x7f; b++) if (!'(){%*"\\+'.includes(String.fromCharCode(b))) tagByte[b] = 1;

function isTagByte(b: number): boolean {
  return tagByte[b] === 1;
}

export function extractTag(bytes: Uint8Array, start: number, end: number): string | undefined {
  let i = start;
  while (i < end && isTagByte(bytes[i] ?? 0)) i++;
  return i > start && i < end && bytes[i] === 0x20 ? decodeRange(bytes, start, i) : undefined;
}
