/**
 * Whether a domain's public MX points to this provider (`pec domain add`): PEC for an address
 * reaches us only when the domain's MX names our host (RFC 5321 §5.1; the index's managedDomains
 * only tells other providers that the domain is ours, pec-spec §7.2). A well-known public mailbox
 * domain (gmail.com, libero.it, …) is never ours to certify. Asked through the MxResolver port; a
 * DNS that cannot answer (offline, timeout) gives `unchecked`, never a guess.
 */
import type { MxResolver } from '../../ports/mx-resolver.ts';

export interface CheckDomainMxDependencies {
  readonly mx: MxResolver;
}

export interface CheckDomainMxSettings {
  /** Host names our MX records name (config provider.hostname). */
  readonly ourHosts: readonly string[];
}

export type DomainMxCheck =
  | { readonly kind: 'ours'; readonly hosts: readonly string[] }
  | { readonly kind: 'elsewhere'; readonly hosts: readonly string[] }
  | { readonly kind: 'no-mail'; readonly reason: string }
  | { readonly kind: 'public-mail-domain' }
  | { readonly kind: 'unchecked'; readonly reason: string };

/** Domains of large public mail services, Italian and international: never a PEC domain of ours. */
export const publicMailDomains: readonly string[] = [
  'gmail.com',
  'googlemail.com',
  'outlook.com',
  'hotmail.com',
  'hotmail.it',
  'live.com',
  'live.it',
  'msn.com',
  'yahoo.com',
  'yahoo.it',
  'icloud.com',
  'me.com',
  'aol.com',
  'gmx.com',
  'proton.me',
  'protonmail.com',
  'libero.it',
  'virgilio.it',
  'alice.it',
  'tim.it',
  'tin.it',
  'tiscali.it',
  'fastwebnet.it',
  'email.it',
  'inwind.it',
  'iol.it',
  'aruba.it',
  'pec.it',
  'legalmail.it',
  'postecert.it',
];

const bare = (host: string): string => host.trim().toLowerCase().replace(/\.$/, '');

export async function checkDomainMx(
  deps: CheckDomainMxDependencies,
  settings: CheckDomainMxSettings,
  domain: string,
): Promise<DomainMxCheck> {
  const name = bare(domain);
  if (publicMailDomains.includes(name)) return { kind: 'public-mail-domain' };
  const ours = new Set(settings.ourHosts.map(bare));
  let resolution;
  try {
    resolution = await deps.mx.resolve(name);
  } catch (error) {
    return { kind: 'unchecked', reason: error instanceof Error ? error.message : String(error) };
  }
  if (resolution.kind === 'temporary-failure') return { kind: 'unchecked', reason: resolution.reason };
  if (resolution.kind === 'permanent-failure') return { kind: 'no-mail', reason: resolution.reason };
  const hosts = resolution.hosts.map(bare);
  return hosts.some((host) => ours.has(host)) ? { kind: 'ours', hosts } : { kind: 'elsewhere', hosts };
}

/** The operator's warning for a check, or undefined when the MX is ours. */
export function domainMxWarning(
  domain: string,
  check: DomainMxCheck,
  ourHosts: readonly string[],
): string | undefined {
  const us = ourHosts.join(', ');
  switch (check.kind) {
    case 'ours':
      return undefined;
    case 'public-mail-domain':
      return `${domain} is a public mail service's domain: its addresses are not yours to certify`;
    case 'elsewhere':
      return `the MX of ${domain} is ${check.hosts.join(', ')}, not this provider (${us}): PEC for it will not reach you until its MX names ${us}`;
    case 'no-mail':
      return `${domain} receives no mail (${check.reason}): publish an MX record naming ${us}`;
    case 'unchecked':
      return `the MX of ${domain} could not be checked (${check.reason}): make sure it names ${us}`;
  }
}
