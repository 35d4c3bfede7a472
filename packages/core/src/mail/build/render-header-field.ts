/**
 * One header field as exact text: `Name: value` folded at white space so that lines stay within 76
 * characters (RFC 5322 §2.2.3, RFC 2047 §2), ending with CRLF. Unstructured text (Subject) has its
 * non-ASCII words, and words that are too long or look like encoded-words, written as RFC 2047
 * encoded-words; structured values (addresses, ids) are only folded, never encoded.
 * Line breaks and control characters in a value become spaces, so a value cannot inject a field.
 */
import { encodeHeaderWords } from './encode-header-words.ts';

/** `unstructured`: free text such as Subject. `structured`: a value already in its wire syntax. */
export type HeaderValueKind = 'unstructured' | 'structured';

/** Line length we fold at (RFC 5322 §2.1.1 SHOULD, RFC 2047 §2 for lines with encoded-words). */
export const foldWidth = 76;

/** Smallest room worth starting an encoded-word in before folding to a new line. */
const minEncodedRoom = 24;

interface Token {
  /** White space written before the token (at least one space, except for the first token). */
  readonly space: string;
  readonly text: string;
  readonly encode: boolean;
}

function sanitize(value: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is removed
  return value.replace(/[\u0000-\u001f\u007f]/g, ' ');
}

function needsEncoding(word: string): boolean {
  return /[^\x21-\x7e]/.test(word) || word.includes('=?') || word.length > foldWidth - 1;
}

/** Splits unstructured text into words; runs of words that need encoding become one token. */
function unstructuredTokens(value: string): Token[] {
  const tokens: Token[] = [];
  const pieces = /^( *)(.*?)( *)$/s.exec(value);
  const body = pieces?.[2] ?? '';
  const trailing = pieces?.[3] ?? '';
  const words = body.length > 0 ? body.split(/( +)/) : [];
  for (let i = 0; i < words.length; i += 2) {
    const word = words[i] ?? '';
    const space = i === 0 ? '' : (words[i - 1] ?? ' ');
    const encode = needsEncoding(word);
    const previous = tokens.at(-1);
    if (encode && previous?.encode === true) {
      // White space between two encoded-words is dropped by decoders: keep it inside the run.
      tokens[tokens.length - 1] = { ...previous, text: previous.text + space + word };
    } else {
      tokens.push({ space, text: word, encode });
    }
  }
  if (trailing.length > 0) tokens.push({ space: trailing, text: '', encode: false });
  return tokens;
}

/** Splits a structured value at white space outside quoted strings. */
function structuredTokens(value: string): Token[] {
  const tokens: Token[] = [];
  let space = '';
  let text = '';
  let quoted = false;
  for (let i = 0; i < value.length; i++) {
    const ch = value.charAt(i);
    if (ch === ' ' && !quoted) {
      if (text.length > 0) {
        tokens.push({ space, text, encode: false });
        space = '';
        text = '';
      }
      space += ch;
      continue;
    }
    if (ch === '\\' && quoted && i + 1 < value.length) {
      text += ch + value.charAt(i + 1);
      i++;
      continue;
    }
    if (ch === '"') quoted = !quoted;
    text += ch;
  }
  if (text.length > 0 || space.length > 0) tokens.push({ space, text, encode: false });
  if (tokens[0] !== undefined) tokens[0] = { ...tokens[0], space: '' };
  return tokens;
}

/** Renders `Name: value` + CRLF, folded. `name` must be a valid field name (RFC 5322 §3.6.8). */
export function renderHeaderField(
  name: string,
  value: string,
  kind: HeaderValueKind = 'unstructured',
): string {
  if (!/^[\x21-\x39\x3b-\x7e]+$/.test(name)) throw new RangeError(`invalid header field name: ${name}`);
  const clean = sanitize(value);
  const tokens = kind === 'unstructured' ? unstructuredTokens(clean) : structuredTokens(clean.trim());
  const lines: string[] = [];
  let line = `${name}:`;
  let first = true;
  const fold = (space: string): void => {
    lines.push(line);
    line = space.length > 0 ? space : ' ';
  };
  for (const token of tokens) {
    // The first token is separated from the colon by one space.
    const space = first ? ' ' : token.space;
    first = false;
    if (!token.encode) {
      if (
        line.length + space.length + token.text.length > foldWidth &&
        line.trim().length > name.length + 1
      ) {
        fold(space);
        line += token.text;
      } else {
        line += space + token.text;
      }
      continue;
    }
    const room = foldWidth - line.length - space.length;
    let words = room < minEncodedRoom ? [] : encodeHeaderWords(token.text, room);
    const fresh = encodeHeaderWords(token.text, foldWidth - space.length);
    // Start on a new line when the run fits there in fewer encoded-words.
    if (words.length === 0 || words.length > fresh.length) {
      fold(space);
      words = fresh;
    } else {
      line += space;
    }
    words.forEach((word, index) => {
      if (index > 0) fold(' ');
      line += word;
    });
  }
  lines.push(line);
  return lines.join('\r\n') + '\r\n';
}
