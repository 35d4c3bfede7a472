/**
 * The punto di ricezione (pec-spec §2.3, §8.4; RFC 6109 §2.2.2; decision 0007). RCPT TO: any address
 * on one of our domains is accepted (an unknown mailbox of a valid envelope gets a PEC non-delivery
 * notice from the delivery point, pec-spec §2.4), anything else is relaying and refused. End of DATA:
 * one time reference, verification and classification on the raw bytes, one virus scan, then the
 * branch of the outcome — each durable before `receive` resolves, so the adapter's `250` follows a commit.
 */
import { performance } from 'node:perf_hooks';
import { domainOf, isAddrSpec } from '@pec/core';
import { noVirusScanner } from '../../../ports/virus-scanner.ts';
import { nullEventLog } from '../../../ports/event-log.ts';
import { createIdentifierSource } from '../create-identifier-source.ts';
import { relayExpiresAt } from '../relay/relay-expiry.ts';
import { classifyReception } from './classify-reception.ts';
import { receivePecNotice } from './receive-pec-notice.ts';
import { receiveTransportEnvelope } from './receive-transport-envelope.ts';
import { receiveUnverifiedMail } from './receive-unverified-mail.ts';
import { uniqueAddresses, type ReceptionContext } from './reception-context.ts';
import type { ReceptionPointDependencies } from './reception-point-dependencies.ts';
import type { ReceptionOutcome, ReceptionPoint } from './reception-point.ts';

export function createReceptionPoint(deps: ReceptionPointDependencies): ReceptionPoint {
  const { settings } = deps;
  const scanner = deps.virusScanner ?? noVirusScanner;
  const ids = createIdentifierSource(settings.identity.domain);
  const limits = settings;
  const serviceMailbox = settings.serviceMailbox.toLowerCase();
  const alwaysOurs = new Set([settings.identity.domain.toLowerCase(), domainOf(serviceMailbox)]);

  async function isOurDomain(domain: string): Promise<boolean> {
    return alwaysOurs.has(domain) || (await deps.storage.accounts.getDomain(domain)) !== undefined;
  }

  return {
    async checkRecipient(address, countSoFar) {
      if (!isAddrSpec(address)) return { reason: 'invalid-address', address };
      if (countSoFar >= limits.maxRecipients)
        return { reason: 'too-many-recipients', limit: limits.maxRecipients };
      const domain = domainOf(address);
      if (!(await isOurDomain(domain))) return { reason: 'relay-denied', domain };
      return undefined;
    },

    async receive(reception): Promise<ReceptionOutcome> {
      // pec-spec §6.2: one time reference for the whole transaction.
      const now = deps.clock.now();
      if (reception.raw.length > limits.maxMessageBytes) {
        return {
          kind: 'refused',
          classification: 'ordinary',
          refusal: { reason: 'message-too-large', limitBytes: limits.maxMessageBytes, part: 'message' },
        };
      }
      const rc: ReceptionContext = {
        deps,
        settings,
        ids,
        quarantine: deps.quarantine,
        deliveryStatusOf: deps.deliveryStatusOf,
        reception,
        now,
        serviceMailbox,
        recipients: uniqueAddresses(reception.rcptTo),
        relayExpiresAt: relayExpiresAt(now, settings.queueLifetimeMs).toISOString(),
      };
      const verifying = performance.now();
      const verdict = await classifyReception(reception.raw, {
        index: deps.index,
        now,
        trustAnchors: deps.trustAnchors,
        revocation: deps.revocation,
      });
      (deps.events ?? nullEventLog).emit({
        event: 'signature.verified',
        durationMs: performance.now() - verifying,
        verdict: verdict.kind,
      });
      // pec-spec §2.1, §2.3: antivirus on envelopes and ordinary mail alike; a failing scanner throws.
      const scan = await scanner.scan(reception.raw);
      let outcome: ReceptionOutcome;
      switch (verdict.kind) {
        case 'transport-envelope':
          outcome = await receiveTransportEnvelope(rc, verdict, scan);
          break;
        case 'pec-notice':
          outcome = await receivePecNotice(rc, verdict, scan);
          break;
        case 'invalid-pec':
        case 'ordinary':
          outcome = await receiveUnverifiedMail(rc, verdict, scan);
          break;
      }
      if (outcome.kind === 'accepted') deps.onQueued?.();
      return outcome;
    },
  };
}
