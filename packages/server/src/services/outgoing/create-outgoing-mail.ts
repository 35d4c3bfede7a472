/**
 * The webmail's sending and drafts (outgoing-mail.ts). Sending checks each address and the
 * recipient count as the access point does at RCPT TO, composes the message, checks size ×
 * recipients (DM 2/11/2005 art. 12, pec-spec §6.5) before anything is issued so the holder gets a
 * refusal rather than a notice for a message the webmail itself built, then submits it to the
 * access point exactly as SMTP submission does: MAIL FROM = From = the session's mailbox, RCPT TO =
 * To ∪ Cc.
 */
import { randomUUID } from 'node:crypto';
import { domainOf, type ProviderIndex } from '@pec/core';
import type { Clock } from '../../ports/clock.ts';
import type { StorageStores } from '../../ports/storage.ts';
import type { MessageAccess } from '../mailbox-access/message-access.ts';
import type { AccessPoint } from '../pipeline/access-point/access-point.ts';
import { SubmissionRefusedError } from '../pipeline/access-point/create-access-point.ts';
import { composeHolderMessage } from './compose-holder-message.ts';
import { readDraftFields } from './read-draft-fields.ts';
import type {
  OutgoingFields,
  OutgoingLimits,
  OutgoingMail,
  RecipientCheck,
  SendRefusal,
  Writer,
} from './outgoing-mail.ts';

/** The folder drafts live in (RFC 6154 \Drafts; created with the mailbox). */
export const draftsFolderName = 'Drafts';

export interface OutgoingMailDependencies {
  readonly accessPoint: Pick<AccessPoint, 'checkRecipient' | 'submit'>;
  readonly index: Pick<ProviderIndex, 'classifyDomain'>;
  readonly storage: Pick<StorageStores, 'accounts' | 'mailboxes'>;
  readonly messages: Pick<MessageAccess, 'append' | 'setFlags' | 'expunge' | 'list' | 'content'>;
  readonly clock: Clock;
  readonly settings: OutgoingLimits & {
    /** The right-hand side of the Message-IDs we make (RFC 5322 §3.6.4). */
    readonly domain: string;
  };
}

/** Every recipient once, compared case-insensitively, in the order given. */
export function recipientsOf(fields: Pick<OutgoingFields, 'to' | 'cc'>): string[] {
  const seen = new Set<string>();
  const all: string[] = [];
  for (const address of [...fields.to, ...fields.cc]) {
    if (seen.has(address.toLowerCase())) continue;
    seen.add(address.toLowerCase());
    all.push(address);
  }
  return all;
}

/**
 * The largest message `recipients` recipients allow: the message limit, or less when size ×
 * recipients would pass its limit (pec-spec §6.5).
 */
export function effectiveSizeLimit(limits: OutgoingLimits, recipients: number): number {
  return Math.min(
    limits.maxMessageBytes,
    Math.floor(limits.maxRecipientsTimesSize / Math.max(1, recipients)),
  );
}

export function createOutgoingMail(deps: OutgoingMailDependencies): OutgoingMail {
  const { settings } = deps;
  const limits: OutgoingLimits = {
    maxMessageBytes: settings.maxMessageBytes,
    maxRecipients: settings.maxRecipients,
    maxRecipientsTimesSize: settings.maxRecipientsTimesSize,
  };

  const newMessageId = () => `<${randomUUID()}@${settings.domain}>`;

  function compose(writer: Writer, fields: OutgoingFields, messageId: string, date: Date): Uint8Array {
    return composeHolderMessage({
      from: { address: writer.address, displayName: writer.displayName },
      to: fields.to,
      cc: fields.cc,
      subject: fields.subject,
      text: fields.text,
      ...(fields.html === undefined ? {} : { html: fields.html }),
      receiptType: fields.receiptType,
      attachments: fields.attachments,
      messageId,
      date,
      ...(fields.inReplyTo === undefined ? {} : { inReplyTo: fields.inReplyTo }),
      ...(fields.references === undefined ? {} : { references: fields.references }),
    });
  }

  async function checkRecipient(address: string): Promise<RecipientCheck> {
    if ((await deps.accessPoint.checkRecipient(address, 0)) !== undefined) return { address, valid: false };
    const domain = domainOf(address);
    if ((await deps.storage.accounts.getDomain(domain)) !== undefined)
      return { address, valid: true, kind: 'this-provider' };
    const kind = deps.index.classifyDomain(domain) === 'certificato' ? 'certified' : 'not-in-index';
    return { address, valid: true, kind };
  }

  async function recipientRefusal(recipients: readonly string[]): Promise<SendRefusal | undefined> {
    if (recipients.length === 0) return { reason: 'invalid-address', address: '' };
    for (const [count, address] of recipients.entries()) {
      const refusal = await deps.accessPoint.checkRecipient(address, count);
      if (refusal !== undefined) return refusal;
    }
    return undefined;
  }

  async function draftsFolderId(mailboxId: number): Promise<number | undefined> {
    return (await deps.storage.mailboxes.getFolder(mailboxId, draftsFolderName))?.id;
  }

  async function removeDraft(writer: Writer, folderId: number, uid: number): Promise<void> {
    const uids = [{ from: uid, to: uid }];
    await deps.messages.setFlags(writer.mailboxId, folderId, uids, { mode: 'add', flags: ['\\Deleted'] });
    await deps.messages.expunge(writer.mailboxId, folderId, { uids });
  }

  return {
    limits,

    checkRecipient,

    async send(writer, fields) {
      const recipients = recipientsOf(fields);
      const refused = await recipientRefusal(recipients);
      if (refused !== undefined) return { kind: 'refused', refusal: refused };
      const messageId = newMessageId();
      const raw = compose(writer, fields, messageId, deps.clock.now());
      const limitBytes = effectiveSizeLimit(limits, recipients.length);
      if (raw.length > limitBytes)
        return { kind: 'refused', refusal: { reason: 'message-too-large', limitBytes, part: 'message' } };
      try {
        const outcome = await deps.accessPoint.submit({
          authenticatedUser: writer.address,
          mailFrom: writer.address,
          rcptTo: recipients,
          raw,
          remoteAddress: writer.remoteAddress,
          secure: writer.secure,
        });
        if (outcome.kind === 'not-accepted') {
          return {
            kind: 'not-accepted',
            identifier: outcome.identifier,
            messageId,
            refusal: { ...outcome.refusal, notice: outcome.refusal.notice ?? outcome.identifier },
          };
        }
        return {
          kind: 'accepted',
          identifier: outcome.identifier,
          messageId,
          recipients: await Promise.all(recipients.map(checkRecipient)),
        };
      } catch (error) {
        if (error instanceof SubmissionRefusedError) return { kind: 'refused', refusal: error.refusal };
        throw error;
      }
    },

    async saveDraft(writer, fields, replaces) {
      const now = deps.clock.now();
      const raw = compose(writer, fields, newMessageId(), now);
      const appended = await deps.messages.append(writer.mailboxId, draftsFolderName, [
        { bytes: raw, flags: ['\\Draft', '\\Seen'], internalDate: now },
      ]);
      const uid = appended.uids[0];
      if (uid === undefined) throw new Error('append returned no UID');
      if (replaces !== undefined && replaces !== uid) await removeDraft(writer, appended.folderId, replaces);
      return { folderId: appended.folderId, uid };
    },

    async readDraft(writer, uid) {
      const folderId = await draftsFolderId(writer.mailboxId);
      if (folderId === undefined) return undefined;
      const [stored] = await deps.messages.list(folderId, [{ from: uid, to: uid }]);
      if (stored === undefined) return undefined;
      return readDraftFields(await deps.messages.content(stored));
    },

    async deleteDraft(writer, uid) {
      const folderId = await draftsFolderId(writer.mailboxId);
      if (folderId === undefined) return false;
      const found = await deps.storage.mailboxes.listMessageStates(folderId, {
        uids: [{ from: uid, to: uid }],
      });
      if (found.length === 0) return false;
      await removeDraft(writer, folderId, uid);
      return true;
    },
  };
}
