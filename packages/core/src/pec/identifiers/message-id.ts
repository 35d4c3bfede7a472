/**
 * Message-ID text handling (RFC 5322 §3.6.4; pec-spec §4.3, §6.1). PEC writes the same
 * identifier bare in daticert `<identificativo>` and bracketed in `Message-ID:`,
 * `X-Riferimento-Message-ID:` and daticert `<msgid>`; these functions convert between the two
 * and check the RFC 5322 `msg-id` grammar (no obsolete syntax, no folding whitespace).
 */

/** RFC 5322 §3.2.3 atext. */
const atext = "[A-Za-z0-9!#$%&'*+\\-/=?^_`{|}~]";
/** RFC 5322 §3.2.3 dot-atom-text. */
const dotAtomText = `${atext}+(?:\\.${atext}+)*`;
/** RFC 5322 no-fold-literal: `[` *dtext `]`. */
const noFoldLiteral = '\\[[\\x21-\\x5a\\x5e-\\x7e]*\\]';
const bareMsgId = new RegExp(`^${dotAtomText}@(?:${dotAtomText}|${noFoldLiteral})$`);

/** RFC 5322 §2.1.1 line limit: a Message-ID longer than this cannot be written in a header. */
const maxMessageIdLength = 998;

/**
 * The identifier without its surrounding angle brackets and outer whitespace:
 * `<a@b>` → `a@b`. A lone leading `<` or trailing `>` is removed too; inner text is untouched.
 */
export function stripAngleBrackets(id: string): string {
  let value = id.trim();
  if (value.startsWith('<')) value = value.slice(1);
  if (value.endsWith('>')) value = value.slice(0, -1);
  return value.trim();
}

/** The identifier in angle brackets, as `Message-ID:` writes it: `a@b` and `<a@b>` → `<a@b>`. */
export function withAngleBrackets(id: string): string {
  return `<${stripAngleBrackets(id)}>`;
}

/**
 * True when `id` is an RFC 5322 `msg-id` (`id-left "@" id-right`), either bare or wrapped in
 * one pair of angle brackets, with no whitespace, comments or obsolete forms, at most 998
 * characters long.
 */
export function isValidMessageIdentifier(id: string): boolean {
  if (id.length > maxMessageIdLength) return false;
  const opens = id.startsWith('<');
  const closes = id.endsWith('>');
  if (opens !== closes) return false;
  const bare = opens ? id.slice(1, -1) : id;
  return bareMsgId.test(bare);
}
