/**
 * Text to ISO-8859-1 bytes, the charset PEC text parts must use (pec-spec §3.0). Characters
 * outside Latin-1 are replaced by a close Latin-1 spelling: typographic quotes and dashes by
 * their ASCII forms, `€` by `EUR`, accented letters by their base letter, anything else by `?`.
 * Always succeeds; the result has exactly one byte per output character.
 */

const replacements: Readonly<Record<string, string>> = {
  '\u2018': "'",
  '\u2019': "'",
  '\u201a': "'",
  '\u201b': "'",
  '\u2032': "'",
  '\u201c': '"',
  '\u201d': '"',
  '\u201e': '"',
  '\u201f': '"',
  '\u2033': '"',
  '\u2010': '-',
  '\u2011': '-',
  '\u2012': '-',
  '\u2013': '-',
  '\u2014': '-',
  '\u2015': '-',
  '\u2212': '-',
  '\u2026': '...',
  '\u2022': '*',
  '\u20ac': 'EUR',
  '\u2122': '(TM)',
  '\u0152': 'OE',
  '\u0153': 'oe',
  '\u2002': ' ',
  '\u2003': ' ',
  '\u2009': ' ',
  '\u202f': ' ',
  '\u200b': '',
  '\u200c': '',
  '\u200d': '',
  '\u2060': '',
  '\ufeff': '',
};

/** A Latin-1 spelling of one character that is not in Latin-1. */
function replacement(char: string): string {
  const known = replacements[char];
  if (known !== undefined) return known;
  // Letters with diacritics outside Latin-1 (ł is not decomposable, ő is): keep the base letter.
  const base = char.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
  if (base.length > 0 && Array.from(base).every((c) => c.charCodeAt(0) <= 0xff)) return base;
  return '?';
}

const latin1Only = /^[\0-\xff]*$/;

/** Latin-1 text: `text` with every character outside ISO-8859-1 replaced (see module comment). */
export function toLatin1Text(text: string): string {
  const composed = text.normalize('NFC');
  // The usual case, already Latin-1, is returned whole rather than rebuilt one character at a time.
  if (latin1Only.test(composed)) return composed;
  let out = '';
  for (const char of composed) {
    const code = char.codePointAt(0) ?? 0;
    out += code <= 0xff ? char : replacement(char);
  }
  return out;
}

export function encodeLatin1(text: string): Uint8Array {
  // A plain Uint8Array copied natively (`Uint8Array.from` walked the Buffer's iterator byte by byte).
  return new Uint8Array(Buffer.from(toLatin1Text(text), 'latin1'));
}
