/**
 * Text values that XML 1.0 can carry (XML 1.0 §2.2 `Char`). Shared by the daticert renderer,
 * which writes only sanitised values, and the lenient parser, which returns values in the same
 * form, so that render → parse gives back the sanitised input (pec-spec §4.3).
 */

/**
 * Code units outside XML 1.0 `Char`: C0 controls except tab, LF and CR; U+FFFE and U+FFFF;
 * unpaired surrogates.
 */
const invalidXmlChars =
  // eslint-disable-next-line no-control-regex -- matching the forbidden control characters is the point
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** XML white space (XML 1.0 §2.3 `S`): space, tab, CR, LF. Nothing else (no NBSP). */
const outerXmlWhitespace = /^[ \t\r\n]+|[ \t\r\n]+$/g;

/** True when `value` holds a code unit that XML 1.0 cannot carry, even escaped. */
export function hasInvalidXmlChars(value: string): boolean {
  invalidXmlChars.lastIndex = 0;
  return invalidXmlChars.test(value);
}

/** `value` without the code units that XML 1.0 cannot carry. */
export function removeInvalidXmlChars(value: string): string {
  return value.replace(invalidXmlChars, '');
}

/** Removes XML white space (space, tab, CR, LF) at both ends; other spaces are kept. */
export function trimXmlWhitespace(value: string): string {
  return value.replace(outerXmlWhitespace, '');
}

/**
 * The canonical form of a daticert text value: characters XML 1.0 cannot carry removed, then
 * XML white space trimmed at both ends. Inner white space, including line breaks, is kept.
 */
export function sanitizeXmlText(value: string): string {
  return trimXmlWhitespace(removeInvalidXmlChars(value));
}
