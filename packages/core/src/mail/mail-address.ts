/**
 * The one grammar of bare mail addresses (RFC 5322 §3.4.1 addr-spec, RFC 5321 §4.5.3.1 lengths)
 * and the domain of an address. Every layer checks and splits addresses with these functions.
 */

/** RFC 5322 §3.2.3 atext. */
const atext = "[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]";
const dotAtom = `${atext}+(?:\\.${atext}+)*`;
/** RFC 5322 §3.2.4 quoted-string without folding white space or obsolete forms. */
const quotedString = '"(?:[\\x20\\x21\\x23-\\x5b\\x5d-\\x7e]|\\\\[\\x20-\\x7e])*"';
/** A letter-digit-hyphen label (RFC 1035 §2.3.1, RFC 1123 §2.1). */
const label = '[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?';
const dotAtomPattern = new RegExp(`^${dotAtom}$`);
const addrSpecPattern = new RegExp(`^(?:${dotAtom}|${quotedString})@${label}(?:\\.${label})+$`);
const dotAtomAddrSpecPattern = new RegExp(`^${dotAtom}@${label}(?:\\.${label})+$`);

export interface AddrSpecOptions {
  /**
   * Only a dot-atom local part, as the addresses a provider hosts and publishes (pec-spec §7.2).
   * Default false: a quoted-string local part is accepted too.
   */
  readonly dotAtomOnly?: boolean;
}

/**
 * Whether `address` is a bare addr-spec as PEC needs it (pec-spec §2.2 step 2: "one RFC 5322-valid
 * address"): a dot-atom (or quoted-string) local part of at most 64 octets and a mail domain of at
 * least two labels (RFC 5321 §2.3.5); no obsolete forms, no domain literals, at most 254 characters.
 */
export function isAddrSpec(address: string, options: AddrSpecOptions = {}): boolean {
  if (address.length > 254) return false;
  const at = address.lastIndexOf('@');
  if (at < 1 || at > 64 || address.length - at - 1 > 253) return false;
  return (options.dotAtomOnly === true ? dotAtomAddrSpecPattern : addrSpecPattern).test(address);
}

/** Whether `text` is an RFC 5322 §3.2.3 dot-atom (e.g. a local part such as `mario.rossi`). */
export function isDotAtom(text: string): boolean {
  return dotAtomPattern.test(text);
}

/**
 * The domain of `local@domain` (or of a bare domain), lower-cased, without surrounding white
 * space, a closing angle bracket or a trailing dot. Empty when the address ends with `@`.
 */
export function domainOf(addressOrDomain: string): string {
  const at = addressOrDomain.lastIndexOf('@');
  const domain = at === -1 ? addressOrDomain : addressOrDomain.slice(at + 1);
  return domain.trim().replace(/>$/, '').replace(/\.$/, '').toLowerCase();
}
