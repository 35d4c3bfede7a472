/** SETQUOTA (RFC 9208 §4.1): refused; the PEC box quota is part of the holder's contract. */
import { defineCommand, no } from '../command-descriptor.ts';

export const setQuota = defineCommand({
  name: 'SETQUOTA',
  states: ['authenticated', 'selected'],
  run: () => no('The mailbox quota is set by the provider.', { kind: 'NOPERM' }),
});
