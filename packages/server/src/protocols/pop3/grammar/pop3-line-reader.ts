/**
 * Splits the POP3 client byte stream into lines (RFC 1939 §3: commands end with CRLF; a bare LF is
 * accepted too). A line longer than `maxLineBytes` (RFC 2449 §4 sets 255 octets for commands; SASL
 * responses may be longer) is reported once and skipped up to its end, so one bad line cannot grow
 * the buffer without bound or desynchronise the commands after it.
 */

export interface Pop3LineReaderOptions {
  /** Longest line accepted, terminator included. */
  readonly maxLineBytes: number;
  /** One complete line, without its CRLF or LF. */
  readonly onLine: (line: Buffer) => void;
  /** A line exceeded the limit; its bytes are dropped up to the next LF. */
  readonly onTooLong: () => void;
}

export interface Pop3LineReader {
  push(chunk: Uint8Array): void;
  /** Drops buffered bytes (after STLS, where plaintext sent ahead must not reach the TLS session). */
  reset(): void;
  /** Bytes held waiting for a line end. */
  readonly pending: number;
}

const lf = 0x0a;
const cr = 0x0d;

export function createPop3LineReader(options: Pop3LineReaderOptions): Pop3LineReader {
  const { maxLineBytes, onLine, onTooLong } = options;
  let parts: Buffer[] = [];
  let size = 0;
  let skipping = false;

  function take(tail: Buffer): Buffer {
    const line = parts.length === 0 ? tail : Buffer.concat([...parts, tail]);
    parts = [];
    size = 0;
    return line;
  }

  return {
    push(chunk) {
      let data = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
      while (data.length > 0) {
        const end = data.indexOf(lf);
        if (end === -1) {
          if (skipping) return;
          parts.push(data);
          size += data.length;
          if (size >= maxLineBytes) {
            parts = [];
            size = 0;
            skipping = true;
            onTooLong();
          }
          return;
        }
        const head = data.subarray(0, end);
        data = data.subarray(end + 1);
        if (skipping) {
          skipping = false;
          continue;
        }
        if (size + head.length + 1 > maxLineBytes) {
          parts = [];
          size = 0;
          onTooLong();
          continue;
        }
        const line = take(head);
        onLine(line.length > 0 && line[line.length - 1] === cr ? line.subarray(0, -1) : line);
      }
    },
    reset() {
      parts = [];
      size = 0;
      skipping = false;
    },
    get pending() {
      return size;
    },
  };
}
