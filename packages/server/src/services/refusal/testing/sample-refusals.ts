/**
 * Test-only: one refusal of every reason (the record type makes a missing reason a compile error),
 * so that each adapter's mapping test walks the whole vocabulary. Not used by production code.
 */
import type { Refusal, RefusalOf, RefusalReason } from '../refusal.ts';

const byReason: { readonly [R in RefusalReason]: RefusalOf<R> } = {
  'authentication-required': { reason: 'authentication-required' },
  'encryption-required': { reason: 'encryption-required' },
  'authentication-failed': { reason: 'authentication-failed' },
  'foreign-identity': { reason: 'foreign-identity' },
  'too-many-failures': { reason: 'too-many-failures', retryAfterSeconds: 60 },
  'mailbox-disabled': { reason: 'mailbox-disabled' },
  'network-not-allowed': { reason: 'network-not-allowed' },
  'too-many-connections': { reason: 'too-many-connections', scope: 'address' },
  'mailbox-in-use': { reason: 'mailbox-in-use' },
  'shutting-down': { reason: 'shutting-down' },
  'internal-error': { reason: 'internal-error' },
  'sender-not-holder': { reason: 'sender-not-holder', sender: 'other@pec.test' },
  'sender-unknown': { reason: 'sender-unknown' },
  'sending-disabled': { reason: 'sending-disabled', cause: 'expired' },
  'mailbox-expired': { reason: 'mailbox-expired', expiredOn: '2027-03-10', receivesUntil: '2027-06-08' },
  'quota-exceeded': { reason: 'quota-exceeded', operation: 'send' },
  'invalid-address': { reason: 'invalid-address', address: 'no-at-sign' },
  'too-many-recipients': { reason: 'too-many-recipients', limit: 50 },
  'relay-denied': { reason: 'relay-denied', domain: 'example.com' },
  'message-too-large': { reason: 'message-too-large', limitBytes: 1000, part: 'message' },
  'line-too-long': { reason: 'line-too-long', limitOctets: 1000 },
  'message-incomplete': { reason: 'message-incomplete' },
  'malformed-message': {
    reason: 'malformed-message',
    problem: 'Bcc is not allowed',
    notice: 'opec1.x@pec.test',
  },
  'virus-found': { reason: 'virus-found', signature: 'Eicar-Test-Signature' },
  'recipient-unknown': { reason: 'recipient-unknown', address: 'ghost@pec.test' },
  'certified-mail-only': { reason: 'certified-mail-only', address: 'anna@pec.test' },
  'recipient-disabled': { reason: 'recipient-disabled', address: 'bruno@pec.test' },
  'refused-as-spam': { reason: 'refused-as-spam', address: 'carla@pec.test', score: 15, threshold: 6 },
  'all-recipients-refused': {
    reason: 'all-recipients-refused',
    refusals: [{ reason: 'recipient-unknown', address: 'ghost@pec.test' }],
  },
  'no-such-folder': { reason: 'no-such-folder', folder: 'Projects', destination: false },
  'folder-exists': { reason: 'folder-exists', folder: 'Projects' },
  'invalid-folder-name': { reason: 'invalid-folder-name', problem: 'empty hierarchy level' },
  'folder-has-children': { reason: 'folder-has-children', folder: 'Projects' },
  'folder-operation-refused': { reason: 'folder-operation-refused', problem: 'INBOX cannot be deleted' },
  'message-expunged': { reason: 'message-expunged' },
};

export const sampleRefusals: readonly Refusal[] = Object.values(byReason);
