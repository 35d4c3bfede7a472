/**
 * The one place where SMTP listeners turn a refusal into a reply: RFC 5321 §4.2 reply code, RFC 3463
 * enhanced status code (sent in the text, see ./reply.ts) and text, per docs/refusals.md and decision
 * 0004 (submission), 0007 (MX), RFC 4954 §6 (AUTH). Also the RFC 3464 status of a recipient refused
 * by the reception point, so that a DSN says what RCPT TO would have said. Decision 0008: no other
 * module of protocols/smtp writes a refusal's reply code.
 */
import type { Refusal, RecipientRefusal } from '../../services/refusal/refusal.ts';
import { isRefusalError } from '../../services/refusal/refusal-error.ts';
import { SmtpReply, type SmtpBlame } from './reply.ts';

/** Code, enhanced code and text of a refusal, and who is to blame (`server`: logged by the hooks). */
interface SmtpForm {
  readonly code: number;
  readonly enhancedCode: string;
  readonly text: string;
  readonly blame?: SmtpBlame;
}

const form = (code: number, enhancedCode: string, text: string, blame?: SmtpBlame): SmtpForm => ({
  code,
  enhancedCode,
  text,
  ...(blame === undefined ? {} : { blame }),
});

const connectionScopeText = {
  address: 'from your address',
  network: 'from your network',
  server: 'to this server',
  mailbox: 'for this mailbox',
} as const;

/** A refusal the type system says cannot exist: a bug of ours, answered as such by `replyFromError`. */
function unknownRefusal(refusal: never): never {
  throw new TypeError(`unknown refusal ${JSON.stringify(refusal)}`);
}

const noticeText = (notice: string | undefined): string =>
  notice === undefined ? '' : `; non-acceptance notice ${notice} is in your INBOX`;

function recipientForm(refusal: RecipientRefusal): SmtpForm {
  switch (refusal.reason) {
    case 'recipient-unknown':
      return form(550, '5.1.1', `no such mailbox here: ${refusal.address}`);
    case 'certified-mail-only':
      return form(
        550,
        '5.7.1',
        `${refusal.address} is a PEC mailbox that accepts only certified mail (posta elettronica certificata)`,
      );
    case 'recipient-disabled':
      return form(550, '5.2.1', `mailbox ${refusal.address} is suspended or deactivated`);
    case 'refused-as-spam':
      return form(
        550,
        '5.7.1',
        `message refused as spam by the filter of ${refusal.address} (score ${refusal.score.toFixed(1)}, threshold ${refusal.threshold.toFixed(1)})`,
      );
    default:
      return unknownRefusal(refusal);
  }
}

function smtpForm(refusal: Refusal): SmtpForm {
  switch (refusal.reason) {
    case 'authentication-required':
      return form(530, '5.7.0', 'Authentication required: log in with AUTH PLAIN or AUTH LOGIN first');
    case 'encryption-required':
      return form(
        530,
        '5.7.0',
        'Authentication required: start TLS with STARTTLS, then log in with AUTH (pec-spec §8.6)',
      );
    case 'authentication-failed':
      return form(535, '5.7.8', 'Authentication failed: wrong user name or password');
    case 'foreign-identity':
      return form(535, '5.7.8', 'Authentication failed: acting on behalf of another mailbox is not allowed');
    case 'mailbox-disabled':
      return form(535, '5.7.8', 'Authentication refused: this mailbox is suspended or deactivated');
    case 'network-not-allowed':
      // RFC 3463 X.7.1: refused by policy, not for the credentials (which were right).
      return form(
        535,
        '5.7.1',
        "Authentication refused: this network is not on the mailbox's sign-in allow-list",
      );
    case 'too-many-failures':
      // RFC 4954 §6: 454 4.7.0 is the transient authentication failure.
      return form(
        454,
        '4.7.0',
        'Too many failed logins from this address or for this mailbox; try again later',
      );
    case 'too-many-connections':
      return form(
        421,
        '4.7.0',
        `Too many connections ${connectionScopeText[refusal.scope]}; try again later`,
      );
    case 'mailbox-in-use':
      return form(450, '4.2.0', 'Mailbox busy; try again later');
    case 'shutting-down':
      // RFC 5321 §3.8: the server is stopping; the client retries later.
      return form(421, '4.3.2', 'Service shutting down; try again later', 'server');
    case 'internal-error':
      return form(
        451,
        '4.3.0',
        'Local error while processing the message; nothing was sent, try again later',
        'server',
      );
    case 'sender-not-holder':
      return form(553, '5.7.1', 'sender address is not the authenticated mailbox');
    case 'sender-unknown':
      return form(550, '5.7.1', 'no PEC mailbox for the authenticated user');
    case 'sending-disabled':
      switch (refusal.cause) {
        case 'suspended':
          return form(550, '5.7.1', 'mailbox suspended: sending is disabled');
        case 'expired':
          return form(550, '5.7.1', 'mailbox expired: sending is disabled until it is renewed');
        case 'not-yet-active':
          return form(550, '5.7.1', 'mailbox not yet active: sending is disabled');
        default:
          return unknownRefusal(refusal.cause);
      }
    case 'mailbox-expired':
      return form(
        550,
        '5.7.1',
        `mailbox expired on ${refusal.expiredOn}: it keeps receiving until ${refusal.receivesUntil} but cannot ` +
          'send; renew it to send again',
      );
    case 'quota-exceeded':
      return refusal.operation === 'send'
        ? form(
            552,
            '5.2.2',
            'mailbox over quota: sending is disabled, receiving continues; free space, buy space or change plan',
          )
        : form(552, '5.2.2', 'mailbox over quota');
    case 'invalid-address':
      return form(501, '5.1.3', 'invalid recipient address');
    case 'too-many-recipients':
      return form(452, '4.5.3', `too many recipients: at most ${refusal.limit} per transaction`);
    case 'relay-denied':
      return form(550, '5.7.1', `relay access denied: ${refusal.domain} is not a domain of this provider`);
    case 'message-too-large':
      // RFC 1870 §6, decision 0004: the declared (SIZE=) or actual size over the limit.
      return refusal.part === 'message'
        ? form(
            552,
            '5.3.4',
            `Message too big: the limit of this provider is ${refusal.limitBytes} bytes (pec-spec §6.5)`,
          )
        : form(552, '5.3.4', `Message refused: its header is larger than ${refusal.limitBytes} bytes`);
    case 'line-too-long':
      return form(
        554,
        '5.6.0',
        `Message refused: a line is longer than ${refusal.limitOctets} octets (RFC 5321 section 4.5.3.1.6)`,
      );
    case 'message-incomplete':
      return form(451, '4.4.2', 'The message did not arrive completely; send it again');
    case 'malformed-message':
      return form(550, '5.6.0', `message not accepted: ${refusal.problem}${noticeText(refusal.notice)}`);
    case 'virus-found': {
      const found = `virus found (${refusal.signature ?? 'unknown'})`;
      return refusal.notice === undefined
        ? form(554, '5.7.1', `message refused: ${found}`)
        : form(554, '5.7.1', `message not accepted: ${found}${noticeText(refusal.notice)}`);
    }
    case 'recipient-unknown':
    case 'certified-mail-only':
    case 'recipient-disabled':
    case 'refused-as-spam':
      return recipientForm(refusal);
    case 'all-recipients-refused': {
      // The first recipient's codes, every recipient's reason in the text (decision 0007).
      const first = recipientForm(refusal.refusals[0]);
      const texts = refusal.refusals.map((each) => recipientForm(each).text);
      return form(first.code, first.enhancedCode, texts.join('; '));
    }
    // Folder operations are not offered over SMTP; their forms exist so that the mapping is total.
    case 'no-such-folder':
      return form(550, '5.2.0', `mailbox ${refusal.folder} does not exist`);
    case 'folder-exists':
      return form(550, '5.2.0', `mailbox ${refusal.folder} already exists`);
    case 'invalid-folder-name':
      return form(553, '5.2.0', refusal.problem);
    case 'folder-has-children':
      return form(550, '5.2.0', `mailbox ${refusal.folder} has subfolders, delete them first`);
    case 'folder-operation-refused':
      return form(550, '5.2.0', refusal.problem);
    case 'message-expunged':
      return form(450, '4.2.0', 'Message is no longer available');
    default:
      return unknownRefusal(refusal);
  }
}

/** The reply for `refusal`; `cause` is kept for the log when the blame is ours. */
export function refusalReply(refusal: Refusal, cause?: unknown): SmtpReply {
  const { code, enhancedCode, text, blame = 'client' } = smtpForm(refusal);
  return new SmtpReply(code, enhancedCode, text, blame, cause, refusal.reason);
}

/**
 * Anything thrown, as the reply to send: an `SmtpReply` as it is, a thrown refusal mapped, anything
 * else (our fault) as `internal-error` with the cause kept.
 */
export function replyFromError(error: unknown): SmtpReply {
  if (error instanceof SmtpReply) return error;
  if (isRefusalError(error)) return refusalReply(error.refusal);
  return refusalReply({ reason: 'internal-error' }, error);
}

/** The RFC 3464 fields of a recipient refused at reception (`DeliveryStatusOf` of the reception point). */
export function deliveryStatusOf(refusal: RecipientRefusal): {
  readonly status: string;
  readonly diagnostic: string;
  readonly text: string;
} {
  const { code, enhancedCode, text } = recipientForm(refusal);
  return { status: enhancedCode, diagnostic: `${code} ${enhancedCode} ${text}`, text };
}
