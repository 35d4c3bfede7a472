/**
 * How one blob's folded texts are stored (decision 0060): as pieces keyed by their content (SHA-256
 * of the stored text), each indexed once however many blobs hold it, and linked to the blob's text
 * by part and position. The header is one piece, the body its MIME parts (small neighbours merged),
 * and the seams are windows around each place two body pieces meet, so that a needle with a space
 * that spans two pieces is still found in one indexed text. Neither database keeps NUL characters or
 * lone surrogates: those are replaced and the blob's text marked lossy.
 */
import { createHash } from 'node:crypto';
import type { MessageTextEntry } from '../../ports/message-text-index.ts';

/** Which text of a message a piece is (column `part` of `message_text_parts`). */
export const textParts = { header: 0, body: 1, seams: 2 } as const;
export type TextPart = (typeof textParts)[keyof typeof textParts];

/**
 * Body pieces shorter than this are merged with their neighbours: a row and an index entry of their
 * own would cost more than indexing them again (they are the per-message texts of envelopes and
 * receipts, seldom shared).
 */
export const sharedPieceMinLength = 1024;

/**
 * Needles (UTF-16 units) up to this length are answered exactly by the pieces: one without a space
 * cannot span two pieces (they are joined by a space), one with a space that spans a junction lies
 * inside that junction's seam window. Longer needles with a space are confirmed on the whole body.
 */
export const seamReach = 128;

/** Separates seam windows: folded text and folded needles hold no line feed. */
const seamSeparator = '\n';

export interface StoredPiece {
  readonly part: TextPart;
  readonly position: number;
  readonly text: string;
  readonly hash: string;
}

export interface StoredTexts {
  readonly pieces: readonly StoredPiece[];
  readonly lossy: boolean;
}

const unstorable = /\0|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** ES2024 `String.prototype.isWellFormed` (Node ≥ 20), not in the TypeScript lib this project targets. */
type WellFormedCheck = string & { isWellFormed(): boolean };

function storable(text: string): { readonly text: string; readonly lossy: boolean } {
  // Nearly every text is well formed and NUL-free: two native scans instead of the look-around
  // regular expression over every character (1.5–3 % of a provider's main thread, decision 0055).
  if (!text.includes('\0') && (text as WellFormedCheck).isWellFormed()) return { text, lossy: false };
  const cleaned = text.replace(unstorable, '\uFFFD');
  return { text: cleaned, lossy: cleaned !== text };
}

/** The body's pieces as given when they join to the body exactly, else the body as one piece. */
function givenPieces(entry: MessageTextEntry): readonly string[] {
  const pieces = entry.bodyPieces;
  if (pieces !== undefined && pieces.join(' ') === entry.body) return pieces;
  return entry.body === '' ? [] : [entry.body];
}

/** Runs of pieces shorter than `sharedPieceMinLength` joined into one piece (the join is unchanged). */
function mergedPieces(pieces: readonly string[]): string[] {
  const out: string[] = [];
  let small: string[] = [];
  for (const piece of pieces) {
    if (piece.length < sharedPieceMinLength) {
      small.push(piece);
      continue;
    }
    if (small.length > 0) out.push(small.join(' '));
    small = [];
    out.push(piece);
  }
  if (small.length > 0) out.push(small.join(' '));
  return out;
}

const isHighSurrogate = (unit: number): boolean => unit >= 0xd800 && unit <= 0xdbff;
const isLowSurrogate = (unit: number): boolean => unit >= 0xdc00 && unit <= 0xdfff;

/**
 * Every window of `seamReach` units either side of a space joining two pieces, one per line: an
 * occurrence of a needle of at most `seamReach` units that covers the joining space lies inside it.
 * A window never splits a surrogate pair (it starts and ends one unit wider than needed).
 */
function seamText(pieces: readonly string[]): string {
  if (pieces.length < 2) return '';
  const body = pieces.join(' ');
  const windows: string[] = [];
  let junction = -1;
  for (const piece of pieces.slice(0, -1)) {
    junction += piece.length + 1;
    let start = Math.max(0, junction - seamReach);
    let end = Math.min(body.length, junction + seamReach + 1);
    if (start > 0 && isLowSurrogate(body.charCodeAt(start))) start++;
    if (end < body.length && isHighSurrogate(body.charCodeAt(end - 1))) end--;
    windows.push(body.slice(start, end));
  }
  return windows.join(seamSeparator);
}

export function pieceHash(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

function piece(part: TextPart, position: number, text: string): StoredPiece {
  return { part, position, text, hash: pieceHash(text) };
}

/** The pieces stored for one blob's texts. */
export function storedTexts(entry: MessageTextEntry): StoredTexts {
  const header = storable(entry.header);
  const body = givenPieces(entry).map(storable);
  const lossy = header.lossy || body.some((part) => part.lossy);
  const bodyTexts = mergedPieces(body.map((part) => part.text));
  const pieces = [piece(textParts.header, 0, header.text)];
  bodyTexts.forEach((text, position) => pieces.push(piece(textParts.body, position, text)));
  const seams = seamText(bodyTexts);
  if (seams !== '') pieces.push(piece(textParts.seams, 0, seams));
  return { pieces, lossy };
}

/** Whether the pieces alone answer "contains `needle`" exactly (see `seamReach`). */
export function answeredByPieces(needle: string): boolean {
  return !needle.includes(' ') || needle.length <= seamReach;
}

/** The space-free runs of a needle, which lie inside one piece of every text containing it. */
export function spaceFreeRuns(needle: string): string[] {
  return needle.split(' ').filter((run) => run !== '');
}
