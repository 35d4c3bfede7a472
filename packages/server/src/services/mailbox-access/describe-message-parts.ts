/**
 * The MIME tree of a stored message as a reader shows it (a webmail's attachment list, a PEC
 * envelope's parts): each entity with its part path in the numbering of RFC 9051 §6.4.5 (the path
 * that section and part reading take), media type, disposition (RFC 2183), file name (RFC 2231 and
 * RFC 2047 decoded), transfer encoding and encoded size, and for an embedded message/rfc822 (a PEC
 * postacert.eml) its envelope and tree. Built from the stored structure alone: no bytes are read.
 */
import type { MessageEnvelope, MimeStructure } from '../../ports/mailbox-store.ts';
import { partFileName } from './part-file-name.ts';

export interface MessagePart {
  /**
   * Part path: `[]` for a multipart top-level message, `[1]` for the body of a single-part one;
   * the multipart of an embedded message shares the path of its message/rfc822 part.
   */
  readonly path: readonly number[];
  /** Lower-case `type/subtype`, e.g. `multipart/signed`, `application/pkcs7-signature`. */
  readonly contentType: string;
  /** Content-Type parameters, names lower-case. */
  readonly params: Readonly<Record<string, string>>;
  /** Lower-case disposition type (`inline`, `attachment`), or null when the part has none. */
  readonly disposition: string | null;
  /** Content-Disposition `filename`, else Content-Type `name`; null when neither is given. */
  readonly filename: string | null;
  /** Transfer encoding, lower-case; `7bit` when absent (RFC 2045 §6.1). */
  readonly encoding: string;
  readonly contentId: string | null;
  readonly description: string | null;
  /** Body size in octets as stored (still transfer-encoded). */
  readonly size: number;
  /** Children of a multipart, in order; empty otherwise. */
  readonly parts: readonly MessagePart[];
  /** The embedded message of a message/rfc822 part, else null. */
  readonly message: { readonly envelope: MessageEnvelope; readonly root: MessagePart } | null;
}

const maxDepth = 64;

/** The path of the entity that is the whole body of a message whose part path is `base`. */
function rootPath(base: readonly number[], node: MimeStructure): readonly number[] {
  return node.type === 'multipart' ? base : [...base, 1];
}

function describe(node: MimeStructure, path: readonly number[], depth: number): MessagePart {
  const nested = depth < maxDepth;
  const embedded = nested ? node.message : null;
  return {
    path,
    contentType: `${node.type}/${node.subtype}`,
    params: node.params,
    disposition: node.disposition === null ? null : node.disposition.type.toLowerCase(),
    filename: partFileName(node),
    encoding: (node.encoding ?? '7bit').trim().toLowerCase(),
    contentId: node.id,
    description: node.description,
    size: node.size,
    parts:
      node.type === 'multipart' && nested
        ? node.parts.map((child, index) => describe(child, [...path, index + 1], depth + 1))
        : [],
    message:
      embedded === null
        ? null
        : {
            envelope: embedded.envelope,
            root: describe(embedded.structure, rootPath(path, embedded.structure), depth + 1),
          },
  };
}

export function describeMessageParts(structure: MimeStructure): MessagePart {
  return describe(structure, rootPath([], structure), 0);
}
