/**
 * The TOP slice of a raw message (RFC 1939 §7): the header, the blank line that ends it and the
 * first `lines` lines of the body, cut from the stored bytes without re-encoding. Lines end at LF
 * (CRLF or a bare LF alike); a message without a blank line is all header and returned whole.
 */

const lf = 0x0a;
const cr = 0x0d;

export function topOfMessage(raw: Uint8Array, lines: number): Uint8Array {
  const bodyStart = endOfHeader(raw);
  if (bodyStart === undefined) return raw;
  let end = bodyStart;
  for (let taken = 0; taken < lines && end < raw.length; taken += 1) {
    const next = raw.indexOf(lf, end);
    end = next === -1 ? raw.length : next + 1;
  }
  return raw.subarray(0, end);
}

/** Offset just after the blank line that ends the header, or undefined when there is none. */
function endOfHeader(raw: Uint8Array): number | undefined {
  let start = 0;
  while (start < raw.length) {
    const next = raw.indexOf(lf, start);
    if (next === -1) return undefined;
    const blank = next === start || (next === start + 1 && raw[start] === cr);
    if (blank) return next + 1;
    start = next + 1;
  }
  return undefined;
}
