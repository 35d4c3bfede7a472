/**
 * One relay attempt for a set of recipients: grouped by domain, each group routed (static route or
 * MX) and sent in one SMTP transaction with the same bytes and reverse-path (pec-spec §2.2 step 8,
 * §12 pitfall 4), trying the route's next host only when the previous one could not start a
 * transaction. TLS per hop: the route's policy, else `certifiedTls` for groups with a PEC recipient
 * and `externalTls` for the others (pec-spec §8.6). Every recipient gets one result.
 */
import { domainOf } from '@pec/core';
import type { RecipientOutcomeKind, RelayAttempt } from '../../../ports/relay-transport.ts';
import type { RelayDependencies } from './relay-dependencies.ts';

export interface RelayTarget {
  readonly address: string;
  /** A PEC recipient (certificato) or PEC traffic: the stricter TLS policy applies. */
  readonly certified: boolean;
}

export interface RelayResult {
  readonly address: string;
  /** `expired`: still undeliverable when the queue lifetime ran out. */
  readonly outcome: RecipientOutcomeKind | 'expired';
  /** The host that answered, when one did. */
  readonly host: string | null;
  readonly code: number | null;
  readonly enhancedCode: string | null;
  readonly text: string;
}

export interface RelayMessage {
  readonly bytes: Uint8Array;
  readonly mailFrom: string;
  readonly targets: readonly RelayTarget[];
}

function same(
  targets: readonly RelayTarget[],
  outcome: RecipientOutcomeKind,
  text: string,
  enhancedCode: string | null = null,
): RelayResult[] {
  return targets.map((target) => ({
    address: target.address,
    outcome,
    host: null,
    code: null,
    enhancedCode,
    text,
  }));
}

async function relayGroup(
  deps: Pick<RelayDependencies, 'router' | 'transport' | 'settings'>,
  message: RelayMessage,
  domain: string,
  targets: readonly RelayTarget[],
): Promise<RelayResult[]> {
  const resolution = await deps.router.route(domain).catch((error: unknown) => ({
    kind: 'temporary-failure' as const,
    reason: `routing ${domain} failed: ${error instanceof Error ? error.message : String(error)}`,
  }));
  if (resolution.kind === 'permanent-failure') return same(targets, 'permanent', resolution.reason, '5.1.2');
  if (resolution.kind === 'temporary-failure') return same(targets, 'temporary', resolution.reason, '4.4.3');
  const certified = targets.some((target) => target.certified);
  const { settings } = deps;
  let last: { attempt: RelayAttempt; host: string } | undefined;
  for (const hop of resolution.hops) {
    const attempt = await deps.transport.send({
      host: hop.host,
      port: hop.port,
      mailFrom: message.mailFrom,
      rcptTo: targets.map((target) => target.address),
      bytes: message.bytes,
      tls: hop.tls ?? (certified ? settings.certifiedTls : settings.externalTls),
      tlsCa: settings.tlsCa,
      heloName: settings.hostname,
    });
    last = { attempt, host: hop.host };
    if (attempt.transacted) break;
  }
  if (last === undefined) return same(targets, 'temporary', `no host to relay ${domain} to`, '4.4.3');
  const { attempt, host } = last;
  return attempt.recipients.map((recipient) => ({ ...recipient, host }));
}

/** Sends `message` to every target's domain at once; results in target order. */
export async function relayToDomains(
  deps: Pick<RelayDependencies, 'router' | 'transport' | 'settings'>,
  message: RelayMessage,
): Promise<RelayResult[]> {
  const groups = new Map<string, RelayTarget[]>();
  const invalid: RelayTarget[] = [];
  for (const target of message.targets) {
    const domain = target.address.lastIndexOf('@') <= 0 ? '' : domainOf(target.address);
    if (domain === '') {
      invalid.push(target);
      continue;
    }
    const group = groups.get(domain) ?? [];
    group.push(target);
    groups.set(domain, group);
  }
  const results = await Promise.all(
    [...groups].map(([domain, targets]) => relayGroup(deps, message, domain, targets)),
  );
  const byAddress = new Map<string, RelayResult>();
  for (const result of [...results.flat(), ...same(invalid, 'permanent', 'not a mail address', '5.1.3')]) {
    byAddress.set(result.address, result);
  }
  return message.targets.map(
    (target) =>
      byAddress.get(target.address) ?? {
        address: target.address,
        outcome: 'temporary',
        host: null,
        code: null,
        enhancedCode: null,
        text: 'not attempted',
      },
  );
}
