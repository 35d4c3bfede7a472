// English strings of the e-mail notices of new PEC (/settings/notices); part of the en catalogue (../en.ts).
export const notices = {
  title: 'Notices',
  back: 'Back to mail',
  emailTitle: 'E-mail notices of new PEC',
  emailHint:
    'Each new PEC is announced by a short ordinary e-mail to these addresses: sender, subject and time only, never the content. At most {{count}} addresses; each one receives notices only once verified.',
  capHint: 'Past a limit each hour, the remaining PEC of that hour are told in one summary notice.',
  none: 'No notice address yet.',
  addLabel: 'New address',
  add: 'Add and send a code',
  added: 'A six-digit code was sent to {{address}}. Type it below to verify the address.',
  verified: 'Verified',
  pending: 'Waiting for the code',
  codeLabel: 'Code for {{address}}',
  verify: 'Verify',
  resend: 'Send a new code',
  remove: 'Remove',
  removeNamed: 'Remove {{address}}',
  verifiedDone: '{{address}} is verified and will be told of each new PEC.',
  removedDone: '{{address}} was removed.',
  full: 'You have reached the maximum number of addresses.',
  loadError: 'The notice settings could not be loaded. Try again later.',
};
