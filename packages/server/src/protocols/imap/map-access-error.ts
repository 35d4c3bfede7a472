/**
 * The IMAP form of mailbox-access failures: tagged NO with the RFC 5530 / RFC 9051 §7.1 response
 * code a client can act on (Dovecot's choices).
 */
import type { MailboxAccessError } from '../../services/mailbox-access/mailbox-access-error.ts';
import type { CommandResult } from './command-descriptor.ts';
import type { SimpleResponseCodeName } from './grammar/index.ts';

const codes: Record<MailboxAccessError['code'], SimpleResponseCodeName> = {
  nonexistent: 'NONEXISTENT',
  'already-exists': 'ALREADYEXISTS',
  'invalid-name': 'CANNOT',
  cannot: 'CANNOT',
  'has-children': 'HASCHILDREN',
  'over-quota': 'OVERQUOTA',
  limit: 'LIMIT',
  'in-use': 'INUSE',
};

export function mapAccessError(error: MailboxAccessError): CommandResult {
  return { status: 'NO', code: { kind: codes[error.code] }, text: error.message };
}
