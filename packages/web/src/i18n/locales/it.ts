// Catalogo italiano (lingua predefinita).
import type { Catalogue } from './en.ts';
import { pec } from './it/pec.ts';
import { actions } from './it/actions.ts';
import { security } from './it/security.ts';
import { passkeys } from './it/passkeys.ts';
import { recovery } from './it/recovery.ts';
import { networks } from './it/networks.ts';
import { incoming } from './it/incoming.ts';
import { admin } from './it/admin.ts';
import { operator } from './it/operator.ts';
import { adminAccess } from './it/admin-access.ts';
import { notices } from './it/notices.ts';
import { securityArchive } from './it/security-archive.ts';
import { compose } from './it/compose.ts';
import { composeMore } from './it/compose-more.ts';
import { options } from './it/options.ts';
import { dashboard } from './it/dashboard.ts';
import { scheduled } from './it/scheduled.ts';
import { integrations } from './it/integrations.ts';
import { clientSetup } from './it/client-setup.ts';
import { contacts } from './it/contacts.ts';
import { calendar } from './it/calendar.ts';
import { plan } from './it/plan.ts';
import { contact } from './it/contact.ts';

export const it: Catalogue = {
  app: {
    name: 'Webmail PEC',
    loading: 'Caricamento…',
    problemTitle: 'Al momento non è possibile aprire la casella',
  },
  settings: { language: 'Lingua', darkTheme: 'Tema scuro' },
  signIn: {
    title: 'Accedi alla tua casella PEC',
    subtitle: 'Posta elettronica certificata con valore legale',
    address: 'Indirizzo',
    password: 'Password',
    showPassword: 'Mostra la password',
    staySignedIn: 'Resta connesso',
    staySignedInHint: 'Per 30 giorni su questo dispositivo. Non selezionare su un computer condiviso.',
    submit: 'Accedi',
    submitting: 'Accesso in corso…',
    forgot: 'Password dimenticata?',
    addressRequired: 'Inserisci il tuo indirizzo PEC.',
    addressInvalid: 'Inserisci un indirizzo completo, come nome@pec.esempio.it.',
    passwordRequired: 'Inserisci la password.',
    errorTitle: 'Accesso non riuscito',
    footer:
      'I messaggi inviati e ricevuti qui hanno il valore legale di una raccomandata con ricevuta di ritorno.',
  },
  shell: {
    offline:
      'Non in linea: stai leggendo la copia salvata su questo dispositivo. Non si può inviare nulla finché la connessione non torna.',
    offlineCompose: 'Per inviare serve la connessione',
    skipToList: 'Vai all’elenco dei messaggi',
    folders: 'Cartelle',
    openFolders: 'Mostra le cartelle',
    closeFolders: 'Nascondi le cartelle',
    compose: 'Scrivi',
    signOut: 'Esci',
    help: 'Scorciatoie da tastiera',
    search: 'Cerca nei messaggi',
  },
  folders: {
    inbox: 'Posta in arrivo',
    sent: 'Posta inviata',
    drafts: 'Bozze',
    trash: 'Cestino',
    junk: 'Spam',
    archive: 'Archivio',
    'security-archive': 'Archivio di sicurezza',
    unread_one: '{{count}} da leggere',
    unread_many: '{{count}} da leggere',
    unread_other: '{{count}} da leggere',
  },
  list: {
    label: 'Messaggi in {{folder}}',
    count_one: '{{formattedCount}} messaggio',
    count_many: '{{formattedCount}} messaggi',
    count_other: '{{formattedCount}} messaggi',
    empty: 'Nessun messaggio in questa cartella.',
    emptySearch: 'Nessun messaggio corrisponde a «{{q}}».',
    loadError: 'Impossibile caricare l’elenco.',
    retry: 'Riprova',
    sortBy: 'Ordina per',
    sortDate: 'Data',
    sortFrom: 'Mittente',
    sortSubject: 'Oggetto',
    sortSize: 'Dimensione',
    descending: 'Ordine decrescente',
    attachment: 'Con allegati',
    unread: 'Da leggere',
    flagged: 'Contrassegnato',
    noSubject: '(nessun oggetto)',
    loadingRow: 'Caricamento del messaggio…',
  },
  pecType: {
    'posta-certificata': 'PEC',
    accettazione: 'Accettazione',
    'non-accettazione': 'Non accettazione',
    'presa-in-carico': 'Presa in carico',
    'avvenuta-consegna': 'Consegna',
    'errore-consegna': 'Mancata consegna',
    'preavviso-errore-consegna': 'Preavviso di mancata consegna',
    'rilevazione-virus': 'Virus rilevato',
    anomalia: 'Anomalia',
    ordinary: 'Posta ordinaria',
  },
  pecExplain: {
    'posta-certificata':
      'Un messaggio certificato: il gestore del mittente ha firmato la busta di trasporto.',
    accettazione: 'Il tuo gestore ha accettato il messaggio e lo inoltrerà.',
    'non-accettazione': 'Il tuo gestore ha rifiutato il messaggio: non è stato inviato.',
    'presa-in-carico': 'Il gestore del destinatario ha preso in carico il messaggio.',
    'avvenuta-consegna':
      'Il messaggio è stato consegnato nella casella del destinatario. Questa ricevuta è la prova legale della consegna.',
    'errore-consegna': 'Il messaggio non è stato consegnato al destinatario.',
    'preavviso-errore-consegna':
      'Nessuna ricevuta di consegna dopo 12 ore: la consegna potrebbe non riuscire.',
    'rilevazione-virus': 'È stato rilevato un virus: il messaggio non è stato consegnato.',
    anomalia: 'Il messaggio è arrivato con un’anomalia nella busta PEC: valutalo con attenzione.',
    ordinary: 'Posta ordinaria, non certificata: non ha il valore legale della PEC.',
  },
  reader: {
    pane: 'Pannello di lettura',
    empty: 'Seleziona un messaggio per leggerlo.',
    emptyHint: 'Premi j e k per scorrere l’elenco, Invio per aprire, ? per tutte le scorciatoie.',
    back: 'Torna all’elenco',
    from: 'Da',
    to: 'A',
    cc: 'Cc',
    date: 'Data',
    attachments: 'Allegati',
    pecDetails: 'Dettagli PEC',
    htmlFrame: 'Contenuto del messaggio',
    remoteBlocked: 'Le immagini remote sono bloccate per proteggere la tua riservatezza.',
    showRemote: 'Mostra i contenuti remoti',
    loadError: 'Impossibile aprire il messaggio.',
  },
  help: {
    title: 'Scorciatoie da tastiera',
    intro: 'Le scorciatoie funzionano quando il cursore non è in un campo di testo.',
    next: 'Messaggio successivo',
    previous: 'Messaggio precedente',
    open: 'Apri il messaggio selezionato',
    close: 'Chiudi il messaggio o la finestra',
    compose: 'Scrivi',
    search: 'Cerca',
    help: 'Mostra questo aiuto',
    dismiss: 'Chiudi',
  },
  problem: {
    'network-not-allowed':
      'Per questa casella l’accesso da questa rete non è consentito. Riprova da una rete consentita.',
    'invalid-credentials': 'L’indirizzo o la password non sono corretti.',
    'not-signed-in': 'La sessione è terminata. Accedi di nuovo.',
    'session-expired': 'La sessione è scaduta. Accedi di nuovo.',
    'rate-limited': 'Troppi tentativi. Attendi qualche minuto e riprova.',
    'account-suspended': 'Questa casella è sospesa. Contatta il tuo gestore.',
    forbidden: 'Non hai il permesso di farlo.',
    csrf: 'La richiesta è stata rifiutata per motivi di sicurezza. Ricarica la pagina.',
    'not-found': 'Non trovato: potrebbe essere stato spostato o eliminato.',
    network: 'Il server non è raggiungibile. Controlla la connessione.',
    'server-error': 'Si è verificato un problema sul server. Riprova tra poco.',
    unexpected: 'Errore imprevisto (stato {{status}}).',
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
