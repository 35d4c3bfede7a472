/**
 * The notice of a sign-in from a network or device the box had not used before (flagged in the
 * access history, decision 0015): to the contact address, in Italian then English, with when,
 * which protocol and client, and from which address, and what to do if it was not the holder.
 * At most one an hour per box, so a new phone syncing over IMAP and SMTP does not send three. By
 * SMS too when the holder chose it (decision 0045), at once even in quiet hours.
 */
import type { AccessLogEntry } from '../../ports/access-log.ts';
import type { AccountStore } from '../../ports/account-store.ts';
import type { BlobStore } from '../../ports/blob-store.ts';
import type { StorageStores } from '../../ports/storage.ts';
import { deviceLabel } from '../web-sessions/describe-user-agent.ts';
import { queueBoxLifeSms, type BoxLifeSmsSettings } from './queue-box-life-sms.ts';
import { sendHolderMail, type HolderMailSettings } from './send-holder-mail.ts';

const hourMs = 60 * 60 * 1000;

export function describeNewOrigin(entry: AccessLogEntry, address: string): { subject: string; text: string } {
  const when = `${entry.at.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
  const protocol = entry.protocol === 'http' ? 'webmail' : entry.protocol.toUpperCase();
  const device = deviceLabel(entry.clientId) ?? entry.clientId ?? '-';
  return {
    subject: `Nuovo accesso alla casella PEC ${address} / New sign-in`,
    text:
      `Nuovo accesso alla casella PEC ${address} da un dispositivo o una rete mai usati prima:\n` +
      `${when}, ${protocol}, ${device}, indirizzo ${entry.remoteAddress}.\n` +
      'Se non sei stato tu, cambia subito la password e chiudi le altre sessioni nelle impostazioni di sicurezza.\n\n' +
      `New sign-in to the PEC mailbox ${address} from a device or network not used before:\n` +
      `${when}, ${protocol}, ${device}, address ${entry.remoteAddress}.\n` +
      'If this was not you, change the password at once and sign the other sessions out in the security settings.',
  };
}

export function createNewOriginNotice(deps: {
  readonly storage: StorageStores & { readonly accounts: Pick<AccountStore, 'getMailbox'> };
  readonly blobs: Pick<BlobStore, 'put'>;
  readonly settings: HolderMailSettings & Partial<BoxLifeSmsSettings>;
}): (entry: AccessLogEntry) => Promise<void> {
  const lastSent = new Map<number, number>();
  return async (entry) => {
    if (entry.mailboxId === null) return;
    const last = lastSent.get(entry.mailboxId);
    if (last !== undefined && entry.at.getTime() - last < hourMs) return;
    const mailbox = await deps.storage.accounts.getMailbox(entry.mailboxId);
    if (mailbox === undefined) return;
    lastSent.set(entry.mailboxId, entry.at.getTime());
    const id = `new-origin-${String(entry.id)}`;
    await sendHolderMail(deps, deps.settings, {
      mailbox,
      ...describeNewOrigin(entry, mailbox.address),
      id,
      at: entry.at,
    });
    const protocol = entry.protocol === 'http' ? 'webmail' : entry.protocol.toUpperCase();
    await queueBoxLifeSms(deps.storage, deps.settings, {
      mailboxId: mailbox.id,
      box: mailbox.address,
      notice: { kind: 'new-sign-in', at: entry.at, protocol },
      id,
      at: entry.at,
    });
  };
}
