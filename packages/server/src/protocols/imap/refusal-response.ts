/**
 * The one place where the IMAP adapter turns a refusal into a reply: a tagged NO with the response
 * code a client can act on (RFC 5530, RFC 9051 §7.1, RFC 9208 OVERQUOTA; Dovecot's choices where the
 * RFCs leave one open), or the untagged BYE of a connection refused outright. docs/refusals.md lists
 * every mapping; decision 0008: no other module of protocols/imap writes an RFC 5530 code for a
 * refusal.
 */
import type { Refusal } from '../../services/refusal/refusal.ts';
import type { CommandResult } from './command-descriptor.ts';
import type { SimpleResponseCodeName } from './grammar/index.ts';

/** A refusal the type system says cannot exist. */
function unknownRefusal(refusal: never): never {
  throw new TypeError(`unknown refusal ${JSON.stringify(refusal)}`);
}

const refused = (code: SimpleResponseCodeName, text: string): CommandResult => ({
  status: 'NO',
  code: { kind: code },
  text,
});

function codeAndText(refusal: Refusal): [SimpleResponseCodeName, string] {
  switch (refusal.reason) {
    case 'authentication-required':
      return ['AUTHENTICATIONFAILED', 'Not authenticated.'];
    case 'encryption-required':
      return ['PRIVACYREQUIRED', 'Plaintext authentication disallowed on non-secure connections.'];
    case 'authentication-failed':
      return ['AUTHENTICATIONFAILED', 'Authentication failed.'];
    case 'foreign-identity':
      return ['AUTHORIZATIONFAILED', 'Authorization as another user is not allowed.'];
    case 'too-many-failures':
      return ['UNAVAILABLE', 'Too many failed logins, try again later.'];
    case 'mailbox-disabled':
      return ['CONTACTADMIN', 'The mailbox is disabled.'];
    case 'network-not-allowed':
      return ['AUTHORIZATIONFAILED', "Sign-in from this network is not on the mailbox's allow-list."];
    case 'too-many-connections':
      return refusal.scope === 'mailbox'
        ? ['LIMIT', 'Maximum number of connections for this mailbox exceeded.']
        : [
            'UNAVAILABLE',
            refusal.scope === 'server'
              ? 'Too many connections to this server.'
              : `Too many connections from your ${refusal.scope === 'network' ? 'network' : 'address'}.`,
          ];
    case 'mailbox-in-use':
      return ['INUSE', 'Mailbox is in use by another session.'];
    case 'shutting-down':
      return ['UNAVAILABLE', 'Server shutting down.'];
    case 'internal-error':
      return ['SERVERBUG', 'Internal error occurred. Refer to server log for more information.'];
    case 'quota-exceeded':
      return ['OVERQUOTA', 'the mailbox quota would be exceeded'];
    case 'no-such-folder':
      // RFC 9051 §6.3.12, §6.4.7: TRYCREATE tells the client that creating the target will help.
      return refusal.destination
        ? ['TRYCREATE', 'Mailbox does not exist']
        : ['NONEXISTENT', `mailbox ${refusal.folder} does not exist`];
    case 'folder-exists':
      return [
        'ALREADYEXISTS',
        refusal.below === true
          ? `a mailbox below ${refusal.folder} already exists`
          : `mailbox ${refusal.folder} already exists`,
      ];
    case 'invalid-folder-name':
      return ['CANNOT', refusal.problem];
    case 'folder-has-children':
      return ['HASCHILDREN', `mailbox ${refusal.folder} has subfolders, delete them first`];
    case 'folder-operation-refused':
      return ['CANNOT', refusal.problem];
    case 'message-expunged':
      return ['EXPUNGEISSUED', 'Some of the requested messages no longer exist'];
    case 'message-too-large':
      return ['TOOBIG', `Message too big: the limit is ${refusal.limitBytes} bytes`];
    // Submission and reception happen over SMTP; their forms exist so that the mapping is total
    // (an IMAP-based submission, e.g. a Sent-folder hook, would use them).
    case 'sender-not-holder':
    case 'sender-unknown':
    case 'sending-disabled':
    case 'mailbox-expired':
    case 'relay-denied':
    case 'recipient-unknown':
    case 'certified-mail-only':
    case 'recipient-disabled':
    case 'refused-as-spam':
    case 'all-recipients-refused':
    case 'virus-found':
      return ['NOPERM', `Refused: ${refusal.reason}.`];
    case 'invalid-address':
    case 'malformed-message':
    case 'line-too-long':
      return ['CANNOT', `Refused: ${refusal.reason}.`];
    case 'too-many-recipients':
      return ['LIMIT', `Refused: ${refusal.reason}.`];
    case 'message-incomplete':
      return ['UNAVAILABLE', `Refused: ${refusal.reason}.`];
    default:
      return unknownRefusal(refusal);
  }
}

/** The tagged NO completion for `refusal`. */
export function refusalResponse(refusal: Refusal): CommandResult {
  const [code, text] = codeAndText(refusal);
  return refused(code, text);
}

/** The untagged BYE line (with CRLF) that refuses a whole connection before any session exists. */
export function refusalByeLine(refusal: Refusal): string {
  const [code, text] = codeAndText(refusal);
  return `* BYE [${code}] ${text}\r\n`;
}
