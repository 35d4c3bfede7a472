/**
 * A byte range of a section (RFC 9051 §6.4.5 `<origin.length>`, HTTP ranges): a view of the bytes,
 * never a copy; an origin past the end gives the empty string.
 */

export interface ByteRange {
  readonly offset: number;
  readonly length: number;
}

export function sliceByteRange(data: Uint8Array, range: ByteRange): Uint8Array {
  if (range.offset >= data.length) return new Uint8Array(0);
  return data.subarray(range.offset, Math.min(data.length, range.offset + range.length));
}
