/**
 * The original as a breve delivery receipt carries it (pec-spec §3.5, RFC 6109 §3.3.2.2): structure
 * and every byte outside the attachments kept; each part with a file name and each attached message
 * replaced by a text/plain `<name>.hash` part holding the SHA-1 hex of its transfer-decoded content
 * (decision 0003). A multipart/signed keeps its signature part; a pkcs7-mime original is unchanged.
 */
import { createHash } from 'node:crypto';
import { renderHeaderField } from '../../mail/build/render-header-field.ts';
import { parseMimeTree } from '../../mail/parse-mime-tree.ts';
import type { MimeNode } from '../../mail/parse-mime-tree.ts';
import { readBodyBytes } from '../../mail/read-text-body.ts';
import { pecFileNames, smimeTypes } from '../vocabulary.ts';

/** File name given to an attached message that has none. */
const unnamedMessage = 'messaggio.eml';

const envelopedTypes = new Set<string>([smimeTypes.enveloped, smimeTypes.legacyEnveloped]);

/** SHA-1 hex of what a breve receipt hashes for `node`: its transfer-decoded content. */
export function attachmentHash(bytes: Uint8Array, node: MimeNode): string {
  return createHash('sha1').update(readBodyBytes(bytes, node)).digest('hex');
}

/** A parameter as `name="value"`, or RFC 2231 `name*=UTF-8''…` when the value is not plain ASCII. */
function parameter(name: string, value: string): string {
  if (/^[\x20-\x7e]*$/.test(value) && !/["\\]/.test(value)) return `${name}="${value}"`;
  const encoded = Array.from(new TextEncoder().encode(value), (byte) =>
    /[A-Za-z0-9!#$&+\-.^_`|~]/.test(String.fromCharCode(byte))
      ? String.fromCharCode(byte)
      : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`,
  ).join('');
  return `${name}*=UTF-8''${encoded}`;
}

function hashPart(bytes: Uint8Array, node: MimeNode, lineBreak: string): string {
  const name = `${node.filename !== undefined && node.filename !== '' ? node.filename : unnamedMessage}${pecFileNames.hashSuffix}`;
  const disposition = node.disposition?.value === 'inline' ? 'inline' : 'attachment';
  const fields =
    renderHeaderField(
      'Content-Type',
      `text/plain; charset="us-ascii"; ${parameter('name', name)}`,
      'structured',
    ) +
    renderHeaderField('Content-Disposition', `${disposition}; ${parameter('filename', name)}`, 'structured') +
    renderHeaderField('Content-Transfer-Encoding', '7bit', 'structured');
  return fields.replace(/\r\n/g, lineBreak) + lineBreak + attachmentHash(bytes, node);
}

function isAttachment(node: MimeNode): boolean {
  const named = node.filename !== undefined && node.filename !== '';
  return named || node.contentType.type === 'message';
}

interface Replacement {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

export function replaceAttachmentsWithHashes(original: Uint8Array): Uint8Array {
  const root = parseMimeTree(original);
  if (envelopedTypes.has(root.contentType.value)) return original;
  const replacements: Replacement[] = [];
  const visit = (node: MimeNode): void => {
    if (node !== root && isAttachment(node)) {
      replacements.push({
        start: node.start,
        end: node.end,
        text: hashPart(original, node, node.headers.lineBreak),
      });
      return;
    }
    if (node.contentType.type !== 'multipart') return;
    // In a multipart/signed only the signed content is searched: the signature part stays.
    const searched = node.contentType.subtype === 'signed' ? node.children.slice(0, 1) : node.children;
    for (const child of searched) visit(child);
  };
  visit(root);
  const chunks: Uint8Array[] = [];
  let position = 0;
  for (const r of replacements) {
    chunks.push(original.subarray(position, r.start), Buffer.from(r.text, 'latin1'));
    position = r.end;
  }
  chunks.push(original.subarray(position));
  return Uint8Array.from(Buffer.concat(chunks));
}
