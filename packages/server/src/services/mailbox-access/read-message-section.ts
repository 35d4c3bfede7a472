/**
 * The bytes of one section of a message (message-section-bytes.ts: the whole message, a part's body,
 * its MIME header, HEADER, TEXT), optionally a byte range of it, cut from the stored raw bytes and
 * never re-serialised: a signed PEC envelope or its postacert.eml downloads exactly as received.
 */
import { sliceByteRange, type ByteRange } from './byte-range.ts';
import { findStoredMessage, type MessageRef } from './find-stored-message.ts';
import type { MessageReadingDeps } from './message-reading-deps.ts';
import { messageSectionBytes, type MessageSection } from './message-section-bytes.ts';

export type SectionRead =
  | { readonly kind: 'data'; readonly data: Uint8Array }
  /** No such message. */
  | { readonly kind: 'no-message' }
  /** The message has no such section. */
  | { readonly kind: 'no-section' };

export async function readMessageSection(
  deps: Pick<MessageReadingDeps, 'mailboxes' | 'blobs'>,
  ref: MessageRef,
  section: MessageSection,
  range?: ByteRange,
): Promise<SectionRead> {
  const message = await findStoredMessage(deps, ref);
  if (message === undefined) return { kind: 'no-message' };
  const raw = await deps.blobs.get(message.blobKey);
  const data = messageSectionBytes(raw, message.structure, section);
  if (data === null) return { kind: 'no-section' };
  return { kind: 'data', data: range === undefined ? data : sliceByteRange(data, range) };
}
