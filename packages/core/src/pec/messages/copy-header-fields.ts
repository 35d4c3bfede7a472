/**
 * Header fields that envelopes copy "unchanged" from the original (pec-spec §3.1, §3.9): the raw
 * field text, folding included, as a byte string (one character per byte) so that 8-bit bytes
 * survive; only the line breaks are made CRLF.
 */
import type { HeaderInput } from '../../mail/build/render-mime-entity.ts';
import type { HeaderBlock } from '../../mail/header-block.ts';

/** Every field of `block` named `name` (any case), in order, as raw header inputs. */
export function copyHeaderFields(original: Uint8Array, block: HeaderBlock, name: string): HeaderInput[] {
  const wanted = name.toLowerCase();
  return block.fields
    .filter((field) => field.name.toLowerCase() === wanted)
    .map((field) => {
      const text = Buffer.from(original.subarray(field.start, field.end)).toString('latin1');
      const lines = text.replace(/\r*\n$/, '').split(/\r*\n/);
      return { raw: lines.map((line) => `${line}\r\n`).join('') };
    });
}
