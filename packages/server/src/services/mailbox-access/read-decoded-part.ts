/**
 * One part of a message decoded for download (an attachment, a PEC daticert.xml or postacert.eml):
 * its transfer encoding undone (decoded-part-bytes.ts) from the stored raw bytes, with the media type
 * and file name to serve it under. Embedded messages come out whole and byte-exact.
 */
import { decodedPartBytes } from './decoded-part-bytes.ts';
import { findMessagePart } from './find-message-part.ts';
import { findStoredMessage, type MessageRef } from './find-stored-message.ts';
import type { MessageReadingDeps } from './message-reading-deps.ts';
import { partFileName } from './part-file-name.ts';

export type DecodedPart =
  | {
      readonly kind: 'data';
      readonly data: Uint8Array;
      /** Lower-case `type/subtype`. */
      readonly contentType: string;
      /** The part's charset parameter, when it has one. */
      readonly charset: string | null;
      readonly filename: string | null;
    }
  | { readonly kind: 'no-message' }
  | { readonly kind: 'no-part' }
  /** The part's transfer encoding is not one this server decodes (RFC 3516 §4.3). */
  | { readonly kind: 'unknown-encoding' };

/** The part at `path` (a leaf's path from `readMessageStructure`); the whole raw message for `[]`. */
export async function readDecodedPart(
  deps: Pick<MessageReadingDeps, 'mailboxes' | 'blobs'>,
  ref: MessageRef,
  path: readonly number[],
): Promise<DecodedPart> {
  const message = await findStoredMessage(deps, ref);
  if (message === undefined) return { kind: 'no-message' };
  const node = findMessagePart(message.structure, path);
  if (node === null) return { kind: 'no-part' };
  const raw = await deps.blobs.get(message.blobKey);
  const decoded = decodedPartBytes(raw, message.structure, path);
  if (decoded.kind === 'missing') return { kind: 'no-part' };
  if (decoded.kind === 'unknown-cte') return { kind: 'unknown-encoding' };
  if (path.length === 0) {
    return { kind: 'data', data: decoded.data, contentType: 'message/rfc822', charset: null, filename: null };
  }
  return {
    kind: 'data',
    data: decoded.data,
    contentType: `${node.type}/${node.subtype}`,
    charset: node.params['charset'] ?? null,
    filename: partFileName(node),
  };
}
