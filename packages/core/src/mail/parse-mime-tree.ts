/**
 * MIME structure of a raw message (RFC 2045, RFC 2046 §5.1 multipart, §5.2.1 message/rfc822), with
 * every node carrying byte offsets into the one input buffer so callers can verify signatures or cut
 * parts on the exact bytes received (pec-spec §12 item 2). Lenient with CRLF, bare LF, CR CR LF,
 * transport padding, missing close delimiters and parts without headers; bounded by depth and part
 * limits. Never throws and never copies the input.
 */
import { decodeEncodedWords } from './decode-encoded-words.ts';
import { parseContentType, parseParameterizedValue } from './content-type.ts';
import type { ContentType, ParameterizedValue } from './content-type.ts';
import { getHeader, parseHeaderBlock } from './header-block.ts';
import type { HeaderBlock } from './header-block.ts';

export interface MimeNode {
  /** Header fields of this entity; offsets are relative to the whole input buffer. */
  readonly headers: HeaderBlock;
  readonly contentType: ContentType;
  /** Parsed Content-Disposition, undefined when the field is absent. */
  readonly disposition: ParameterizedValue | undefined;
  /** Content-Disposition `filename`, else Content-Type `name`; RFC 2231 and RFC 2047 decoded. */
  readonly filename: string | undefined;
  /** Lower-cased Content-Transfer-Encoding token, '7bit' when absent. */
  readonly transferEncoding: string;
  /** Byte range of the whole entity (headers and body) in the input. */
  readonly start: number;
  readonly end: number;
  /** Byte range of the raw, still transfer-encoded body in the input. */
  readonly bodyStart: number;
  readonly bodyEnd: number;
  /**
   * Multipart: the body parts in order. message/rfc822 (and message/global) with an identity
   * transfer encoding: exactly one child, the embedded message parsed in place. Otherwise empty.
   */
  readonly children: readonly MimeNode[];
  /**
   * IMAP part number (RFC 3501 §6.4.5): '' for the root, '2.1' for the first part of the second.
   * An embedded message has the same path as its message/rfc822 part (IMAP `2.HEADER`); its own
   * parts continue below it ('2.1', '2.2').
   */
  readonly path: string;
  /** What was repaired or given up on while parsing this node, e.g. 'missing closing boundary'. */
  readonly problems: readonly string[];
}

export interface ParseMimeTreeOptions {
  /** Maximum nesting of multiparts and embedded messages below the root (default 32, capped at 256). */
  readonly maxDepth?: number;
  /** Maximum number of nodes in the whole tree (default 10 000). */
  readonly maxParts?: number;
}

interface ParseContext {
  readonly bytes: Uint8Array;
  readonly maxDepth: number;
  readonly maxParts: number;
  parts: number;
}

const CR = 0x0d;
const LF = 0x0a;
const DASH = 0x2d;
const identityEncodings = new Set(['7bit', '8bit', 'binary']);
const embeddedMessageTypes = new Set(['message/rfc822', 'message/global']);

function childPath(parent: string, index: number): string {
  return parent === '' ? String(index) : `${parent}.${index}`;
}

function transferEncodingOf(headers: HeaderBlock): string {
  const raw = getHeader(headers, 'content-transfer-encoding');
  if (raw === undefined) return '7bit';
  const token = /^[\s"']*([A-Za-z0-9._-]*)/.exec(raw)?.[1] ?? '';
  return token === '' ? '7bit' : token.toLowerCase();
}

/**
 * True when the line at `pos` looks like a header field (`name:`, obsolete blanks before the colon
 * allowed, RFC 5322 §4.5.8) or is the blank line that ends an empty header.
 */
function startsWithHeader(bytes: Uint8Array, pos: number, end: number): boolean {
  if (pos >= end) return true;
  const first = bytes[pos];
  if (first === LF || first === CR) return true;
  const limit = Math.min(end, pos + 1000);
  let i = pos;
  while (i < limit && (bytes[i] ?? 0) > 0x20 && (bytes[i] ?? 0) < 0x7f && bytes[i] !== 0x3a) i++;
  if (i === pos) return false;
  while (i < limit && (bytes[i] === 0x20 || bytes[i] === 0x09)) i++;
  return bytes[i] === 0x3a && i < limit;
}

/** A delimiter line found in a multipart body (RFC 2046 §5.1.1). */
interface Delimiter {
  /** Offset of the line break before the delimiter: that break belongs to the delimiter. */
  readonly lineStart: number;
  /** Offset just past the delimiter line and its line break. */
  readonly next: number;
  readonly close: boolean;
}

/** Reads the rest of a delimiter line whose `--boundary` starts at `at`; undefined if it is not one. */
function readDelimiterLine(
  bytes: Uint8Array,
  at: number,
  needleLength: number,
  end: number,
): { close: boolean; next: number } | undefined {
  let i = at + needleLength;
  const close = i + 1 < end && bytes[i] === DASH && bytes[i + 1] === DASH;
  if (close) i += 2;
  while (i < end && (bytes[i] === 0x20 || bytes[i] === 0x09)) i++;
  if (close) {
    // Anything may follow a close delimiter on its line: it is epilogue.
    while (i < end && bytes[i] !== LF) i++;
  } else {
    while (i < end && bytes[i] === CR) i++;
    if (i < end && bytes[i] !== LF) return undefined;
  }
  return { close, next: Math.min(i + 1, end) };
}

/**
 * Finds the delimiter lines for `needle` (`--boundary`) in bytes[from, to), up to the close one or
 * until `limit` have been found.
 */
function findDelimiters(
  bytes: Uint8Array,
  needle: Uint8Array,
  range: { readonly from: number; readonly to: number },
  limit: number,
): Delimiter[] {
  const { from, to } = range;
  const view = Buffer.from(bytes.buffer, bytes.byteOffset + from, to - from);
  const found: Delimiter[] = [];
  let search = 0;
  while (search <= view.length - needle.length && found.length < limit) {
    const hit = view.indexOf(needle, search);
    if (hit < 0) break;
    const at = from + hit;
    search = hit + 1;
    if (at !== from && bytes[at - 1] !== LF) continue;
    const line = readDelimiterLine(bytes, at, needle.length, to);
    if (line === undefined) continue;
    let lineStart = at;
    if (lineStart > from && bytes[lineStart - 1] === LF) {
      lineStart--;
      while (lineStart > from && bytes[lineStart - 1] === CR) lineStart--;
    }
    found.push({ lineStart, next: line.next, close: line.close });
    if (line.close) break;
    search = line.next - from;
  }
  return found;
}

/**
 * Delimiters of `boundary`. A non-ASCII boundary (against RFC 2046, but seen) is tried as UTF-8
 * and as ISO-8859-1, since the header decoder may have read its bytes either way.
 */
function findBoundary(
  bytes: Uint8Array,
  boundary: string,
  range: { readonly from: number; readonly to: number },
  limit: number,
): Delimiter[] {
  const utf8 = Buffer.from(`--${boundary}`, 'utf8');
  const found = findDelimiters(bytes, utf8, range, limit);
  if (found.length > 0 || !/[\x80-\xff]/.test(boundary) || /[\u0100-\uffff]/.test(boundary)) return found;
  return findDelimiters(bytes, Buffer.from(`--${boundary}`, 'latin1'), range, limit);
}

function emptyHeaderBlock(bytes: Uint8Array, at: number): HeaderBlock {
  const lineBreak = at > 0 && bytes[at - 1] === LF && bytes[at - 2] !== CR ? '\n' : '\r\n';
  return { fields: [], headerEnd: at, bodyStart: at, lineBreak };
}

function parseEntity(
  ctx: ParseContext,
  range: { start: number; end: number },
  path: string,
  depth: number,
  defaultType: string | undefined,
): MimeNode {
  const { bytes } = ctx;
  const { start, end } = range;
  const problems: string[] = [];
  ctx.parts++;
  let headers: HeaderBlock;
  if (depth > 0 && !startsWithHeader(bytes, start, end)) {
    problems.push('part without header');
    headers = emptyHeaderBlock(bytes, start);
  } else {
    headers = parseHeaderBlock(bytes, start, end);
  }
  const typeHeader = getHeader(headers, 'content-type');
  const contentType = parseContentType(typeHeader ?? defaultType);
  const dispositionHeader = getHeader(headers, 'content-disposition');
  const disposition =
    dispositionHeader === undefined ? undefined : parseParameterizedValue(dispositionHeader);
  const rawName = disposition?.params.get('filename') ?? contentType.params.get('name');
  const filename = rawName === undefined ? undefined : decodeEncodedWords(rawName).trim();
  const transferEncoding = transferEncodingOf(headers);
  const bodyStart = Math.min(headers.bodyStart, end);
  const node = {
    headers,
    contentType,
    disposition,
    filename,
    transferEncoding,
    start,
    end,
    bodyStart,
    bodyEnd: end,
    children: [] as MimeNode[],
    path,
    problems,
  };
  if (contentType.type === 'multipart') {
    if (depth >= ctx.maxDepth) problems.push('maximum depth reached');
    else node.children = parseMultipart(ctx, node, depth + 1, problems);
  } else if (embeddedMessageTypes.has(contentType.value)) {
    if (!identityEncodings.has(transferEncoding)) {
      problems.push('encoded embedded message not parsed');
    } else if (depth >= ctx.maxDepth) {
      problems.push('maximum depth reached');
    } else if (ctx.parts >= ctx.maxParts) {
      problems.push('maximum number of parts reached');
    } else {
      node.children = [parseEntity(ctx, { start: bodyStart, end }, path, depth + 1, undefined)];
    }
  }
  return node;
}

function parseMultipart(
  ctx: ParseContext,
  node: {
    readonly contentType: ContentType;
    readonly bodyStart: number;
    readonly bodyEnd: number;
    readonly path: string;
  },
  depth: number,
  problems: string[],
): MimeNode[] {
  const boundary = node.contentType.params.get('boundary');
  if (boundary === undefined || boundary === '') {
    problems.push('multipart without boundary');
    return [];
  }
  // One delimiter more than the parts still allowed, so the last part's end is known.
  const limit = Math.max(0, ctx.maxParts - ctx.parts) + 1;
  const range = { from: node.bodyStart, to: node.bodyEnd };
  const delimiters = findBoundary(ctx.bytes, boundary, range, limit);
  if (delimiters.length === 0) {
    problems.push('no boundary found');
    return [];
  }
  const last = delimiters.at(-1);
  const truncated = delimiters.length >= limit;
  if (last !== undefined && !last.close && !truncated) problems.push('missing closing boundary');
  const defaultType = node.contentType.subtype === 'digest' ? 'message/rfc822' : undefined;
  const children: MimeNode[] = [];
  for (let i = 0; i < delimiters.length; i++) {
    const open = delimiters[i];
    if (open === undefined || open.close) break;
    if (ctx.parts >= ctx.maxParts) {
      problems.push('maximum number of parts reached');
      break;
    }
    const partEnd = Math.max(open.next, delimiters[i + 1]?.lineStart ?? node.bodyEnd);
    const partRange = { start: open.next, end: partEnd };
    const path = childPath(node.path, children.length + 1);
    children.push(parseEntity(ctx, partRange, path, depth, defaultType));
  }
  return children;
}

export function parseMimeTree(bytes: Uint8Array, options: ParseMimeTreeOptions = {}): MimeNode {
  const ctx: ParseContext = {
    bytes,
    maxDepth: Math.max(0, Math.min(options.maxDepth ?? 32, 256)),
    maxParts: Math.max(1, options.maxParts ?? 10_000),
    parts: 0,
  };
  return parseEntity(ctx, { start: 0, end: bytes.length }, '', 0, undefined);
}
