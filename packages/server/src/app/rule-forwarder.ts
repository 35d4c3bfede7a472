/**
 * Forwarding by a holder's rule (decision 0026): the delivered message goes out as a NEW PEC from
 * the holder's own box, through the same access point as the webmail (formal checks, acceptance,
 * envelope, receipts to the holder), with the original attached as a message/rfc822 part. A refusal
 * (quota, an expired box, a bad address) is the forward's: it is logged and the delivery stands.
 */
import type { AccessPoint } from '../services/pipeline/access-point/access-point.ts';
import type { EventLog } from '../ports/event-log.ts';
import type { RuleForward } from '../services/pipeline/delivery-point/delivery-point-dependencies.ts';
import { createChangeFeed } from '../services/notifications/change-feed.ts';
import { createMailboxAccess } from '../services/mailbox-access/create-mailbox-access.ts';
import { createOutgoingMail } from '../services/outgoing/create-outgoing-mail.ts';
import { coordinationOf } from './open-coordination.ts';
import type { ProviderContext } from './provider-context.ts';

export function createRuleForwarder(
  ctx: ProviderContext,
  accessPoint: AccessPoint,
  events: EventLog,
): (forward: RuleForward, original: Uint8Array) => Promise<void> {
  const { config } = ctx.config;
  const { bus, locks } = coordinationOf(ctx);
  const outgoing = createOutgoingMail({
    accessPoint,
    index: ctx.index,
    storage: ctx.storage,
    messages: createMailboxAccess({
      storage: ctx.storage,
      blobs: ctx.blobs,
      changes: createChangeFeed({ bus }),
      clock: ctx.clock,
      locks,
    }).messages,
    clock: ctx.clock,
    settings: {
      domain: config.provider.domain,
      maxMessageBytes: config.limits.maxMessageBytes,
      maxRecipients: config.limits.maxRecipients,
      maxRecipientsTimesSize: config.limits.maxRecipientsTimesSize,
    },
  });
  return async (forward, original) => {
    try {
      const outcome = await outgoing.send(
        {
          mailboxId: forward.mailboxId,
          address: forward.address,
          displayName: '',
          remoteAddress: '127.0.0.1',
          secure: true,
        },
        {
          to: [forward.to],
          cc: [],
          subject: `I: ${forward.subject}`,
          text: `Inoltro automatico (regola della casella ${forward.address}) del messaggio ${forward.identifier}.`,
          receiptType: 'completa',
          attachments: [{ name: 'messaggio-originale.eml', contentType: 'message/rfc822', bytes: original }],
        },
      );
      if (outcome.kind !== 'accepted') {
        const reason = outcome.kind === 'refused' ? outcome.refusal.reason : outcome.refusal.reason;
        events.emit({
          event: 'job.failed',
          kind: 'rule-forward',
          error: new Error(`forward of ${forward.identifier} to ${forward.to} refused: ${reason}`),
        });
      }
    } catch (error) {
      events.emit({ event: 'job.failed', kind: 'rule-forward', error });
    }
  };
}
