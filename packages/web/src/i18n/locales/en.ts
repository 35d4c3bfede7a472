// English catalogue. The key set is the contract: it.ts and fr.ts are typed by it (and test/i18n.test.ts
// checks the three at run time, plural categories included). Plural keys carry every suffix any of our
// languages needs (_one, _many, _other), so all three catalogues have the same keys.
import { pec } from './en/pec.ts';
import { actions } from './en/actions.ts';
import { security } from './en/security.ts';
import { passkeys } from './en/passkeys.ts';
import { recovery } from './en/recovery.ts';
import { networks } from './en/networks.ts';
import { incoming } from './en/incoming.ts';
import { admin } from './en/admin.ts';
import { operator } from './en/operator.ts';
import { adminAccess } from './en/admin-access.ts';
import { notices } from './en/notices.ts';
import { securityArchive } from './en/security-archive.ts';
import { compose } from './en/compose.ts';
import { composeMore } from './en/compose-more.ts';
import { options } from './en/options.ts';
import { dashboard } from './en/dashboard.ts';
import { scheduled } from './en/scheduled.ts';
import { integrations } from './en/integrations.ts';
import { clientSetup } from './en/client-setup.ts';
import { contacts } from './en/contacts.ts';
import { calendar } from './en/calendar.ts';
import { plan } from './en/plan.ts';
import { contact } from './en/contact.ts';

export const en = {
  app: { name: 'PEC Webmail', loading: 'Loading…', problemTitle: 'Your mailbox cannot be opened right now' },
  settings: { language: 'Language', darkTheme: 'Dark theme' },
  signIn: {
    title: 'Sign in to your PEC box',
    subtitle: 'Certified e-mail with legal value',
    address: 'Address',
    password: 'Password',
    showPassword: 'Show password',
    staySignedIn: 'Stay signed in',
    staySignedInHint: 'For 30 days on this device. Leave unticked on a shared computer.',
    submit: 'Sign in',
    submitting: 'Signing in…',
    forgot: 'Forgot password?',
    addressRequired: 'Enter your PEC address.',
    addressInvalid: 'Enter a complete address, such as name@pec.example.it.',
    passwordRequired: 'Enter your password.',
    errorTitle: 'Sign-in failed',
    footer:
      'Messages sent and received here have the legal value of a registered letter with return receipt.',
  },
  shell: {
    offline:
      'Offline: you are reading the copy saved on this device. Nothing can be sent until the connection is back.',
    offlineCompose: 'Sending needs a connection',
    skipToList: 'Skip to message list',
    folders: 'Folders',
    openFolders: 'Show folders',
    closeFolders: 'Hide folders',
    compose: 'Compose',
    signOut: 'Sign out',
    help: 'Keyboard shortcuts',
    search: 'Search messages',
  },
  folders: {
    inbox: 'Inbox',
    sent: 'Sent',
    drafts: 'Drafts',
    trash: 'Trash',
    junk: 'Spam',
    archive: 'Archive',
    'security-archive': 'Security archive',
    unread_one: '{{count}} unread',
    unread_many: '{{count}} unread',
    unread_other: '{{count}} unread',
  },
  list: {
    label: 'Messages in {{folder}}',
    count_one: '{{formattedCount}} message',
    count_many: '{{formattedCount}} messages',
    count_other: '{{formattedCount}} messages',
    empty: 'No messages in this folder.',
    emptySearch: 'No messages match “{{q}}”.',
    loadError: 'The list could not be loaded.',
    retry: 'Retry',
    sortBy: 'Sort by',
    sortDate: 'Date',
    sortFrom: 'Sender',
    sortSubject: 'Subject',
    sortSize: 'Size',
    descending: 'Descending order',
    attachment: 'Has attachments',
    unread: 'Unread',
    flagged: 'Flagged',
    noSubject: '(no subject)',
    loadingRow: 'Loading message…',
  },
  pecType: {
    'posta-certificata': 'PEC',
    accettazione: 'Acceptance',
    'non-accettazione': 'Non-acceptance',
    'presa-in-carico': 'Taken in charge',
    'avvenuta-consegna': 'Delivered',
    'errore-consegna': 'Not delivered',
    'preavviso-errore-consegna': 'Delivery warning',
    'rilevazione-virus': 'Virus detected',
    anomalia: 'Anomaly',
    ordinary: 'Ordinary mail',
  },
  pecExplain: {
    'posta-certificata': 'A certified message: the sender’s provider signed its transport envelope.',
    accettazione: 'Your provider accepted your message and will forward it.',
    'non-accettazione': 'Your provider refused your message; it was not sent.',
    'presa-in-carico': 'The recipient’s provider has taken charge of the message.',
    'avvenuta-consegna':
      'The message was delivered to the recipient’s box. This receipt is legal proof of delivery.',
    'errore-consegna': 'The message could not be delivered to the recipient.',
    'preavviso-errore-consegna': 'No delivery receipt after 12 hours: delivery may still fail.',
    'rilevazione-virus': 'A virus was found: the message was not delivered.',
    anomalia: 'This message arrived with a fault in its PEC envelope: treat it with care.',
    ordinary: 'Ordinary e-mail, not certified: it has no legal value as PEC.',
  },
  reader: {
    pane: 'Reading pane',
    empty: 'Select a message to read it.',
    emptyHint: 'Press j and k to move through the list, Enter to open, ? for all shortcuts.',
    back: 'Back to the list',
    from: 'From',
    to: 'To',
    cc: 'Cc',
    date: 'Date',
    attachments: 'Attachments',
    pecDetails: 'PEC details',
    htmlFrame: 'Message content',
    remoteBlocked: 'Remote images are blocked to protect your privacy.',
    showRemote: 'Show remote content',
    loadError: 'The message could not be opened.',
  },
  help: {
    title: 'Keyboard shortcuts',
    intro: 'Shortcuts work when the cursor is not in a text field.',
    next: 'Next message',
    previous: 'Previous message',
    open: 'Open the selected message',
    close: 'Close the message or dialog',
    compose: 'Compose',
    search: 'Search',
    help: 'Show this help',
    dismiss: 'Close',
  },
  problem: {
    'network-not-allowed':
      'Sign-in from this network is not allowed for this box. Try from an allowed network.',
    'invalid-credentials': 'The address or the password is wrong.',
    'not-signed-in': 'Your session has ended. Please sign in again.',
    'session-expired': 'Your session has expired. Please sign in again.',
    'rate-limited': 'Too many attempts. Wait a few minutes and try again.',
    'account-suspended': 'This box is suspended. Contact your provider.',
    forbidden: 'You are not allowed to do this.',
    csrf: 'The request was refused for security reasons. Reload the page.',
    'not-found': 'It was not found: it may have been moved or deleted.',
    network: 'The server cannot be reached. Check your connection.',
    'server-error': 'Something went wrong on the server. Try again shortly.',
    unexpected: 'Unexpected error (status {{status}}).',
  },
  pec,
  actions,
  security,
  passkeys,
  recovery,
  networks,
  incoming,
  admin,
  operator,
  adminAccess,
  notices,
  securityArchive,
  compose,
  composeMore,
  options,
  dashboard,
  scheduled,
  integrations,
  clientSetup,
  contacts,
  calendar,
  plan,
  contact,
};

type Widen<T> = { [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };
/** The shape every catalogue must have. */
export type Catalogue = Widen<typeof en>;
