// Testi italiani della pagina «Configura un programma di posta»; parte del catalogo it (../it.ts).
import type { Catalogue } from '../en.ts';

export const clientSetup: Catalogue['clientSetup'] = {
  title: 'Programma di posta',
  intro: 'Leggi e invia la tua PEC da un programma di posta sul computer o sul telefono, oltre che da qui.',
  autoTitle: 'Configurazione automatica',
  autoBody:
    'Thunderbird e Outlook si configurano da soli: inserisci indirizzo PEC e password e trovano da sé i server qui sotto.',
  appleBody: 'Su iPhone, iPad o Mac scarica il profilo di configurazione e aprilo per aggiungere l’account.',
  downloadProfile: 'Scarica il profilo per dispositivi Apple',
  manualTitle: 'Configurazione manuale',
  username: 'Nome utente',
  password: 'Password',
  passwordSame: 'La password della tua casella PEC.',
  passwordApp: 'Una password per app (la verifica in due passaggi è attiva).',
  server: 'Server',
  port: 'Porta',
  security: 'Sicurezza',
  preferred: 'Consigliato',
  securities: { tls: 'SSL/TLS', starttls: 'STARTTLS' },
  protocols: {
    imap: 'Posta in arrivo (IMAP)',
    pop3: 'Posta in arrivo (POP3)',
    smtp: 'Posta in uscita (SMTP)',
  },
  pecNote:
    'Invia solo dal tuo indirizzo PEC: il server rifiuta altri mittenti. Le ricevute arrivano nella posta in arrivo come ogni messaggio.',
  appPasswordTitle: 'Password per app',
  appPasswordBody:
    'La verifica in due passaggi è attiva, quindi i programmi di posta non accedono con la tua password: crea una password per app per ciascuno in Sicurezza.',
  appPasswordLink: 'Crea una password per app',
};
