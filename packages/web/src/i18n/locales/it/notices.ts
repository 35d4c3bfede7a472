// Testi italiani degli avvisi e-mail di nuove PEC (/settings/notices); parte del catalogo it (../it.ts).
import type { Catalogue } from '../en.ts';

export const notices: Catalogue['notices'] = {
  title: 'Avvisi',
  back: 'Torna alla posta',
  emailTitle: 'Avvisi e-mail di nuove PEC',
  emailHint:
    'Ogni nuova PEC è annunciata con una breve e-mail ordinaria a questi indirizzi: solo mittente, oggetto e ora, mai il contenuto. Al massimo {{count}} indirizzi; ciascuno riceve gli avvisi solo dopo la verifica.',
  capHint:
    'Oltre un certo numero di avvisi in un’ora, le altre PEC di quell’ora sono riassunte in un unico avviso.',
  none: 'Nessun indirizzo per gli avvisi.',
  addLabel: 'Nuovo indirizzo',
  add: 'Aggiungi e invia un codice',
  added:
    'Abbiamo inviato un codice di sei cifre a {{address}}. Scrivilo qui sotto per verificare l’indirizzo.',
  verified: 'Verificato',
  pending: 'In attesa del codice',
  codeLabel: 'Codice per {{address}}',
  verify: 'Verifica',
  resend: 'Invia un nuovo codice',
  remove: 'Rimuovi',
  removeNamed: 'Rimuovi {{address}}',
  verifiedDone: '{{address}} è verificato e riceverà un avviso per ogni nuova PEC.',
  removedDone: '{{address}} è stato rimosso.',
  full: 'Hai raggiunto il numero massimo di indirizzi.',
  loadError: 'Non è stato possibile caricare le impostazioni degli avvisi. Riprova più tardi.',
  deliveryTitle: 'Come arrivano gli avvisi e-mail',
  modeImmediate: 'Subito: un avviso per ogni nuova PEC',
  modeDigest: 'Come riepilogo agli orari scelti: un avviso con le PEC ricevute dall’ultimo',
  digestHint: 'Orari del giorno in {{zone}}. Se non arriva nessuna PEC, nessun riepilogo.',
  noTimes: 'Nessun orario scelto: aggiungine almeno uno.',
  timesLabel: 'Orari del riepilogo',
  removeTime: 'Rimuovi {{time}}',
  timeLabel: 'Orario',
  addTime: 'Aggiungi orario',
  save: 'Salva',
  deliverySaved: 'Salvato.',
  smsTitle: 'Avvisi SMS',
  smsUnavailable: 'Questo gestore non offre avvisi via SMS.',
  smsHint:
    'Un breve SMS al tuo cellulare per ogni nuova PEC: solo mittente e oggetto. Al massimo {{count}} SMS al giorno, codici di verifica compresi.',
  smsNotInPlan:
    'Il tuo piano non comprende gli avvisi SMS. Puoi già verificare il numero di cellulare; gli SMS partiranno quando il piano li comprenderà.',
  mobileLabel: 'Numero di cellulare',
  mobileHint: 'In formato internazionale, es. +39 333 123 4567. Riceverà via SMS un codice di sei cifre.',
  sendCode: 'Invia un codice via SMS',
  codeSent: 'È stato inviato via SMS un codice di sei cifre. Scrivilo qui sotto per verificare il numero.',
  mobileVerifiedDone: 'Il numero di cellulare è verificato.',
  mobileRemoved: 'Il numero di cellulare è stato rimosso; non saranno inviati SMS.',
  smsEnabledLabel: 'Invia un SMS per ogni nuova PEC',
  smsEnabledHint: 'Gli SMS vanno al numero verificato qui sopra.',
  smsEnabledOn: 'SMS per le nuove PEC attivati.',
  smsEnabledOff: 'SMS per le nuove PEC disattivati.',
  smsBoxLifeLabel:
    'Invia un SMS anche per gli avvisi sulla casella: spazio, scadenza, rinnovo, nuovo accesso',
  smsBoxLifeHint:
    "L'e-mail di questi avvisi parte sempre. Quelli urgenti (scadenza domani, casella scaduta o disattivata, nuovo accesso) non aspettano la fine delle ore di silenzio.",
  smsBoxLifeOn: 'SMS per gli avvisi sulla casella attivati.',
  smsBoxLifeOff: 'SMS per gli avvisi sulla casella disattivati.',
  smsEnableNeeds: 'Servono un numero di cellulare verificato e un piano che comprenda gli SMS.',
  quietTitle: 'Ore di silenzio',
  quietHint:
    'Nessun SMS tra questi orari ({{zone}}); gli SMS delle PEC ricevute nel frattempo partono alla fine. Lascia vuoti entrambi per nessuna.',
  quietFrom: 'Dalle',
  quietTo: 'Alle',
  quietSaved: 'Ore di silenzio salvate.',
};
