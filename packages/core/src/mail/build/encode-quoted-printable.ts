/**
 * Quoted-printable for text bodies (RFC 2045 §6.7): line breaks in the input (CRLF or LF) are hard
 * line breaks written as CRLF, every other byte outside printable ASCII and `=` is escaped, white
 * space before a line break is escaped, and soft line breaks keep every line within 76 characters.
 * Output is 7-bit ASCII with CRLF line breaks and no trailing line break of its own.
 */

/** Longest encoded line, the soft-break `=` included (RFC 2045 §6.7 rule 5). */
const maxLineLength = 76;

function escape(byte: number): string {
  return `=${byte.toString(16).toUpperCase().padStart(2, '0')}`;
}

function isLiteral(byte: number): boolean {
  return byte >= 0x21 && byte <= 0x7e && byte !== 0x3d;
}

function encodeLine(bytes: Uint8Array): string {
  const lines: string[] = [];
  let line = '';
  bytes.forEach((byte, index) => {
    const last = index === bytes.length - 1;
    const isBlank = byte === 0x20 || byte === 0x09;
    // Blanks stay literal except at the end of the line, where transports may strip them.
    const piece = isLiteral(byte) || (isBlank && !last) ? String.fromCharCode(byte) : escape(byte);
    // Room for the piece plus a soft break, unless this piece ends the line.
    const budget = last ? maxLineLength : maxLineLength - 1;
    if (line.length + piece.length > budget) {
      lines.push(`${line}=`);
      line = '';
    }
    line += piece;
  });
  lines.push(line);
  return lines.join('\r\n');
}

export function encodeQuotedPrintable(bytes: Uint8Array): string {
  const out: string[] = [];
  let start = 0;
  for (let i = 0; i <= bytes.length; i++) {
    if (i === bytes.length || bytes[i] === 0x0a) {
      const end = i > start && bytes[i - 1] === 0x0d && i < bytes.length ? i - 1 : i;
      out.push(encodeLine(bytes.subarray(start, end)));
      start = i + 1;
    }
  }
  return out.join('\r\n');
}
