/**
 * A mailbox as structured header text (RFC 5322 §3.4): a bare addr-spec, or `phrase <addr-spec>`
 * where the phrase is a quoted-string when it is printable ASCII and RFC 2047 encoded-words
 * otherwise (RFC 2047 §5(3)). The result is ready for `renderHeaderField(…, 'structured')`.
 */
import { encodeHeaderWords } from './encode-header-words.ts';

function quote(text: string): string {
  return `"${text.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
}

export function renderMailbox(address: string, displayName?: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
  if (/[\s<>\u0000-\u001f]/.test(address)) throw new RangeError(`invalid address: ${address}`);
  if (displayName === undefined || displayName.length === 0) return address;
  // eslint-disable-next-line no-control-regex -- control characters become spaces
  const name = displayName.replace(/[\u0000-\u001f\u007f]/g, ' ');
  const phrase = /^[\x20-\x7e]*$/.test(name) ? quote(name) : encodeHeaderWords(name).join(' ');
  return `${phrase} <${address}>`;
}
