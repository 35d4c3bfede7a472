// English strings of the sign-in allow-list (Security screen); part of the en catalogue (../en.ts).
export const networks = {
  title: 'Allowed networks',
  hint: 'Sign-ins to your box, from the webmail and from mail programs, are accepted only from these networks. Leave the list empty to allow every network.',
  label: 'Networks, one per line',
  fieldHint: 'An address (203.0.113.7) or a block (203.0.113.0/24, 2001:db8::/48).',
  current: 'You are connected from {{address}}.',
  addCurrent: 'Add my current address',
  save: 'Save the list',
  saved: 'Saved. Sign-ins from other networks are refused.',
  cleared: 'Saved. Every network may sign in.',
  none: 'Every network may sign in.',
  refused: 'Refused: network not allowed',
};
