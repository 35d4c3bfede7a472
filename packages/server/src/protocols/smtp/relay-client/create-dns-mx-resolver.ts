/**
 * The MxResolver adapter on DNS (RFC 5321 §5.1): MX hosts by preference, equal preferences in
 * random order; no MX but an A or AAAA record → the domain itself (implicit MX); a null MX
 * (RFC 7505) or a domain that does not exist → permanent failure; any other DNS trouble →
 * temporary failure, so the relay tries again later.
 */
import { Resolver } from 'node:dns/promises';
import type { MxResolution, MxResolver } from '../../../ports/mx-resolver.ts';

/** The part of node:dns/promises Resolver used here (tests pass a fake). */
export interface DnsLookups {
  resolveMx(domain: string): Promise<{ exchange: string; priority: number }[]>;
  resolve4(domain: string): Promise<string[]>;
  resolve6(domain: string): Promise<string[]>;
}

export interface DnsMxResolverOptions {
  /** Default: a node:dns Resolver with the system's servers. */
  readonly dns?: DnsLookups;
  /** Per-query timeout of the default resolver. Default 10 s. */
  readonly timeoutMs?: number;
}

function codeOf(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string'
    ? error.code
    : undefined;
}

/** NXDOMAIN or "no records of this type": the answer is final. */
function isAbsent(error: unknown): boolean {
  const code = codeOf(error);
  return code === 'ENOTFOUND' || code === 'ENODATA';
}

function byPreference(records: readonly { exchange: string; priority: number }[]): string[] {
  return records
    .map((record) => ({ ...record, tie: Math.random() }))
    .sort((a, b) => a.priority - b.priority || a.tie - b.tie)
    .map((record) => record.exchange.replace(/\.$/, ''));
}

async function hasAddress(dns: DnsLookups, domain: string): Promise<boolean> {
  const answers = await Promise.allSettled([dns.resolve4(domain), dns.resolve6(domain)]);
  if (answers.some((answer) => answer.status === 'fulfilled' && answer.value.length > 0)) return true;
  const failures = answers.filter((answer) => answer.status === 'rejected');
  // A query that failed for another reason than absence leaves the question open.
  if (failures.some((failure) => !isAbsent(failure.reason))) throw failures[0]?.reason;
  return false;
}

export function createDnsMxResolver(options: DnsMxResolverOptions = {}): MxResolver {
  const dns = options.dns ?? new Resolver({ timeout: options.timeoutMs ?? 10_000, tries: 2 });
  return {
    async resolve(domain): Promise<MxResolution> {
      try {
        const records = await dns.resolveMx(domain);
        const hosts = byPreference(records).filter((host) => host !== '');
        if (hosts.length === 0) {
          return { kind: 'permanent-failure', reason: `${domain} publishes a null MX: it accepts no mail` };
        }
        return { kind: 'hosts', hosts };
      } catch (error) {
        const code = codeOf(error);
        if (code === 'ENOTFOUND') return { kind: 'permanent-failure', reason: `${domain} does not exist` };
        if (code !== 'ENODATA') {
          return {
            kind: 'temporary-failure',
            reason: `MX lookup for ${domain} failed: ${code ?? String(error)}`,
          };
        }
      }
      try {
        return (await hasAddress(dns, domain))
          ? { kind: 'hosts', hosts: [domain] }
          : { kind: 'permanent-failure', reason: `${domain} has no MX and no address` };
      } catch (error) {
        return {
          kind: 'temporary-failure',
          reason: `address lookup for ${domain} failed: ${codeOf(error) ?? String(error)}`,
        };
      }
    },
  };
}
