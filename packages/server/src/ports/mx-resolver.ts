/**
 * Port for the DNS side of routing (RFC 5321 §5.1): the mail exchangers of a domain, in the order
 * to try them, or why there are none. The relay router asks it only for domains without a static
 * route, so tests never need DNS.
 */

export type MxResolution =
  /** Hosts by MX preference (lowest first); the domain itself when it has no MX but an address. */
  | { readonly kind: 'hosts'; readonly hosts: readonly string[] }
  /** The domain does not exist, or publishes a null MX (RFC 7505): mail to it fails for good. */
  | { readonly kind: 'permanent-failure'; readonly reason: string }
  /** DNS could not answer now (timeout, SERVFAIL): try again later. */
  | { readonly kind: 'temporary-failure'; readonly reason: string };

export interface MxResolver {
  resolve(domain: string): Promise<MxResolution>;
}
