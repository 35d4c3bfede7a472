/**
 * POP3 responses as bytes (RFC 1939 §3): status lines `+OK` / `-ERR` with an optional extended
 * response code (RFC 2449 §8, RFC 3206), SASL continuations (RFC 5034 §4), and multi-line bodies
 * with byte-stuffing: every line starting with `.` gets one more, and the body ends with `.CRLF`.
 * Everything else in a body is passed through byte-exact.
 */

/** Extended response codes: RFC 2449 §8 (IN-USE, LOGIN-DELAY) and RFC 3206 (SYS/*, AUTH). */
export type Pop3ResponseCode = 'IN-USE' | 'LOGIN-DELAY' | 'SYS/TEMP' | 'SYS/PERM' | 'AUTH';

const crlf = Buffer.from('\r\n');
const terminator = Buffer.from('.\r\n');
const stuffing = Buffer.from('.');
const lf = 0x0a;
const dot = 0x2e;

/** Status text is one line: CR and LF (which no caller should pass) become spaces. */
function oneLine(text: string): string {
  return text.replace(/[\r\n]/g, ' ');
}

export function renderOk(text = ''): Buffer {
  return Buffer.from(text === '' ? '+OK\r\n' : `+OK ${oneLine(text)}\r\n`, 'utf8');
}

export function renderErr(text: string, code?: Pop3ResponseCode): Buffer {
  const prefix = code === undefined ? '' : `[${code}] `;
  return Buffer.from(`-ERR ${prefix}${oneLine(text)}\r\n`, 'utf8');
}

/** A SASL challenge line: `+ ` and the base64 challenge (empty for PLAIN). */
export function renderContinuation(challenge = ''): Buffer {
  return Buffer.from(`+ ${challenge}\r\n`, 'ascii');
}

/**
 * A multi-line body: `body` byte-stuffed, a CRLF added when it does not end with a line break,
 * then the terminating `.CRLF`. Lines are found at LF, so bare-LF content is stuffed correctly too.
 */
export function renderMultilineBody(body: Uint8Array): Buffer {
  const source = Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  const pieces: Buffer[] = [];
  let copied = 0;
  for (let lineStart = 0; lineStart < source.length;) {
    if (source[lineStart] === dot) {
      pieces.push(source.subarray(copied, lineStart), stuffing);
      copied = lineStart;
    }
    const next = source.indexOf(lf, lineStart);
    if (next === -1) break;
    lineStart = next + 1;
  }
  pieces.push(source.subarray(copied));
  if (source.length > 0 && source[source.length - 1] !== lf) pieces.push(crlf);
  pieces.push(terminator);
  return Buffer.concat(pieces);
}

/** Lines of a listing (CAPA, LIST, UIDL) as a multi-line body. */
export function renderMultilineLines(lines: readonly string[]): Buffer {
  return renderMultilineBody(Buffer.from(lines.map((line) => `${oneLine(line)}\r\n`).join(''), 'utf8'));
}
