/**
 * The FETCH response items of one message (RFC 9051 §7.5.2, RFC 3501 §7.4.2; BINARY RFC 3516;
 * MODSEQ RFC 7162 §3.1.4) in the order asked: metadata from the stored row, body data cut byte-exact
 * from the stored blob by the mailbox-access service's section and part readers. Also says which requests need the blob and which set `\Seen`
 * (RFC 9051 §6.4.5: BODY[...] without PEEK, RFC822, RFC822.TEXT, BINARY[...] without PEEK).
 */
import { emailObjectId } from './object-ids.ts';
import { messagePreview } from '../../../services/mailbox-access/message-preview.ts';
import { italianOffsetMinutes } from '@pec/core';
import type { MessageHead, StoredMessage } from '../../../ports/mailbox-store.ts';
import { ImapCommandError } from '../command-descriptor.ts';
import type { FetchAttribute, FetchItem, FetchPartial } from '../grammar/index.ts';
import { sliceByteRange } from '../../../services/mailbox-access/byte-range.ts';
import { decodedPartBytes } from '../../../services/mailbox-access/decoded-part-bytes.ts';
import { messageSectionBytes } from '../../../services/mailbox-access/message-section-bytes.ts';
import { renderedMetadataItem, type RenderedName } from './rendered-metadata.ts';

/** ENVELOPE, BODY and BODYSTRUCTURE texts already rendered in the session's mode. */
export type RenderedTexts = Partial<Record<RenderedName, string>>;

/**
 * What a message's items are built from: its stored row, or (for a FETCH that needs neither the
 * bytes nor the structure) its head with the asked ENVELOPE / BODY / BODYSTRUCTURE already rendered.
 */
export type FetchSource = StoredMessage | (MessageHead & { readonly rendered: RenderedTexts });

/** Items answered from a message head and the rendered metadata alone. */
const headKinds = new Set([
  'UID',
  'FLAGS',
  'INTERNALDATE',
  'SAVEDATE',
  'RFC822.SIZE',
  'MODSEQ',
  'ENVELOPE',
  'BODY',
  'BODYSTRUCTURE',
  'EMAILID',
  'THREADID',
]);

/**
 * Whether every item is answered from a message head, rendered metadata and the message's bytes
 * (`FetchSource`): no item needs the MIME structure (the whole message as `BODY[]` or `RFC822`
 * is the stored bytes as they are).
 */
export function fetchNeedsHeadsOnly(attributes: readonly FetchAttribute[]): boolean {
  return attributes.every(
    (a) =>
      headKinds.has(a.kind) ||
      a.kind === 'RFC822' ||
      (a.kind === 'BODY[]' && a.section.part.length === 0 && a.section.text === null),
  );
}

function storedRow(source: FetchSource): StoredMessage {
  if ('rendered' in source) throw new Error('fetch item needs the stored row');
  return source;
}

function renderedItem(source: FetchSource, name: RenderedName): FetchItem {
  if (!('rendered' in source)) return renderedMetadataItem(source, name);
  const text = source.rendered[name];
  if (text === undefined) throw new Error(`${name} was not rendered`);
  // Rendered in the session's mode, which is the writer's during any FETCH (the writer follows an
  // ENABLE once its reply is out, and no FETCH runs meanwhile).
  return { kind: 'RENDERED', name, text: () => text };
}

/** Whether any item needs the message bytes. */
export function fetchNeedsContent(attributes: readonly FetchAttribute[]): boolean {
  return attributes.some((a) =>
    ['BODY[]', 'BINARY[]', 'BINARY.SIZE', 'RFC822', 'RFC822.HEADER', 'RFC822.TEXT', 'PREVIEW'].includes(
      a.kind,
    ),
  );
}

/** Whether fetching these items marks the message `\Seen`. */
export function fetchSetsSeen(attributes: readonly FetchAttribute[]): boolean {
  return attributes.some(
    (a) =>
      ((a.kind === 'BODY[]' || a.kind === 'BINARY[]') && !a.peek) ||
      a.kind === 'RFC822' ||
      a.kind === 'RFC822.TEXT',
  );
}

/** A section that does not exist is served as the empty string, as Dovecot does (not NIL). */
function partialOf(found: Uint8Array | null, partial: FetchPartial | null) {
  const data = found ?? new Uint8Array(0);
  if (partial === null) return { data };
  return { data: sliceByteRange(data, partial), origin: partial.offset };
}

function requireRaw(raw: Uint8Array | null): Uint8Array {
  if (raw === null) throw new Error('fetch item needs the message content');
  return raw;
}

function binaryData(raw: Uint8Array, message: StoredMessage, part: readonly number[]): Uint8Array | null {
  const result = decodedPartBytes(raw, message.structure, part);
  if (result.kind === 'unknown-cte') {
    throw new ImapCommandError('NO', 'Unknown Content-Transfer-Encoding', { kind: 'UNKNOWN-CTE' });
  }
  return result.kind === 'data' ? result.data : null;
}

/**
 * Builds the items for `message`; `raw` must be given when `fetchNeedsContent` says so. Throws
 * `NO [UNKNOWN-CTE]` for BINARY of a part whose transfer encoding cannot be undone.
 */
export function buildFetchItems(
  attributes: readonly FetchAttribute[],
  source: FetchSource,
  raw: Uint8Array | null,
): FetchItem[] {
  return attributes.map((attribute): FetchItem => {
    const message: MessageHead = source;
    switch (attribute.kind) {
      case 'UID':
        return { kind: 'UID', uid: message.uid };
      case 'FLAGS':
        return { kind: 'FLAGS', flags: message.flags };
      case 'INTERNALDATE':
        return {
          kind: 'INTERNALDATE',
          date: message.internalDate,
          offsetMinutes: italianOffsetMinutes(message.internalDate),
        };
      case 'SAVEDATE':
        return {
          kind: 'SAVEDATE',
          date: message.saveDate,
          offsetMinutes: italianOffsetMinutes(message.saveDate),
        };
      case 'RFC822.SIZE':
        return { kind: 'RFC822.SIZE', size: message.size };
      case 'MODSEQ':
        return { kind: 'MODSEQ', modseq: message.modseq };
      // Rendered once per message and remembered (rendered-metadata.ts).
      case 'ENVELOPE':
      case 'BODY':
      case 'BODYSTRUCTURE':
        return renderedItem(source, attribute.kind);
      case 'BODY[]': {
        // The whole message needs no structure (nor its JSON parsed): the bytes as stored.
        const { section } = attribute;
        const data =
          section.part.length === 0 && section.text === null
            ? requireRaw(raw)
            : messageSectionBytes(requireRaw(raw), storedRow(source).structure, section);
        return { kind: 'BODY[]', section: attribute.section, ...partialOf(data, attribute.partial) };
      }
      case 'BINARY[]': {
        const data = binaryData(requireRaw(raw), storedRow(source), attribute.part);
        return { kind: 'BINARY[]', part: attribute.part, ...partialOf(data, attribute.partial) };
      }
      case 'BINARY.SIZE': {
        const data = binaryData(requireRaw(raw), storedRow(source), attribute.part);
        return { kind: 'BINARY.SIZE', part: attribute.part, size: data?.length ?? 0 };
      }
      case 'RFC822':
        return { kind: 'RFC822', data: requireRaw(raw) };
      case 'EMAILID':
        return { kind: 'EMAILID', id: emailObjectId(message.blobKey) };
      case 'THREADID':
        return { kind: 'THREADID', id: null };
      case 'PREVIEW':
        return { kind: 'PREVIEW', text: messagePreview(requireRaw(raw), storedRow(source).structure) };
      case 'RFC822.HEADER':
      case 'RFC822.TEXT': {
        const text = attribute.kind === 'RFC822.HEADER' ? 'HEADER' : 'TEXT';
        const section = { part: [], text, fields: [] } as const;
        return {
          kind: attribute.kind,
          data: messageSectionBytes(requireRaw(raw), storedRow(source).structure, section),
        };
      }
    }
  });
}
