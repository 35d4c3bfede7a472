/**
 * The punto di ricezione (pec-spec §2.3, §8.4; RFC 6109 §2.2.2; decision 0007). RCPT TO: any address
 * on one of our domains is accepted (an unknown mailbox of a valid envelope gets a PEC non-delivery
 * notice from the delivery point, pec-spec §2.4), anything else is relaying and refused. End of DATA:
 * one time reference, verification and classification on the raw bytes, one virus scan, then the
 * branch of the outcome — each durable before `receive` resolves, so the adapter's `250` follows a commit.
 */
import type { ProviderContext } from '../../../app/provider-context.ts';
import { noVirusScanner, type VirusScanner } from '../../../ports/virus-scanner.ts';
import type { RevocationChecker } from '../../revocation/revocation-checker.ts';
import { isValidAddress } from '../access-point/is-valid-address.ts';
import { createIdentifierSource } from '../create-identifier-source.ts';
import { classifyReception } from './classify-reception.ts';
import { receivePecNotice } from './receive-pec-notice.ts';
import { receiveTransportEnvelope } from './receive-transport-envelope.ts';
import { receiveUnverifiedMail } from './receive-unverified-mail.ts';
import { uniqueAddresses, type QuarantineWriter, type ReceptionContext } from './reception-context.ts';
import type { ReceptionOutcome, ReceptionPoint } from './reception-point.ts';

export interface ReceptionPointOptions {
  /** Where infected messages are kept for 30 months (pec-spec §2.1). */
  readonly quarantine: QuarantineWriter;
  /** Default: none (development; pec-spec §2.1 requires a real one at the reception point). */
  readonly virusScanner?: VirusScanner;
  /** DER trust anchors for the signers' chains (pec-spec §8.4 step 4); not checked when absent. */
  readonly trustAnchors?: readonly Uint8Array[];
  /** Signer revocation at signing time (pec-spec §8.4 step 4, decision 0009); not checked when absent. */
  readonly revocation?: RevocationChecker;
  /** Called after outbox jobs may have been committed, e.g. to wake the outbox worker. */
  readonly onQueued?: () => void;
}

const hourMs = 60 * 60 * 1000;
const domainOf = (address: string): string => address.slice(address.lastIndexOf('@') + 1).toLowerCase();

export function createReceptionPoint(ctx: ProviderContext, options: ReceptionPointOptions): ReceptionPoint {
  const scanner = options.virusScanner ?? noVirusScanner;
  const ids = createIdentifierSource(ctx.identity.domain);
  const { limits, provider, timeouts } = ctx.config.config;
  const serviceMailbox = provider.receiptMailbox.toLowerCase();
  const alwaysOurs = new Set([ctx.identity.domain.toLowerCase(), domainOf(serviceMailbox)]);

  async function isOurDomain(domain: string): Promise<boolean> {
    return alwaysOurs.has(domain) || (await ctx.storage.accounts.getDomain(domain)) !== undefined;
  }

  return {
    async checkRecipient(address, countSoFar) {
      if (!isValidAddress(address)) {
        return { smtpCode: 501, enhancedCode: '5.1.3', text: 'invalid recipient address' };
      }
      if (countSoFar >= limits.maxRecipients) {
        return {
          smtpCode: 452,
          enhancedCode: '4.5.3',
          text: `too many recipients: at most ${limits.maxRecipients} per transaction`,
        };
      }
      const domain = domainOf(address);
      if (!(await isOurDomain(domain))) {
        return {
          smtpCode: 550,
          enhancedCode: '5.7.1',
          text: `relay access denied: ${domain} is not a domain of this provider`,
        };
      }
      return undefined;
    },

    async receive(reception): Promise<ReceptionOutcome> {
      // pec-spec §6.2: one time reference for the whole transaction.
      const now = ctx.clock.now();
      if (reception.raw.length > limits.maxMessageBytes) {
        return {
          kind: 'refused',
          classification: 'ordinary',
          smtpCode: 552,
          enhancedCode: '5.3.4',
          text: `message larger than ${limits.maxMessageBytes} bytes`,
        };
      }
      const rc: ReceptionContext = {
        ctx,
        ids,
        quarantine: options.quarantine,
        reception,
        now,
        serviceMailbox,
        recipients: uniqueAddresses(reception.rcptTo),
        relayExpiresAt: new Date(now.getTime() + timeouts.queueLifetimeHours * hourMs).toISOString(),
      };
      const verdict = await classifyReception(reception.raw, {
        index: ctx.index,
        now,
        trustAnchors: options.trustAnchors,
        revocation: options.revocation,
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
      if (outcome.kind === 'accepted') options.onQueued?.();
      return outcome;
    },
  };
}
