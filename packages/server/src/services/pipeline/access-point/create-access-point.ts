/**
 * The punto di accesso (pec-spec §2.2, RFC 6109 §3.1; decision 0004), in the rules' order:
 * 1. the authenticated mailbox must be MAIL FROM and allowed to send (refused before DATA);
 * 2. formal checks → signed non-acceptance notice (formal);
 * 3. virus scan → signed non-acceptance notice (virus);
 * 4.–9. classification, identificativo, acceptance receipt, transport envelope, outbox — durable
 *    before `submit` resolves, so the adapter's `250` follows a commit.
 */
import { deriveOriginalFacts, domainOf, isAddrSpec, type OriginalFacts } from '@pec/core';
import type { Mailbox } from '../../../ports/account-store.ts';
import type { Storage } from '../../../ports/storage.ts';
import { noVirusScanner } from '../../../ports/virus-scanner.ts';
import { RefusalError } from '../../refusal/refusal-error.ts';
import type { RefusalOf } from '../../refusal/refusal.ts';
import { createIdentifierSource } from '../create-identifier-source.ts';
import { acceptSubmission } from './accept-submission.ts';
import type { AccessPointDependencies } from './access-point-dependencies.ts';
import type { AccessPoint, SenderRefusal, Submission, SubmissionOutcome } from './access-point.ts';
import { checkSenderMailbox } from './check-sender-mailbox.ts';
import { checkSubmissionFormat } from './check-submission-format.ts';
import { withoutDurableWait } from '../without-durable-wait.ts';
import { issueNonAcceptance } from './issue-non-acceptance.ts';

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

export function createAccessPoint(deps: AccessPointDependencies): AccessPoint {
  const scanner = deps.virusScanner ?? noVirusScanner;
  const limits = deps.settings;
  const ids = createIdentifierSource(limits.identity.domain);

  async function senderRefusal(
    storage: Storage,
    authenticatedUser: string,
    mailFrom: string,
    now: Date,
  ): Promise<{ refusal: SenderRefusal } | { mailbox: Mailbox }> {
    if (authenticatedUser.toLowerCase() !== mailFrom.toLowerCase()) {
      return { refusal: { reason: 'sender-not-holder', sender: mailFrom } };
    }
    const mailbox = await storage.accounts.findMailboxByAddress(mailFrom);
    const refusal = checkSenderMailbox(mailbox, now, limits.graceDaysAfterExpiry);
    if (refusal !== undefined || mailbox === undefined) {
      return { refusal: refusal ?? { reason: 'sender-unknown' } };
    }
    return { mailbox };
  }

  /** Our own domains are PEC domains even before the index lists them (pec-spec §2.2 step 4). */
  async function classify(
    storage: Storage,
    raw: Uint8Array,
  ): Promise<{ facts: OriginalFacts; local: Set<string> }> {
    const indexed = deriveOriginalFacts(raw, (address) => deps.index.classifyDomain(address));
    const local = new Set<string>();
    const ours = new Map<string, boolean>();
    for (const { address } of indexed.recipients) {
      const domain = domainOf(address);
      if (!ours.has(domain)) ours.set(domain, (await storage.accounts.getDomain(domain)) !== undefined);
      if (ours.get(domain) === true) local.add(address.toLowerCase());
    }
    const recipients = indexed.recipients.map((r) =>
      local.has(r.address.toLowerCase()) ? { ...r, kind: 'certificato' as const } : r,
    );
    return { facts: { ...indexed, recipients }, local };
  }

  return {
    async checkSender(authenticatedUser, mailFrom) {
      const result = await senderRefusal(deps.storage, authenticatedUser, mailFrom, deps.clock.now());
      return 'refusal' in result ? result.refusal : undefined;
    },

    checkRecipient(address, countSoFar) {
      if (!isAddrSpec(address)) return Promise.resolve({ reason: 'invalid-address', address });
      if (countSoFar >= limits.maxRecipients) {
        return Promise.resolve({ reason: 'too-many-recipients', limit: limits.maxRecipients });
      }
      return Promise.resolve(undefined);
    },

    async submit(submission: Submission): Promise<SubmissionOutcome> {
      // pec-spec §6.2: one time reference for the whole transaction.
      const now = deps.clock.now();
      // These lookups need not wait for fsyncs of other work (decision 0053): a refusal has no
      // effect to make durable, and an acceptance is acknowledged only after its own transaction,
      // whose wait covers every commit before it.
      const sender = await withoutDurableWait(deps.storage, (storage) =>
        senderRefusal(storage, submission.authenticatedUser, submission.mailFrom, now),
      );
      if ('refusal' in sender) throw new SubmissionRefusedError(sender.refusal);
      if (submission.raw.length > limits.maxMessageBytes) {
        throw new SubmissionRefusedError({
          reason: 'message-too-large',
          limitBytes: limits.maxMessageBytes,
          part: 'message',
        });
      }
      const { facts, local } = await withoutDurableWait(deps.storage, (storage) =>
        classify(storage, submission.raw),
      );
      // Notices go to the reverse-path, never elsewhere (pec-spec §3.0).
      const noticeFacts = { ...facts, sender: sender.mailbox.address };
      const failure = checkSubmissionFormat(submission.raw, submission, limits);
      if (failure !== undefined) {
        return issueNonAcceptance(deps, ids, {
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
        await deps.quarantine?.put(submission.raw, {
          point: 'access',
          signature: name,
          sender: sender.mailbox.address,
          recipients: [...submission.rcptTo],
          detectedAt: now,
        });
        return issueNonAcceptance(deps, ids, {
          sender: sender.mailbox,
          facts: noticeFacts,
          description: `rilevato virus ${name}`,
          refusal: { reason: 'virus-found', signature: scan.signature },
          now,
        });
      }
      const accepted = await acceptSubmission(deps, ids, {
        sender: sender.mailbox,
        mailFrom: submission.mailFrom,
        raw: submission.raw,
        facts,
        localRecipients: local,
        now,
      });
      if (accepted.jobs > 0) deps.onQueued?.();
      return { kind: 'accepted', identifier: accepted.identifier };
    },
  };
}
