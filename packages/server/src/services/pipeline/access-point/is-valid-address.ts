/**
 * Whether a bare address is a valid RFC 5322 §3.4.1 addr-spec as PEC needs it (pec-spec §2.2 step
 * 2: "one RFC 5322-valid address"): a dot-atom or quoted-string local part, and a domain of
 * letter-digit-hyphen labels with at least one dot (a mail domain, RFC 5321 §2.3.5). No obsolete
 * forms, no domain literals, at most 254 characters (RFC 5321 §4.5.3.1).
 */

const atext = "[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]";
const dotAtom = `${atext}+(?:\\.${atext}+)*`;
const quotedString = '"(?:[\\x20\\x21\\x23-\\x5b\\x5d-\\x7e]|\\\\[\\x20-\\x7e])*"';
const label = '[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?';
const addrSpec = new RegExp(`^(?:${dotAtom}|${quotedString})@${label}(?:\\.${label})+$`);

export function isValidAddress(address: string): boolean {
  if (address.length > 254) return false;
  const at = address.lastIndexOf('@');
  if (at < 1 || at > 64) return false;
  return addrSpec.test(address);
}
