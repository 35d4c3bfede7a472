/**
 * Whether the same request may succeed later without anything changing on the client's side
 * (RFC 5321 §4.2.1 4yz, RFC 3463 class 4, RFC 9457 with Retry-After): every adapter's reply class
 * must agree with this (the mapping tests check it).
 */
import type { Refusal } from './refusal.ts';

export function isTemporaryRefusal(refusal: Refusal): boolean {
  switch (refusal.reason) {
    case 'too-many-failures':
    case 'too-many-connections':
    case 'mailbox-in-use':
    case 'shutting-down':
    case 'internal-error':
    case 'too-many-recipients':
    case 'message-incomplete':
    case 'message-expunged':
      return true;
    case 'all-recipients-refused':
      return isTemporaryRefusal(refusal.refusals[0]);
    case 'authentication-required':
    case 'encryption-required':
    case 'authentication-failed':
    case 'foreign-identity':
    case 'mailbox-disabled':
    case 'network-not-allowed':
    case 'sender-not-holder':
    case 'sender-unknown':
    case 'sending-disabled':
    case 'mailbox-expired':
    case 'quota-exceeded':
    case 'invalid-address':
    case 'relay-denied':
    case 'message-too-large':
    case 'line-too-long':
    case 'malformed-message':
    case 'virus-found':
    case 'recipient-unknown':
    case 'certified-mail-only':
    case 'recipient-disabled':
    case 'refused-as-spam':
    case 'no-such-folder':
    case 'folder-exists':
    case 'invalid-folder-name':
    case 'folder-has-children':
    case 'folder-operation-refused':
      return false;
  }
}
