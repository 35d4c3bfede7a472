/**
 * The stored MIME structure of a message (RFC 9051 §7.5.2 BODYSTRUCTURE; RFC 2045, RFC 2183,
 * RFC 3066 Content-Language, RFC 2557 Content-Location): per entity the media type, parameters,
 * optional fields as written, the encoded body size and line count, byte offsets into the raw
 * message, the children of a multipart and the envelope and structure of an embedded message.
 */
import { getHeader, parseMimeTree, type MimeNode } from '@pec/core';
import type { MimeStructure } from '../../ports/mailbox-store.ts';
import { describeMessageEnvelope } from './describe-message-envelope.ts';

const LF = 0x0a;

/** Lines of a body: its line feeds, plus one for a last line without a line break. */
export function countLines(bytes: Uint8Array, start: number, end: number): number {
  let lines = 0;
  for (let i = start; i < end; i++) if (bytes[i] === LF) lines++;
  if (end > start && bytes[end - 1] !== LF) lines++;
  return lines;
}

function optional(node: MimeNode, name: string): string | null {
  const value = getHeader(node.headers, name)?.trim();
  return value === undefined || value === '' ? null : value;
}

function isEmbeddedMessage(node: MimeNode): boolean {
  return node.contentType.type === 'message' && ['rfc822', 'global'].includes(node.contentType.subtype);
}

function describeNode(bytes: Uint8Array, node: MimeNode): MimeStructure {
  const { contentType } = node;
  const language = optional(node, 'content-language');
  const embedded = isEmbeddedMessage(node);
  const inner = embedded ? node.children[0] : undefined;
  return {
    type: contentType.type,
    subtype: contentType.subtype,
    params: Object.fromEntries(contentType.params),
    id: optional(node, 'content-id'),
    description: optional(node, 'content-description'),
    encoding: optional(node, 'content-transfer-encoding'),
    disposition:
      node.disposition === undefined || node.disposition.value === ''
        ? null
        : { type: node.disposition.value, params: Object.fromEntries(node.disposition.params) },
    language:
      language === null
        ? null
        : language
            .split(',')
            .map((tag) => tag.trim())
            .filter((tag) => tag !== ''),
    location: optional(node, 'content-location'),
    size: node.bodyEnd - node.bodyStart,
    lines: contentType.type === 'text' || embedded ? countLines(bytes, node.bodyStart, node.bodyEnd) : null,
    offsets: { header: node.start, body: node.bodyStart, end: node.bodyEnd },
    parts: contentType.type === 'multipart' ? node.children.map((child) => describeNode(bytes, child)) : [],
    message:
      inner === undefined
        ? null
        : { envelope: describeMessageEnvelope(inner.headers), structure: describeNode(bytes, inner) },
  };
}

/** The structure of the whole message, or of the entity at `node` of its parsed tree. */
export function describeMimeStructure(
  bytes: Uint8Array,
  node: MimeNode = parseMimeTree(bytes),
): MimeStructure {
  return describeNode(bytes, node);
}
