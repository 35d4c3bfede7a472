/**
 * Every reason code of the vocabulary at run time (for the documentation test and the mapping
 * tests). The type below fails to compile when a reason of `Refusal` is missing here or unknown.
 */
import type { RefusalReason } from './refusal.ts';

export const refusalReasons = [
  'authentication-required',
  'encryption-required',
  'authentication-failed',
  'foreign-identity',
  'too-many-failures',
  'mailbox-disabled',
  'network-not-allowed',
  'too-many-connections',
  'mailbox-in-use',
  'shutting-down',
  'internal-error',
  'sender-not-holder',
  'sender-unknown',
  'sending-disabled',
  'mailbox-expired',
  'quota-exceeded',
  'invalid-address',
  'too-many-recipients',
  'relay-denied',
  'message-too-large',
  'line-too-long',
  'message-incomplete',
  'malformed-message',
  'virus-found',
  'recipient-unknown',
  'certified-mail-only',
  'recipient-disabled',
  'refused-as-spam',
  'all-recipients-refused',
  'no-such-folder',
  'folder-exists',
  'invalid-folder-name',
  'folder-has-children',
  'folder-operation-refused',
  'message-expunged',
] as const satisfies readonly RefusalReason[];

/** `true` only when the list above holds every reason (a missing one makes this `never`). */
type Complete = Exclude<RefusalReason, (typeof refusalReasons)[number]> extends never ? true : never;
export const refusalReasonsComplete: Complete = true;
