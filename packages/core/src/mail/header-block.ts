/**
 * Raw header-block reader (RFC 5322 §2.2): finds the header fields of an entity and where its body
 * starts, on raw bytes, with byte offsets so that callers can cut or replace fields without
 * re-serialising anything else. Accepts CRLF, bare LF and the CR CR LF seen in mangled real files.
 * Never throws: a block without a blank line is all headers and an empty body.
 */

export interface HeaderField {
  /** Field name as written (compare case-insensitively). */
  readonly name: string;
  /** Unfolded value without the leading white space; line breaks of folds are removed. */
  readonly value: string;
  /** Byte offset of the first byte of the field in the source. */
  readonly start: number;
  /** Byte offset just past the field's final line break. */
  readonly end: number;
}

export interface HeaderBlock {
  readonly fields: readonly HeaderField[];
  /** Byte offset of the blank line that ends the header (or of `end` when there is none). */
  readonly headerEnd: number;
  /** Byte offset of the first body byte. */
  readonly bodyStart: number;
  /** The line break used by the first header line: how to write new fields into this block. */
  readonly lineBreak: '\r\n' | '\n';
}

const CR = 0x0d;
const LF = 0x0a;
const utf8 = new TextDecoder('utf-8', { fatal: true });
const latin1 = new TextDecoder('latin1');

/** Decodes header bytes: UTF-8 when valid (RFC 6532), otherwise ISO-8859-1 byte-for-byte. */
export function decodeHeaderBytes(bytes: Uint8Array): string {
  try {
    return utf8.decode(bytes);
  } catch {
    return latin1.decode(bytes);
  }
}

/** Returns the offset just past the line that starts at `pos`, and the offset where its content ends. */
function lineAt(bytes: Uint8Array, pos: number, end: number): { contentEnd: number; next: number } {
  let i = pos;
  while (i < end && bytes[i] !== LF) i++;
  if (i >= end) return { contentEnd: end, next: end };
  let contentEnd = i;
  while (contentEnd > pos && bytes[contentEnd - 1] === CR) contentEnd--;
  return { contentEnd, next: i + 1 };
}

export function parseHeaderBlock(bytes: Uint8Array, start = 0, end = bytes.length): HeaderBlock {
  const fields: HeaderField[] = [];
  let lineBreak: '\r\n' | '\n' | undefined;
  let pos = start;
  let current: { start: number; chunks: Uint8Array[] } | undefined;
  const flush = (fieldEnd: number): void => {
    if (current === undefined) return;
    const text = current.chunks.map(decodeHeaderBytes).join('');
    const colon = text.indexOf(':');
    if (colon > 0) {
      const name = text.slice(0, colon).trim();
      if (name.length > 0 && !/\s/.test(name)) {
        fields.push({
          name,
          value: text.slice(colon + 1).replace(/^[ \t]+/, ''),
          start: current.start,
          end: fieldEnd,
        });
      }
    }
    current = undefined;
  };
  while (pos < end) {
    const { contentEnd, next } = lineAt(bytes, pos, end);
    if (lineBreak === undefined && next <= end && next > pos && bytes[next - 1] === LF) {
      lineBreak = contentEnd < next - 1 ? '\r\n' : '\n';
    }
    if (contentEnd === pos && next > pos && bytes[next - 1] === LF) {
      // Blank line: end of the header block.
      flush(pos);
      return { fields, headerEnd: pos, bodyStart: next, lineBreak: lineBreak ?? '\r\n' };
    }
    const first = bytes[pos];
    const content = bytes.subarray(pos, contentEnd);
    if ((first === 0x20 || first === 0x09) && current !== undefined) {
      current.chunks.push(content);
    } else {
      flush(pos);
      // An mbox "From " separator line before the first field is not a header; skip it.
      current = { start: pos, chunks: [content] };
    }
    pos = next;
  }
  flush(end);
  return { fields, headerEnd: end, bodyStart: end, lineBreak: lineBreak ?? '\r\n' };
}

/** First field with this name (case-insensitive), unfolded. */
export function getHeader(block: HeaderBlock, name: string): string | undefined {
  const wanted = name.toLowerCase();
  return block.fields.find((f) => f.name.toLowerCase() === wanted)?.value;
}

/** Every field with this name (case-insensitive), in order. */
export function getHeaders(block: HeaderBlock, name: string): string[] {
  const wanted = name.toLowerCase();
  return block.fields.filter((f) => f.name.toLowerCase() === wanted).map((f) => f.value);
}
