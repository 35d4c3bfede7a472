/**
 * The one place where the POP3 adapter turns a refusal into a reply: `-ERR [CODE] text` with the
 * extended response codes of RFC 2449 §8 (IN-USE) and RFC 3206 (AUTH, SYS/TEMP, SYS/PERM).
 * docs/refusals.md lists every mapping; decision 0008: no other module of protocols/pop3 passes a
 * response code for a refusal.
 */
import type { Refusal } from '../../services/refusal/refusal.ts';
import { isTemporaryRefusal } from '../../services/refusal/is-temporary-refusal.ts';
import { renderErr, type Pop3ResponseCode } from './grammar/pop3-response.ts';

/** A refusal the type system says cannot exist. */
function unknownRefusal(refusal: never): never {
  throw new TypeError(`unknown refusal ${JSON.stringify(refusal)}`);
}

function codeAndText(refusal: Refusal): [Pop3ResponseCode, string] {
  switch (refusal.reason) {
    case 'authentication-required':
      return ['AUTH', 'Log in first'];
    case 'encryption-required':
      return ['AUTH', 'Plaintext authentication disallowed on non-secure connections; use STLS first'];
    case 'authentication-failed':
      return ['AUTH', 'Authentication failed'];
    case 'foreign-identity':
      return ['AUTH', 'Acting as another identity is not permitted'];
    case 'too-many-failures':
      return ['SYS/TEMP', 'Too many failed logins, try again later'];
    case 'mailbox-disabled':
      return ['SYS/PERM', 'Mailbox is disabled'];
    case 'network-not-allowed':
      return ['AUTH', "Sign-in from this network is not on the mailbox's allow-list"];
    case 'too-many-connections':
      return [
        'SYS/TEMP',
        {
          address: 'Too many connections from your address',
          network: 'Too many connections from your network',
          server: 'Too many connections to this server',
          mailbox: 'Too many connections for this mailbox',
        }[refusal.scope],
      ];
    case 'mailbox-in-use':
      return ['IN-USE', 'Mailbox is locked by another POP3 session'];
    case 'shutting-down':
      return ['SYS/TEMP', 'Server shutting down'];
    case 'internal-error':
      return ['SYS/TEMP', 'Internal error, try again later'];
    case 'message-expunged':
      return ['SYS/TEMP', 'Message is no longer available'];
    case 'quota-exceeded':
      return ['SYS/PERM', 'Mailbox over quota'];
    // Not produced over POP3 (it reads INBOX only); the forms exist so that the mapping is total.
    case 'sender-not-holder':
    case 'sender-unknown':
    case 'sending-disabled':
    case 'mailbox-expired':
    case 'invalid-address':
    case 'too-many-recipients':
    case 'relay-denied':
    case 'message-too-large':
    case 'line-too-long':
    case 'message-incomplete':
    case 'malformed-message':
    case 'virus-found':
    case 'recipient-unknown':
    case 'certified-mail-only':
    case 'recipient-disabled':
    case 'refused-as-spam':
    case 'all-recipients-refused':
    case 'no-such-folder':
    case 'folder-exists':
    case 'invalid-folder-name':
    case 'folder-has-children':
    case 'folder-operation-refused':
      return [isTemporaryRefusal(refusal) ? 'SYS/TEMP' : 'SYS/PERM', `Refused: ${refusal.reason}`];
    default:
      return unknownRefusal(refusal);
  }
}

/** The `-ERR [CODE] text` line for `refusal`, as bytes. */
export function refusalResponse(refusal: Refusal): Buffer {
  const [code, text] = codeAndText(refusal);
  return renderErr(text, code);
}
