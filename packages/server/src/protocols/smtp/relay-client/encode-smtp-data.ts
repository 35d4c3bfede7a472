/**
 * The DATA body of an SMTP transaction (RFC 5321 §4.5.2, §4.1.1.4): the message bytes unchanged
 * except that a `.` opening a line gets a second `.`, a CRLF is added when the message does not end
 * with one, and the `.` CRLF terminator follows. The receiver removes the stuffing, so the message
 * arrives byte-identical (pec-spec §12 pitfall 2).
 */

const dot = 0x2e;
const lf = 0x0a;
const cr = 0x0d;

export function encodeSmtpData(bytes: Uint8Array): Uint8Array {
  const starts: number[] = [];
  for (let i = 0; i < bytes.length; i++) {
    if (bytes[i] === dot && (i === 0 || bytes[i - 1] === lf)) starts.push(i);
  }
  const endsWithCrlf = bytes.length >= 2 && bytes[bytes.length - 2] === cr && bytes[bytes.length - 1] === lf;
  const tail = endsWithCrlf || bytes.length === 0 ? '.\r\n' : '\r\n.\r\n';
  const out = new Uint8Array(bytes.length + starts.length + tail.length);
  let from = 0;
  let at = 0;
  for (const start of starts) {
    out.set(bytes.subarray(from, start), at);
    at += start - from;
    out[at++] = dot;
    from = start;
  }
  out.set(bytes.subarray(from), at);
  at += bytes.length - from;
  out.set(Buffer.from(tail, 'latin1'), at);
  return out;
}
