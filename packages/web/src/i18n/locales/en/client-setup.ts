// English strings of the "Set up a mail client" page; part of the en catalogue (../en.ts).
export const clientSetup = {
  title: 'Mail client',
  intro: 'Read and send your PEC from a mail program on your computer or phone, as well as here.',
  autoTitle: 'Automatic setup',
  autoBody:
    'Thunderbird and Outlook set themselves up: enter your PEC address and password and they find the servers below on their own.',
  appleBody: 'On an iPhone, iPad or Mac, download the configuration profile and open it to add the account.',
  downloadProfile: 'Download the profile for Apple devices',
  manualTitle: 'Manual setup',
  username: 'User name',
  password: 'Password',
  passwordSame: 'The password of your PEC box.',
  passwordApp: 'An app password (two-step verification is on).',
  server: 'Server',
  port: 'Port',
  security: 'Security',
  preferred: 'Preferred',
  securities: { tls: 'SSL/TLS', starttls: 'STARTTLS' },
  protocols: { imap: 'Incoming mail (IMAP)', pop3: 'Incoming mail (POP3)', smtp: 'Outgoing mail (SMTP)' },
  pecNote:
    'Send only from your PEC address: the server refuses other senders. Receipts arrive in your inbox like any message.',
  appPasswordTitle: 'App passwords',
  appPasswordBody:
    'Two-step verification is on, so mail programs cannot sign in with your password: create an app password for each one in Security.',
  appPasswordLink: 'Create an app password',
};
