/**
 * Storage whose transactions also record webhook events, decorated at the composition root (as
 * telemetry/instrument-storage.ts does for the event log): the message tracking port is where
 * every service records what happens to a PEC message a holder sent (acceptance, receipts, the
 * 12 h / 24 h notices), and the mailbox port is where a received PEC message is filed, so
 * observing those two ports misses no event and the services stay unaware of webhooks. Each event
 * is written through the same transaction as the change it reports (services/webhooks).
 */
import type { MessageTrackingStore } from '../ports/message-tracking-store.ts';
import type { MailboxStore } from '../ports/mailbox-store.ts';
import type { Storage, StorageTransaction } from '../ports/storage.ts';
import { recordWebhookEvent, type WebhookRecordSettings } from '../services/webhooks/record-webhook-event.ts';
import type { WebhookEventType } from '../services/webhooks/webhook-events.ts';

function override<T extends object>(target: T, overrides: Partial<T>): T {
  return new Proxy(target, {
    get(object, property, receiver) {
      if (Object.hasOwn(overrides, property)) return overrides[property as keyof T];
      const value: unknown = Reflect.get(object, property, receiver);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(object) : value;
    },
  });
}

const statusEvents: Readonly<Record<string, WebhookEventType>> = {
  'taken-in-charge': 'message.taken-in-charge',
  delivered: 'message.delivered',
  error: 'message.non-delivery',
  'timeout-12h': 'message.timeout-12h',
  'timeout-24h': 'message.timeout-24h',
};

/** The PEC type of a transport envelope (pec-spec §3.2), as the mailbox rows record it. */
const transportEnvelope = 'posta-certificata';

function observedTracking(tx: StorageTransaction, settings: WebhookRecordSettings): MessageTrackingStore {
  const { tracking } = tx;
  return override(tracking, {
    track: async (message) => {
      const tracked = await tracking.track(message);
      await recordWebhookEvent(
        tx,
        {
          type: 'message.accepted',
          address: tracked.sender,
          at: tracked.acceptedAt,
          orderingKey: tracked.identifier,
          discriminator: '',
          data: {
            identifier: tracked.identifier,
            sender: tracked.sender,
            subject: tracked.subject,
            originalMessageId: tracked.originalMsgid,
            recipients: tracked.recipients.map((r) => r.address).join(', '),
            acceptedAt: tracked.acceptedAt.toISOString(),
          },
        },
        settings,
      );
      return tracked;
    },
    recordEvent: async (identifier, recipient, event) => {
      const result = await tracking.recordEvent(identifier, recipient, event);
      const message = await tracking.get(identifier);
      const first = result.events[event.status];
      const base = statusEvents[event.status];
      if (message !== undefined && first !== undefined && base !== undefined) {
        // pec-spec §3.8b: a non-delivery for virus says so in its error text.
        const type =
          base === 'message.non-delivery' && /virus/i.test(first.detail ?? '') ? 'message.virus' : base;
        await recordWebhookEvent(
          tx,
          {
            type,
            address: message.sender,
            at: first.at,
            orderingKey: identifier,
            discriminator: result.address,
            data: {
              identifier,
              sender: message.sender,
              subject: message.subject,
              recipient: result.address,
              recipientKind: result.kind,
              status: event.status,
              at: first.at.toISOString(),
              receiptId: first.receiptId,
              detail: first.detail,
            },
          },
          settings,
        );
      }
      return result;
    },
  });
}

function observedMailboxes(tx: StorageTransaction, settings: WebhookRecordSettings): MailboxStore {
  const { mailboxes } = tx;
  return override(mailboxes, {
    append: async (folderId, message) => {
      const result = await mailboxes.append(folderId, message);
      if (message.pecType !== transportEnvelope) return result;
      const folder = await mailboxes.getFolderById(folderId);
      const mailbox = folder === undefined ? undefined : await tx.accounts.getMailbox(folder.mailboxId);
      if (folder?.name !== 'INBOX' || mailbox === undefined) return result;
      const uid = result.message.uid;
      const orderingKey = message.pecReference ?? `${String(folderId)}:${String(uid)}`;
      await recordWebhookEvent(
        tx,
        {
          type: 'message.received',
          address: mailbox.address,
          at: message.internalDate,
          orderingKey,
          discriminator: `${String(folderId)}:${String(uid)}`,
          data: {
            identifier: message.pecReference ?? null,
            folderId: String(folderId),
            uid,
            from: message.envelope.from[0]?.address ?? null,
            subject: message.envelope.subject,
            receivedAt: message.internalDate.toISOString(),
          },
        },
        settings,
      );
      return result;
    },
  });
}

function observed(tx: StorageTransaction, settings: WebhookRecordSettings): StorageTransaction {
  return override(tx, {
    tracking: observedTracking(tx, settings),
    mailboxes: observedMailboxes(tx, settings),
    transaction: (fn) => tx.transaction((savepoint) => fn(observed(savepoint, settings))),
  });
}

export function withWebhookEvents(storage: Storage, settings: WebhookRecordSettings): Storage {
  return override(storage, {
    transaction: (fn) => storage.transaction((tx) => fn(observed(tx, settings))),
  });
}
