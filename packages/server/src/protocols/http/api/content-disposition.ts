/**
 * Content-Disposition for downloads (RFC 6266 §4.1, RFC 8187 for `filename*`): an ASCII
 * `filename` for old clients, with anything outside printable ASCII or a quote replaced by `_`,
 * and the exact name UTF-8 percent-encoded in `filename*`, which RFC 6266 §4.3 clients prefer.
 */

/** RFC 8187 §3.2.1 attr-char: ALPHA / DIGIT / "!#$&+-.^_`|~". */
const attrChar = /[A-Za-z0-9!#$&+\-.^_`|~]/;

function extendedValue(name: string): string {
  let encoded = '';
  for (const byte of Buffer.from(name, 'utf8')) {
    const char = String.fromCharCode(byte);
    encoded +=
      byte < 0x80 && attrChar.test(char) ? char : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return `UTF-8''${encoded}`;
}

/** A safe file name: no path separators or control characters, not empty. */
export function safeFileName(name: string, fallback: string): string {
  const cleaned = name
    .replace(/[\p{Cc}/\\]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 180);
  return cleaned === '' || cleaned === '.' || cleaned === '..' ? fallback : cleaned;
}

export function attachmentDisposition(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=${extendedValue(name)}`;
}
