/**
 * Address lists of `From`, `To`, `Cc`, `Reply-To` and friends (RFC 5322 §3.4, obsolete forms of
 * §4.4, RFC 2047 display names). Lenient: quoted names with commas, comments as names, groups such as
 * `undisclosed-recipients:;`, bare addresses, `;` used as a separator, unterminated quotes or
 * brackets. Entries without an address are dropped. Never throws; nothing is lower-cased.
 */
import { decodeEncodedWords } from './decode-encoded-words.ts';

export interface MailAddress {
  /** Display name, RFC 2047-decoded, quotes removed, white space collapsed; '' when absent. */
  readonly name: string;
  /** The address as written, without brackets, comments or surrounding white space. */
  readonly address: string;
}

type Token =
  | { readonly kind: 'word'; readonly text: string; readonly quoted: boolean; readonly spaceBefore: boolean }
  | { readonly kind: 'comment'; readonly text: string }
  | { readonly kind: 'angle'; readonly text: string }
  | { readonly kind: 'special'; readonly text: ',' | ';' | ':' };

/** Reads until the closing delimiter, honouring backslash escapes; unterminated runs to the end. */
function readDelimited(value: string, from: number, close: string, nests: string | undefined) {
  let depth = 1;
  let text = '';
  let i = from;
  for (; i < value.length; i++) {
    const ch = value.charAt(i);
    if (ch === '\\' && i + 1 < value.length) {
      text += value.charAt(++i);
      continue;
    }
    if (nests !== undefined && ch === nests) depth++;
    if (ch === close && --depth === 0) return { text, next: i + 1, closed: true };
    text += ch;
  }
  return { text, next: i, closed: false };
}

function tokenize(value: string): Token[] {
  const tokens: Token[] = [];
  let space = false;
  let quotesLeft = true;
  let i = 0;
  while (i < value.length) {
    const ch = value.charAt(i);
    if (/\s/.test(ch)) {
      space = true;
      i++;
    } else if (ch === '"') {
      const quoted = quotesLeft ? readDelimited(value, i + 1, '"', undefined) : undefined;
      if (quoted?.closed === true) {
        tokens.push({ kind: 'word', text: quoted.text, quoted: true, spaceBefore: space });
        i = quoted.next;
        space = false;
      } else {
        // An unterminated quote is dropped, and what follows is read as if unquoted.
        quotesLeft = false;
        i++;
      }
    } else if (ch === '(') {
      const { text, next } = readDelimited(value, i + 1, ')', '(');
      tokens.push({ kind: 'comment', text });
      i = next;
      space = true;
    } else if (ch === '<') {
      const close = value.indexOf('>', i + 1);
      const next = close < 0 ? value.length : close;
      tokens.push({ kind: 'angle', text: value.slice(i + 1, next) });
      i = next + 1;
      space = true;
    } else if (ch === ',' || ch === ';' || ch === ':') {
      tokens.push({ kind: 'special', text: ch });
      i++;
      space = true;
    } else {
      let j = i;
      while (j < value.length && !/[\s"(<,;:]/.test(value.charAt(j))) j++;
      if (j === i) j++; // a stray '>' or ')'
      tokens.push({ kind: 'word', text: value.slice(i, j), quoted: false, spaceBefore: space });
      i = j;
      space = false;
    }
  }
  return tokens;
}

function cleanName(text: string): string {
  return decodeEncodedWords(text.replace(/\s+/g, ' ').trim()).replace(/\s+/g, ' ').trim();
}

/** Strips white space, comments and an obsolete source route (`@a,@b:`) from an angle address. */
function cleanAngle(text: string): string {
  return text
    .replace(/\([^()]*\)/g, '')
    .replace(/^\s*(?:@[^:]*:)/, '')
    .replace(/\s+/g, '')
    .replace(/^mailto:/i, '');
}

function finishEntry(entry: Token[], out: MailAddress[]): void {
  const comments = entry.flatMap((t) => (t.kind === 'comment' ? [t.text] : []));
  const angle = entry.findLast((t) => t.kind === 'angle');
  if (angle !== undefined) {
    const phrase = entry
      .filter((t) => t.kind === 'word' || (t.kind === 'special' && t.text === ':'))
      .map((t) => t.text)
      .join(' ');
    const address = cleanAngle(angle.text);
    if (address !== '') out.push({ name: cleanName(phrase || comments.join(' ')), address });
    return;
  }
  // No brackets: words glued without white space form one chunk, e.g. "john"@x or a.b@c.
  const glued: string[] = [];
  for (const token of entry) {
    if (token.kind !== 'word') continue;
    const last = glued.length - 1;
    // Stray brackets (a lone '<' or '>') are dropped, as seen in real To: fields.
    const text = token.quoted ? `"${token.text}"` : token.text.replace(/[<>]/g, '');
    if (token.spaceBefore || last < 0) glued.push(text);
    else glued[last] = (glued[last] ?? '') + text;
  }
  const chunks = glued.filter((c) => c !== '');
  const withAt = chunks.filter((c) => c.includes('@'));
  const single = chunks.length === 1 ? chunks[0] : undefined;
  if (single !== undefined) {
    // One word without '@' is kept only when it looks like a local mailbox name (`postmaster`).
    if (single.includes('@') || /^[\w.+-]+$/.test(single)) {
      out.push({ name: cleanName(comments.join(' ')), address: single });
    }
  } else if (withAt.length === chunks.length && chunks.length > 0) {
    for (const address of chunks) out.push({ name: '', address });
  } else {
    const last = chunks.at(-1);
    if (last?.includes('@') === true) {
      const name = chunks.slice(0, -1).join(' ').replace(/"/g, '');
      out.push({ name: cleanName(name), address: last });
    }
  }
}

export function parseAddressList(value: string | undefined): MailAddress[] {
  if (value === undefined) return [];
  const out: MailAddress[] = [];
  let entry: Token[] = [];
  let inGroup = false;
  for (const token of tokenize(value)) {
    if (token.kind === 'special' && token.text === ',') {
      finishEntry(entry, out);
      entry = [];
    } else if (token.kind === 'special' && token.text === ';') {
      finishEntry(entry, out);
      entry = [];
      inGroup = false;
    } else if (
      token.kind === 'special' &&
      token.text === ':' &&
      !inGroup &&
      !entry.some((t) => t.kind === 'angle')
    ) {
      // Group display name (RFC 5322 §3.4): only the members are addresses.
      entry = [];
      inGroup = true;
    } else {
      entry.push(token);
    }
  }
  finishEntry(entry, out);
  return out;
}

/** The first address of the list, if any. */
export function parseAddress(value: string | undefined): MailAddress | undefined {
  return parseAddressList(value)[0];
}
