/**
 * Syntax of the addresses and domains the provider hosts: a dot-atom local part (RFC 5322 §3.2.3,
 * §3.4.1; ASCII only, as PEC addresses are) of at most 64 octets and a DNS host name (RFC 1035
 * §2.3.1, RFC 1123 §2.1) of at most 253, 254 in all (RFC 5321 §4.5.3.1). Results are lower-cased.
 */
import { isDotAtom } from '@pec/core';

export interface MailboxAddress {
  /** `local@domain`, lower-cased. */
  readonly address: string;
  readonly localPart: string;
  readonly domain: string;
}

const label = '[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?';
const domainPattern = new RegExp(`^${label}(?:\\.${label})+$`);

/** A DNS name of at least two labels (`pec.example.it`); case-insensitive. */
export function isDomainName(value: string): boolean {
  return value.length <= 253 && domainPattern.test(value.toLowerCase());
}

/** The parts of `local@domain`, or undefined when it is not a plain address. */
export function parseMailboxAddress(value: string): MailboxAddress | undefined {
  const address = value.trim().toLowerCase();
  const at = address.lastIndexOf('@');
  if (at <= 0 || address.length > 254) return undefined;
  const localPart = address.slice(0, at);
  const domain = address.slice(at + 1);
  if (localPart.length > 64 || !isDotAtom(localPart) || !isDomainName(domain)) return undefined;
  return { address, localPart, domain };
}
