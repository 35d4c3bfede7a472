// Testi italiani dell'amministrazione (/admin/...); parte del catalogo it (../it.ts).
import type { Catalogue } from '../en.ts';

export const admin: Catalogue['admin'] = {
  shell: {
    title: 'Amministrazione',
    navigation: 'Sezioni dell’amministrazione',
    signOut: 'Esci',
  },
  roles: {
    admin: 'Operatore · amministratore',
    support: 'Operatore · assistenza',
    auditor: 'Operatore · revisore',
    postmaster: 'Postmaster',
  },
  sections: {
    boxes: 'Caselle',
    import: 'Importa da CSV',
    defaults: 'Impostazioni del dominio',
    audit: 'Registro delle attività',
    operatorHealth: 'Stato del servizio',
    operatorLog: 'Registro dei log',
    operatorQueue: 'Code e quarantena',
    operatorDomains: 'Domini',
  },
  signIn: {
    title: 'Accesso all’amministrazione',
    subtitle: 'Per i postmaster dei domini dei clienti e per gli operatori del gestore',
    email: 'Indirizzo e-mail',
    password: 'Password',
    code: 'Codice dell’app di autenticazione',
    submit: 'Accedi',
    verify: 'Verifica',
    submitting: 'Accesso in corso…',
    required: 'Inserisci indirizzo e-mail e password.',
    errorTitle: 'Accesso non riuscito',
    footer: 'Ogni operazione svolta qui viene registrata con il tuo nome e il tuo indirizzo.',
  },
  audit: {
    title: 'Registro delle attività',
    hint: 'Tutte le operazioni amministrative e i tentativi rifiutati, dai più recenti.',
    search: 'Cerca per persona, operazione o casella',
    searchButton: 'Cerca',
    outcome: 'Esito',
    outcomes: { any: 'Qualsiasi esito', done: 'Eseguita', refused: 'Rifiutata', denied: 'Negata' },
    when: 'Quando',
    who: 'Chi',
    action: 'Operazione',
    target: 'Oggetto',
    from: 'Da',
    empty: 'Nessuna voce corrisponde.',
    more: 'Mostra voci precedenti',
  },
};
