/**
 * The words of the SMS of the box's own life (decision 0045): one SMS of at most 160 characters,
 * Italian then English, naming the box and what happened, never a message's content; and which of
 * them are urgent enough to be sent during the holder's quiet hours.
 */
import type { BoxNotice } from '../box-life/build-box-notice.ts';

const smsLength = 160;
const day = (date: Date): string => date.toISOString().slice(0, 10);
const cut = (text: string): string =>
  text.length > smsLength ? `${text.slice(0, Math.max(0, smsLength - 1))}…` : text;

/** A notice of the box's life as the SMS sees it: the box notices, the quota levels, a new sign-in. */
export type BoxLifeSmsNotice =
  | BoxNotice
  | { readonly kind: 'quota'; readonly level: number }
  | { readonly kind: 'new-sign-in'; readonly at: Date; readonly protocol: string };

/**
 * Urgent notices wait for no quiet hours: the holder can still act on them (expiry tomorrow, a box
 * that stopped sending or receiving) or must act at once (a sign-in or password change they may
 * not have made). The others (quota, expiry further ahead, renewals, deletion) wait until morning.
 */
export function isUrgentSms(notice: BoxLifeSmsNotice): boolean {
  switch (notice.kind) {
    case 'expiry-ahead':
      return notice.daysBefore <= 1;
    case 'expired':
    case 'deactivated':
    case 'password-changed':
    case 'new-sign-in':
      return true;
    default:
      return false;
  }
}

export function describeBoxLifeSms(notice: BoxLifeSmsNotice, box: string): string {
  const head = `PEC ${box}: `;
  switch (notice.kind) {
    case 'expiry-ahead':
      return cut(
        `${head}scade il ${day(notice.expiresAt)}, rinnovala / expires on ${day(notice.expiresAt)}, renew it`,
      );
    case 'expired':
      return cut(
        `${head}scaduta, non invia; disattivata il ${day(notice.deactivatesAt)} / expired, cannot send; ` +
          `deactivated on ${day(notice.deactivatesAt)}`,
      );
    case 'deactivated':
      return cut(
        `${head}disattivata; cancellata il ${day(notice.deletesAt)} / deactivated; deleted on ${day(notice.deletesAt)}`,
      );
    case 'deleted':
      return cut(`${head}contenuto cancellato / contents deleted`);
    case 'renewed':
      return cut(
        `${head}rinnovata fino al ${day(notice.expiresAt)} / renewed until ${day(notice.expiresAt)}`,
      );
    case 'renewal-pending':
      return cut(
        `${head}rinnovo non riuscito, in attesa di pagamento / renewal failed, awaiting payment; ` +
          `scade / expires ${day(notice.expiresAt)}`,
      );
    case 'password-changed':
      return cut(`${head}password cambiata dall'amministratore / password changed by the administrator`);
    case 'quota':
      return cut(
        notice.level >= 100
          ? `${head}piena, non invia / full, cannot send`
          : `${head}spazio usato al ${String(notice.level)}% / ${String(notice.level)}% of space used`,
      );
    case 'new-sign-in':
      return cut(
        `${head}nuovo accesso / new sign-in ${notice.at.toISOString().slice(0, 16).replace('T', ' ')} UTC ` +
          `${notice.protocol}. Non eri tu? / Not you? Cambia la password / Change the password`,
      );
  }
}
