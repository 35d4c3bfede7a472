/**
 * The POP3 command line grammar (RFC 1939 §3, RFC 2449 §3): a case-insensitive keyword of three or
 * four letters, then arguments separated by single spaces. `rest` keeps everything after the
 * keyword as sent, for PASS, whose one argument may contain spaces (RFC 1939 §7). Also the numeric
 * argument forms: message numbers (1 or more) and TOP's line count (0 or more).
 */

export interface Pop3Command {
  /** Upper-cased keyword, e.g. `RETR`. */
  readonly keyword: string;
  /** Arguments split at single spaces (empty strings where spaces repeat). */
  readonly args: readonly string[];
  /** The text after the keyword and its space, or '' when there is none. */
  readonly rest: string;
}

export type Pop3CommandParse =
  | { readonly ok: true; readonly command: Pop3Command }
  | { readonly ok: false; readonly reason: 'empty' | 'bad-keyword' };

const keywordPattern = /^[A-Za-z]{3,4}$/;

/** Parses one line (without CRLF), decoded as UTF-8 so passwords may be non-ASCII. */
export function parsePop3Command(line: Uint8Array): Pop3CommandParse {
  const text = Buffer.from(line.buffer, line.byteOffset, line.byteLength).toString('utf8');
  if (text.trim() === '') return { ok: false, reason: 'empty' };
  const space = text.indexOf(' ');
  const keyword = space === -1 ? text : text.slice(0, space);
  if (!keywordPattern.test(keyword)) return { ok: false, reason: 'bad-keyword' };
  const rest = space === -1 ? '' : text.slice(space + 1);
  return {
    ok: true,
    command: { keyword: keyword.toUpperCase(), args: rest === '' ? [] : rest.split(' '), rest },
  };
}

const largestNumber = 2 ** 31 - 1;

/** A message number (RFC 1939 §5): decimal, no sign or leading zero, at least 1; else undefined. */
export function parseMessageNumber(arg: string | undefined): number | undefined {
  if (arg === undefined || !/^[1-9][0-9]{0,9}$/.test(arg)) return undefined;
  const value = Number(arg);
  return value <= largestNumber ? value : undefined;
}

/** A non-negative count (TOP's line count, RFC 1939 §7); larger values are capped. */
export function parseLineCount(arg: string | undefined): number | undefined {
  if (arg === undefined || !/^[0-9]{1,20}$/.test(arg)) return undefined;
  return Math.min(Number(arg), largestNumber);
}
