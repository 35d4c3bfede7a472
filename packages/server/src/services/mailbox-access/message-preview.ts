/**
 * A short plain-text preview of a message (IMAP PREVIEW, RFC 8970): the first text/plain part that
 * is not an attachment, else the first text/html one with its markup removed, transfer encoding and
 * charset undone, white space collapsed, cut to `maxCharacters` (RFC 8970 §3.1: at most 256
 * characters; 200 as the RFC suggests). Parts inside an attached message (message/rfc822, such as a
 * PEC `postacert.eml`) are not looked into. An empty string when the message has no text.
 */
import type { MimeStructure } from '../../ports/mailbox-store.ts';
import { decodedPartBytes } from './decoded-part-bytes.ts';

export const previewMaxCharacters = 200;

function isAttachment(node: MimeStructure): boolean {
  return node.disposition?.type.toLowerCase() === 'attachment';
}

/** Depth-first text parts with their path, skipping attachments and embedded messages. */
function textParts(
  node: MimeStructure,
  path: number[],
  out: { node: MimeStructure; path: number[] }[],
): void {
  if (node.type === 'multipart') {
    node.parts.forEach((child, index) => {
      textParts(child, [...path, index + 1], out);
    });
    return;
  }
  if (node.type === 'text' && !isAttachment(node)) out.push({ node, path: path.length === 0 ? [1] : path });
}

function decodeCharset(bytes: Uint8Array, charset: string | undefined): string {
  try {
    return new TextDecoder(charset ?? 'utf-8').decode(bytes);
  } catch {
    return new TextDecoder('utf-8').decode(bytes);
  }
}

function stripHtml(html: string): string {
  return html
    .replace(/<(script|style)\b[\s\S]*?<\/\1\s*>/gi, ' ')
    .replace(/<[^>]*>/g, ' ')
    .replace(/&nbsp;/gi, ' ')
    .replace(/&lt;/gi, '<')
    .replace(/&gt;/gi, '>')
    .replace(/&quot;/gi, '"')
    .replace(/&#39;|&apos;/gi, "'")
    .replace(/&amp;/gi, '&');
}

export function messagePreview(
  raw: Uint8Array,
  structure: MimeStructure,
  maxCharacters = previewMaxCharacters,
): string {
  const parts: { node: MimeStructure; path: number[] }[] = [];
  textParts(structure, [], parts);
  const chosen =
    parts.find((p) => p.node.subtype === 'plain') ?? parts.find((p) => p.node.subtype === 'html');
  if (chosen === undefined) return '';
  // Part 1 of a single-part message is its body (RFC 9051 §6.4.5).
  const decoded = decodedPartBytes(raw, structure, chosen.path);
  if (decoded.kind !== 'data') return '';
  let text = decodeCharset(decoded.data, chosen.node.params['charset']);
  if (chosen.node.subtype === 'html') text = stripHtml(text);
  const collapsed = text.replace(/\s+/g, ' ').trim();
  // Characters as the reader sees them (grapheme clusters), never half a surrogate pair or accent.
  const graphemes = Array.from(new Intl.Segmenter('it', { granularity: 'grapheme' }).segment(collapsed));
  return graphemes
    .slice(0, maxCharacters)
    .map((g) => g.segment)
    .join('')
    .trimEnd();
}
