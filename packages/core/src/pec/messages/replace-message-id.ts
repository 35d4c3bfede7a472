/**
 * The Message-ID replacement of the access point (pec-spec §2.2 step 5, §6.1, §12 item 3): the
 * original's `Message-ID` becomes `<identificativo>` and the client's value moves to a new
 * `X-Riferimento-Message-ID` field at the same place. Only those fields change: every other byte of
 * the original, header and body, is kept, and new lines use the original's own line break.
 */
import { parseHeaderBlock } from '../../mail/header-block.ts';
import { isValidMessageIdentifier, withAngleBrackets } from '../identifiers/message-id.ts';
import { pecHeaders } from '../vocabulary.ts';

export interface ReplacedMessageId {
  /** The original with the new fields. */
  readonly bytes: Uint8Array;
  /** The client's Message-ID with angle brackets, or undefined when it had none. */
  readonly originalMessageId: string | undefined;
}

/**
 * The msg-id in a Message-ID field value, with angle brackets: the first `<…>` when there is one
 * (comments and stray text around it are dropped), else the whole trimmed value bracketed.
 */
export function bracketedMessageId(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const bracketed = /<[^<>\s]*>/.exec(value)?.[0];
  if (bracketed !== undefined && bracketed.length > 2) return bracketed;
  const bare = value.replace(/[\s<>]+/g, '');
  return bare.length > 0 ? withAngleBrackets(bare) : undefined;
}

/** Replaces (or inserts) the Message-ID of `original` with `<identifier>` (pec-spec §6.1). */
export function replaceMessageId(original: Uint8Array, identifier: string): ReplacedMessageId {
  if (!isValidMessageIdentifier(identifier)) throw new RangeError(`invalid PEC identifier: ${identifier}`);
  const block = parseHeaderBlock(original);
  const messageIdName = 'message-id';
  const referenceName = pecHeaders.referenceMessageId.toLowerCase();
  const messageIds = block.fields.filter((f) => f.name.toLowerCase() === messageIdName);
  // A client-supplied reference field would be ambiguous next to ours: it is replaced too.
  const removed = block.fields.filter((f) => {
    const name = f.name.toLowerCase();
    return name === messageIdName || name === referenceName;
  });
  const first = messageIds[0];
  const originalMessageId = bracketedMessageId(first?.value);
  const br = block.lineBreak;
  let inserted = `Message-ID: ${withAngleBrackets(identifier)}${br}`;
  if (originalMessageId !== undefined)
    inserted += `${pecHeaders.referenceMessageId}: ${originalMessageId}${br}`;

  const chunks: Uint8Array[] = [];
  let position = 0;
  const insertAt = first?.start ?? block.headerEnd;
  // A non-ASCII client Message-ID (RFC 6532) was decoded from UTF-8 and is written back as UTF-8.
  const insertion = Buffer.from(inserted, 'utf8');
  const cuts = removed.map((f) => ({ start: f.start, end: f.end }));
  if (first === undefined) cuts.push({ start: insertAt, end: insertAt });
  cuts.sort((a, b) => a.start - b.start);
  for (const cut of cuts) {
    chunks.push(original.subarray(position, cut.start));
    if (cut.start === insertAt) {
      // A header block without a final line break (no body) needs one before the new fields.
      const previous = original[insertAt - 1];
      if (first === undefined && insertAt > 0 && previous !== 0x0a) chunks.push(Buffer.from(br, 'latin1'));
      chunks.push(insertion);
    }
    position = cut.end;
  }
  chunks.push(original.subarray(position));
  return { bytes: Uint8Array.from(Buffer.concat(chunks)), originalMessageId };
}
