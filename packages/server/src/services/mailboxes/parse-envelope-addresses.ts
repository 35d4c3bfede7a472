/**
 * Address lists for the stored envelope (IMAP ENVELOPE, RFC 9051 §7.5.2; RFC 5322 §3.4): display
 * names exactly as written (RFC 2047 words stay encoded; quotes and backslash escapes removed),
 * addresses without comments or white space. As Dovecot does, a bare address with a comment takes the
 * comment as its display name (`user@example.com (Real Name)`), and a source route is kept apart. Groups become a start marker `{ name: null, address:
 * <group name> }` (no `@`) and an end marker `{ name: null, address: '' }` around their members; an
 * address without a domain gets the `MISSING_DOMAIN` host, so only group markers lack an `@`.
 */
import type { EnvelopeAddress } from '../../ports/mailbox-store.ts';

/** Host given to addresses written without a domain, so that they cannot look like group markers. */
export const missingDomain = 'MISSING_DOMAIN';

type Token =
  | { readonly kind: 'atom'; readonly text: string; readonly spaceBefore: boolean }
  | { readonly kind: 'quoted'; readonly text: string; readonly spaceBefore: boolean }
  | { readonly kind: 'angle'; readonly text: string }
  | { readonly kind: 'comment'; readonly text: string }
  | { readonly kind: 'special'; readonly text: string; readonly spaceBefore: boolean };

/** Reads a quoted string or comment body from `from` (just past the opener); unterminated runs to the end. */
function readDelimited(value: string, from: number, close: string, nests: string | null) {
  let depth = 1;
  let text = '';
  let i = from;
  for (; i < value.length; i++) {
    const ch = value.charAt(i);
    if (ch === '\\' && i + 1 < value.length) {
      text += value.charAt(++i);
      continue;
    }
    if (ch === nests) depth++;
    else if (ch === close && --depth === 0) return { text, next: i + 1 };
    text += ch;
  }
  return { text, next: i };
}

function tokenize(value: string): Token[] {
  const tokens: Token[] = [];
  let space = false;
  let i = 0;
  while (i < value.length) {
    const ch = value.charAt(i);
    if (/\s/.test(ch)) {
      space = true;
      i++;
    } else if (ch === '(') {
      // Comments are not part of addresses; one may stand for a missing display name.
      const { text, next } = readDelimited(value, i + 1, ')', '(');
      tokens.push({ kind: 'comment', text });
      i = next;
      space = true;
    } else if (ch === '"') {
      const { text, next } = readDelimited(value, i + 1, '"', null);
      tokens.push({ kind: 'quoted', text, spaceBefore: space });
      i = next;
      space = false;
    } else if (ch === '<') {
      const close = value.indexOf('>', i + 1);
      const end = close < 0 ? value.length : close;
      tokens.push({ kind: 'angle', text: value.slice(i + 1, end) });
      i = end + 1;
      space = true;
    } else if (',;:@.'.includes(ch)) {
      tokens.push({ kind: 'special', text: ch, spaceBefore: space });
      i++;
      space = false;
    } else {
      let j = i;
      while (j < value.length && !/[\s"(<>,;:@.]/.test(value.charAt(j))) j++;
      if (j === i) j++; // a stray '>' or ')'
      tokens.push({ kind: 'atom', text: value.slice(i, j), spaceBefore: space });
      i = j;
      space = false;
    }
  }
  return tokens;
}

/** Words of a display name joined as written, one space where the header had white space. */
function phraseOf(tokens: readonly Token[]): string | null {
  let phrase = '';
  for (const token of tokens) {
    if (token.kind === 'angle' || token.kind === 'comment') continue;
    phrase += phrase !== '' && token.spaceBefore ? ` ${token.text}` : token.text;
  }
  const trimmed = phrase.replace(/\s+/g, ' ').trim();
  return trimmed === '' ? null : trimmed;
}

/** `local@domain` from an addr-spec or angle text, without white space or comments, and its source route. */
function cleanAddress(text: string): { address: string; route?: string } | undefined {
  // White space and comments go, except inside a quoted local part.
  const cleaned = text
    .split(/("(?:[^"\\]|\\.)*")/)
    .map((chunk, i) => (i % 2 === 1 ? chunk : chunk.replace(/\([^()]*\)/g, '').replace(/\s+/g, '')))
    .join('');
  const route = /^(@[^:]*):/.exec(cleaned)?.[1];
  const address = route === undefined ? cleaned : cleaned.slice(route.length + 1);
  if (address === '') return undefined;
  const withRoute = (full: string) => (route === undefined ? { address: full } : { address: full, route });
  if (!address.includes('@')) return withRoute(`${address}@${missingDomain}`);
  return withRoute(address.endsWith('@') ? `${address}${missingDomain}` : address);
}

function addrSpecText(tokens: readonly Token[]): string {
  return tokens
    .filter((t) => t.kind !== 'comment')
    .map((t) => (t.kind === 'quoted' ? `"${t.text}"` : t.text))
    .join('');
}

function finishEntry(tokens: readonly Token[], out: EnvelopeAddress[]): void {
  if (tokens.length === 0) return;
  const angle = tokens.findLast((t) => t.kind === 'angle');
  if (angle !== undefined) {
    const address = cleanAddress(angle.text);
    const phraseTokens = tokens.slice(0, tokens.indexOf(angle));
    if (address !== undefined) out.push({ name: phraseOf(phraseTokens), ...address });
    return;
  }
  const address = cleanAddress(addrSpecText(tokens));
  // `user@example.com (Real Name)`: the last comment is the display name (Dovecot's ENVELOPE).
  const comment = tokens.findLast((t) => t.kind === 'comment' && t.text.trim() !== '');
  const name = comment === undefined ? null : comment.text.replace(/\s+/g, ' ').trim();
  if (address !== undefined) out.push({ name, ...address });
}

export function parseEnvelopeAddresses(values: readonly string[]): EnvelopeAddress[] {
  const out: EnvelopeAddress[] = [];
  for (const value of values) {
    let entry: Token[] = [];
    let group: string | null = null;
    for (const token of tokenize(value)) {
      if (token.kind === 'special' && token.text === ',') {
        finishEntry(entry, out);
        entry = [];
      } else if (token.kind === 'special' && token.text === ':' && group === null) {
        group = phraseOf(entry) ?? '';
        out.push({ name: null, address: group });
        entry = [];
      } else if (token.kind === 'special' && token.text === ';') {
        finishEntry(entry, out);
        entry = [];
        if (group !== null) out.push({ name: null, address: '' });
        group = null;
      } else {
        entry.push(token);
      }
    }
    finishEntry(entry, out);
    // An unterminated group still gets its end marker.
    if (group !== null) out.push({ name: null, address: '' });
  }
  return out;
}
