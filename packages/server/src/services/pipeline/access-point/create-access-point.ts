/**
 * The punto di accesso (pec-spec §2.2, RFC 6109 §3.1; decision 0004), in the rules' order:
 * 1. the authenticated mailbox must be MAIL FROM and allowed to send (refused before DATA);
 * 2. formal checks → signed non-acceptance notice (formal);
 * 3. virus scan → signed non-acceptance notice (virus);
 * 4.–9. classification, identificativo, acceptance receipt, transport envelope, outbox — durable
 *    before `submit` resolves, so the adapter's `250` follows a commit.
 */
import { deriveOriginalFacts, type OriginalFacts } from '@pec/core';
import type { ProviderContext } from '../../../app/provider-context.ts';
import type { Mailbox } from '../../../ports/account-store.ts';
import { noVirusScanner, type VirusScanner } from '../../../ports/virus-scanner.ts';
import type { QuarantineStore } from '../../quarantine/open-quarantine-store.ts';
import { RefusalError } from '../../refusal/refusal-error.ts';
import type { RefusalOf } from '../../refusal/refusal.ts';
import { createIdentifierSource } from '../create-identifier-source.ts';
import { acceptSubmission } from './accept-submission.ts';
import type { AccessPoint, SenderRefusal, Submission, SubmissionOutcome } from './access-point.ts';
import { checkSenderMailbox } from './check-sender-mailbox.ts';
import { checkSubmissionFormat } from './check-submission-format.ts';
import { isValidAddress } from './is-valid-address.ts';
import { issueNonAcceptance } from './issue-non-acceptance.ts';

export interface AccessPointOptions {
  /** Default: none (development; pec-spec §2.2 step 3 requires a real one in production). */
  readonly virusScanner?: VirusScanner;
  /** Called after outbox jobs were committed, e.g. to wake the outbox worker. */
  readonly onQueued?: () => void;
  /** Where infected submissions are kept for 30 months (DPR 68/2005 art. 12, pec-spec §2.1). */
  readonly quarantine?: Pick<QuarantineStore, 'put'>;
}

/**
 * Thrown by `submit` when the submission must be refused at SMTP level with no notice: a sender
 * that `checkSender` refuses, or a message over `limits.maxMessageBytes` (RFC 6109 §3.1.2).
 */
export class SubmissionRefusedError extends RefusalError<SenderRefusal | RefusalOf<'message-too-large'>> {
  constructor(refusal: SenderRefusal | RefusalOf<'message-too-large'>) {
    super(refusal);
    this.name = 'SubmissionRefusedError';
  }
}

const domainOf = (address: string): string => address.slice(address.lastIndexOf('@') + 1).toLowerCase();

export function createAccessPoint(ctx: ProviderContext, options: AccessPointOptions = {}): AccessPoint {
  const scanner = options.virusScanner ?? noVirusScanner;
  const ids = createIdentifierSource(ctx.identity.domain);
  const limits = ctx.config.config.limits;

  async function senderRefusal(
    authenticatedUser: string,
    mailFrom: string,
    now: Date,
  ): Promise<{ refusal: SenderRefusal } | { mailbox: Mailbox }> {
    if (authenticatedUser.toLowerCase() !== mailFrom.toLowerCase()) {
      return { refusal: { reason: 'sender-not-holder', sender: mailFrom } };
    }
    const mailbox = await ctx.storage.accounts.findMailboxByAddress(mailFrom);
    const refusal = checkSenderMailbox(mailbox, now);
    if (refusal !== undefined || mailbox === undefined) {
      return { refusal: refusal ?? { reason: 'sender-unknown' } };
    }
    return { mailbox };
  }

  /** Our own domains are PEC domains even before the index lists them (pec-spec §2.2 step 4). */
  async function classify(raw: Uint8Array): Promise<{ facts: OriginalFacts; local: Set<string> }> {
    const indexed = deriveOriginalFacts(raw, (address) => ctx.index.classifyDomain(address));
    const local = new Set<string>();
    const ours = new Map<string, boolean>();
    for (const { address } of indexed.recipients) {
      const domain = domainOf(address);
      if (!ours.has(domain)) ours.set(domain, (await ctx.storage.accounts.getDomain(domain)) !== undefined);
      if (ours.get(domain) === true) local.add(address.toLowerCase());
    }
    const recipients = indexed.recipients.map((r) =>
      local.has(r.address.toLowerCase()) ? { ...r, kind: 'certificato' as const } : r,
    );
    return { facts: { ...indexed, recipients }, local };
  }

  return {
    async checkSender(authenticatedUser, mailFrom) {
      const result = await senderRefusal(authenticatedUser, mailFrom, ctx.clock.now());
      return 'refusal' in result ? result.refusal : undefined;
    },

    checkRecipient(address, countSoFar) {
      if (!isValidAddress(address)) return Promise.resolve({ reason: 'invalid-address', address });
      if (countSoFar >= limits.maxRecipients) {
        return Promise.resolve({ reason: 'too-many-recipients', limit: limits.maxRecipients });
      }
      return Promise.resolve(undefined);
    },

    async submit(submission: Submission): Promise<SubmissionOutcome> {
      // pec-spec §6.2: one time reference for the whole transaction.
      const now = ctx.clock.now();
      const sender = await senderRefusal(submission.authenticatedUser, submission.mailFrom, now);
      if ('refusal' in sender) throw new SubmissionRefusedError(sender.refusal);
      if (submission.raw.length > limits.maxMessageBytes) {
        throw new SubmissionRefusedError({
          reason: 'message-too-large',
          limitBytes: limits.maxMessageBytes,
          part: 'message',
        });
      }
      const { facts, local } = await classify(submission.raw);
      // Notices go to the reverse-path, never elsewhere (pec-spec §3.0).
      const noticeFacts = { ...facts, sender: sender.mailbox.address };
      const failure = checkSubmissionFormat(submission.raw, submission, limits);
      if (failure !== undefined) {
        return issueNonAcceptance(ctx, ids, {
          sender: sender.mailbox,
          facts: noticeFacts,
          description: failure.description,
          refusal: { reason: 'malformed-message', problem: failure.text },
          now,
        });
      }
      const scan = await scanner.scan(submission.raw);
      if (scan.infected) {
        const name = scan.signature ?? 'sconosciuto';
        // Kept before the notice is issued: the evidence must exist whatever happens next.
        await options.quarantine?.put(submission.raw, {
          point: 'access',
          signature: name,
          sender: sender.mailbox.address,
          recipients: [...submission.rcptTo],
          detectedAt: now,
        });
        return issueNonAcceptance(ctx, ids, {
          sender: sender.mailbox,
          facts: noticeFacts,
          description: `rilevato virus ${name}`,
          refusal: { reason: 'virus-found', signature: scan.signature },
          now,
        });
      }
      const accepted = await acceptSubmission(ctx, ids, {
        sender: sender.mailbox,
        mailFrom: submission.mailFrom,
        raw: submission.raw,
        facts,
        localRecipients: local,
        now,
      });
      if (accepted.jobs > 0) options.onQueued?.();
      return { kind: 'accepted', identifier: accepted.identifier };
    },
  };
}
