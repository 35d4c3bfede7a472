/**
 * Normalises a raw IMAP transcript for the Dovecot differential tests: what may differ between two
 * correct servers (literal vs quoted strings, completion texts, `\Recent`, UIDVALIDITY values,
 * INTERNALDATE day padding, SAVEDATE values, HEADER.FIELDS name case) is made equal; everything else is kept.
 */

/** Literals become quoted strings, completion texts and `\Recent` go: what is left must match. */
export function normalise(raw: Buffer): string {
  let out = '';
  let cursor = 0;
  const text = raw.toString('latin1');
  const literal = /~?\{(\d+)\}\r\n/g;
  for (let match = literal.exec(text); match !== null; match = literal.exec(text)) {
    const size = Number(match[1]);
    const start = match.index + match[0].length;
    out += text.slice(cursor, match.index);
    out += `"${text.slice(start, start + size).replace(/[\\"]/g, (ch) => `\\${ch}`)}"`;
    cursor = start + size;
    literal.lastIndex = cursor;
  }
  out += text.slice(cursor);
  return (
    out
      .split('\r\n')
      // \Recent is not kept by this server (IMAP4rev2 dropped it): no RECENT data, no \Recent flag.
      .filter((line) => line !== '' && !/^\* \d+ RECENT$/.test(line))
      .map((line) =>
        line
          .replace(/^(\S+ (?:OK|NO|BAD))(?: \[([^\]]*)\])?.*$/, (_all, head: string, code?: string) =>
            code === undefined ? head : `${head} [${code}]`,
          )
          .replace(/ ?\\Recent/g, '')
          .replace(/(COPYUID|APPENDUID|UIDVALIDITY) \d+/g, '$1 n')
          // date-day-fixed: both " 6-Nov-2024" and "06-Nov-2024" are valid (RFC 9051 §9).
          .replace(/INTERNALDATE " (\d)-/g, 'INTERNALDATE "0$1-')
          // SAVEDATE (RFC 8514) is the moment each server stored the message: never the same.
          .replace(/SAVEDATE "[^"]*"/g, 'SAVEDATE "d"')
          // Field names of HEADER.FIELDS: echoed as sent here, upper-cased by Dovecot; both are valid.
          .replace(
            /HEADER\.FIELDS(\.NOT)? \(([^)]*)\)\]/g,
            (_m, not: string | undefined, names: string) =>
              `HEADER.FIELDS${not ?? ''} (${names.toUpperCase()})]`,
          )
          .replace(/\( /g, '('),
      )
      .join('\n')
  );
}
