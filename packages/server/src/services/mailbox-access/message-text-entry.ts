/**
 * What the text index stores for one blob (decisions 0043, 0049, 0060): the folded header and body
 * text that SEARCH TEXT/BODY/HEADER read (message-search-text.ts), the body cut where its parts
 * meet (so that a part shared by several messages is indexed once), and whether the header text can
 * stand for the envelope's addresses, which SEARCH FROM/TO/CC/BCC match instead of the header
 * fields. Built by the indexer after delivery and by a search's fill alike.
 */
import type { MessageEnvelope, MimeStructure } from '../../ports/mailbox-store.ts';
import type { MessageTextEntry } from '../../ports/message-text-index.ts';
import { envelopeAddressText } from './envelope-address-text.ts';
import { foldSearchText, messageSearchText } from './message-search-text.ts';

const runPattern = /[\p{L}\p{M}\p{N}]+/gu;

/** Whether a needle is usable by the trigram indexes: three code points or more, no NUL or lone surrogate. */
export function usableNeedle(needle: string): boolean {
  // Trigrams are of code points (FTS5 and pg_trgm alike), not UTF-16 units.
  return Array.from(needle).length >= 3 && !/\0|\p{Cs}/u.test(needle);
}

/**
 * The maximal runs of letters, marks and digits of a folded text that the index can look up. Any
 * such run of a needle lies inside one run of every text containing the needle.
 */
export function letterRuns(folded: string): string[] {
  return (folded.match(runPattern) ?? []).filter(usableNeedle);
}

/**
 * True when every run of the folded address texts is in the folded header text: then a FROM/TO/CC/BCC
 * needle's runs are in the header text of every message it matches. Not so when the envelope
 * differs from the header as written (quoted-pairs, white space or comments inside an address, a
 * missing domain, encoded words inside quotes).
 */
function addressesRegular(envelope: MessageEnvelope, header: string): boolean {
  return (['from', 'to', 'cc', 'bcc'] as const).every((field) =>
    letterRuns(foldSearchText(envelopeAddressText(envelope[field]))).every((run) => header.includes(run)),
  );
}

/**
 * The folded body cut where its parts meet: pieces that joined by one space are exactly `body` (the
 * folded whole), so that a piece several messages share (the original inside a transport envelope
 * and inside a complete delivery receipt) can be stored once (decision 0060). A part folded alone is
 * the same text as inside the folded whole: the line feed joining two parts stops NFKC composition
 * and the final-sigma context, and only the white space around it collapses, into the one space that
 * joins two pieces. Checked rather than assumed: if the join differs, the body is one piece.
 */
export function bodyPieces(parts: readonly string[], body: string): string[] {
  const pieces = parts.map((part) => foldSearchText(part).trim()).filter((piece) => piece !== '');
  const first = pieces[0];
  if (first !== undefined && body.startsWith(' ')) pieces[0] = ` ${first}`;
  const last = pieces.at(-1);
  if (last !== undefined && body.endsWith(' ')) pieces[pieces.length - 1] = `${last} `;
  if (pieces.join(' ') === body) return pieces;
  return body === '' ? [] : [body];
}

export function messageTextEntry(
  blobKey: string,
  raw: Uint8Array,
  structure: MimeStructure,
  envelope: MessageEnvelope,
): MessageTextEntry {
  const text = messageSearchText(raw, structure);
  const header = foldSearchText(text.header);
  const body = foldSearchText(text.body);
  return {
    blobKey,
    header,
    body,
    bodyPieces: bodyPieces(text.bodyParts, body),
    addressesRegular: addressesRegular(envelope, header),
  };
}
