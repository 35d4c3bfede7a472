/**
 * The webmail's outgoing service over the access point, with the configured limits: one recipe for
 * the HTTP API and for the outbox's `scheduled-send` handler (decision 0024), which sends the same way.
 */
import type { MessageAccess } from '../services/mailbox-access/message-access.ts';
import { createOutgoingMail } from '../services/outgoing/create-outgoing-mail.ts';
import type { OutgoingMail } from '../services/outgoing/outgoing-mail.ts';
import type { AccessPoint } from '../services/pipeline/access-point/access-point.ts';
import { createMailboxAccess } from '../services/mailbox-access/create-mailbox-access.ts';
import { createChangeFeed } from '../services/notifications/change-feed.ts';
import { coordinationOf } from './open-coordination.ts';
import type { ProviderContext } from './provider-context.ts';

export function configuredOutgoingMail(
  ctx: ProviderContext,
  accessPoint: AccessPoint,
  messages: MessageAccess,
): OutgoingMail {
  const { config } = ctx.config;
  return createOutgoingMail({
    accessPoint,
    index: ctx.index,
    storage: ctx.storage,
    messages,
    clock: ctx.clock,
    settings: {
      domain: config.provider.domain,
      maxMessageBytes: config.limits.maxMessageBytes,
      maxRecipients: config.limits.maxRecipients,
      maxRecipientsTimesSize: config.limits.maxRecipientsTimesSize,
    },
  });
}

/** Message access for the outbox's scheduled sends, over the same storage and change bus as the API's. */
export function scheduledSendMessages(ctx: ProviderContext): MessageAccess {
  const { bus, locks } = coordinationOf(ctx);
  return createMailboxAccess({
    storage: ctx.storage,
    blobs: ctx.blobs,
    changes: createChangeFeed({ bus }),
    clock: ctx.clock,
    locks,
  }).messages;
}
