/**
 * The two mails of password recovery as ordinary RFC 5322 messages to the holder's contact
 * address, in Italian then English like the box's notices (build-box-notice.ts): the link, and
 * the notice that the password was reset (build-holder-mail.ts). Pure: time and ids are inputs.
 */
import { buildHolderMail } from '../holder-notices/build-holder-mail.ts';

export type RecoveryMail =
  | { readonly kind: 'link'; readonly url: string; readonly validMinutes: number }
  | { readonly kind: 'reset'; readonly at: Date; readonly remoteAddress: string };

export interface RecoveryMailInput {
  readonly mail: RecoveryMail;
  readonly address: string;
  readonly providerName: string;
  readonly from: string;
  readonly to: string;
  readonly at: Date;
  /** Unique per mail: the Message-ID's left part. */
  readonly id: string;
}

const minute = (date: Date): string => `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;

export function describeRecoveryMail(mail: RecoveryMail, address: string): { subject: string; text: string } {
  switch (mail.kind) {
    case 'link':
      return {
        subject: `Recupero password della casella PEC ${address} / Password recovery`,
        text:
          `Per scegliere una nuova password della casella PEC ${address} apri questo link entro ` +
          `${mail.validMinutes} minuti; funziona una sola volta:\n\n${mail.url}\n\n` +
          'Se non hai chiesto tu il recupero, ignora questo messaggio: la password resta quella di prima.\n\n' +
          `To choose a new password for the PEC mailbox ${address}, open the link above within ` +
          `${mail.validMinutes} minutes; it works once. If you did not ask for it, ignore this message: ` +
          'the password stays as it was.',
      };
    case 'reset':
      return {
        subject: `La password della casella PEC ${address} e' stata cambiata / Password changed`,
        text:
          `La password della casella PEC ${address} e' stata reimpostata il ${minute(mail.at)} ` +
          `(indirizzo ${mail.remoteAddress}). Tutte le sessioni web e le password per app sono state chiuse. ` +
          'Se non sei stato tu, contatta subito il gestore.\n\n' +
          `The password of the PEC mailbox ${address} was reset on ${minute(mail.at)} (from ` +
          `${mail.remoteAddress}). Every web session and app password was signed out. If this was not you, ` +
          'contact the provider at once.',
      };
  }
}

export function buildRecoveryMail(input: RecoveryMailInput): Uint8Array {
  return buildHolderMail({ ...input, ...describeRecoveryMail(input.mail, input.address) });
}
